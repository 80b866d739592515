// Where the peers live (loopback only) and how a PostgreSQL database is recreated for a trial.
import pg from 'pg';
import type { Profile } from './types.ts';

export const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const REDIS = { host: process.env.BENCH_REDIS_HOST ?? '127.0.0.1', port: Number(process.env.BENCH_REDIS_PORT ?? 6379) };

export function databaseUrl(database: string): string {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Drops and recreates `database`; the profile's `synchronous_commit` is a database setting, so every connection gets it. */
export async function recreateDatabase(database: string, profile: Profile): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.query(`ALTER DATABASE ${database} SET synchronous_commit = ${profile === 'durable' ? 'on' : 'off'}`);
  } finally {
    await admin.end();
  }
}

/** Committed transactions of one database; read after the workers exit, since backends flush their counts on the way out. */
export async function committedTransactions(pool: pg.Pool, database: string): Promise<number> {
  const { rows } = await pool.query<{ n: string }>('SELECT xact_commit AS n FROM pg_stat_database WHERE datname = $1', [database]);
  return Number(rows[0]?.n ?? 0);
}
