import pg from 'pg';

// int8 (count(*), bigserial) arrives as a string by default; every count we read fits a double.
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number(v));

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** Anything that can run a query: the pool, or a client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'>;

export interface PoolOptions {
  connectionString: string;
  max?: number;
  applicationName?: string;
}

export function createPool(options: PoolOptions): Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'execops',
    idleTimeoutMillis: 30_000,
    // JIT compilation pays off for long analytic queries; ours are short, and a misestimated window made PostgreSQL
    // spend 74 ms compiling an 8 ms queue-health statement (bench/scale.ts at 1M jobs).
    options: '-c jit=off',
  });
  // An idle client that loses its connection emits on the pool; without a listener Node would crash.
  pool.on('error', () => undefined);
  return pool;
}

export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}
