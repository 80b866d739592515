import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { migrate } from '../../src/db/migrate.ts';
import { createPool, type Pool } from '../../src/db/pool.ts';
import { AuthStore } from '../../src/auth/auth-store.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedDatabaseUrl: string;
  }
}

export interface DatabaseTarget {
  name: 'embedded' | 'external';
  /** A URL on the target server whose user may create databases. */
  serverUrl: string;
}

/** The embedded PostgreSQL always; the server at DATABASE_URL too when it is set. */
export function databaseTargets(): DatabaseTarget[] {
  const targets: DatabaseTarget[] = [{ name: 'embedded', serverUrl: inject('embeddedDatabaseUrl') }];
  if (process.env.DATABASE_URL) targets.push({ name: 'external', serverUrl: process.env.DATABASE_URL });
  return targets;
}

export interface TestDatabase {
  connectionString: string;
  pool: Pool;
  drop(): Promise<void>;
}

/** A new database on the target (migrated unless `migrated: false`), dropped by `drop()`. */
export async function createTestDatabase(target: DatabaseTarget, options: { migrated?: boolean } = {}): Promise<TestDatabase> {
  const name = `execops_t_${randomBytes(6).toString('hex')}`;
  await adminQuery(target.serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(target.serverUrl);
  url.pathname = `/${name}`;
  const connectionString = url.toString();
  const pool = createPool({ connectionString, max: 20 });
  if (options.migrated !== false) await migrate(pool);
  return {
    connectionString,
    pool,
    async drop() {
      await pool.end();
      await adminQuery(target.serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The admin token test servers are seeded with (scope admin, every tenant); a fixed value, like EXECOPS_ADMIN_TOKEN. */
export const TEST_ADMIN_TOKEN = `eo_00000000000000ad_${'a'.repeat(43)}`;

/** Seeds {@link TEST_ADMIN_TOKEN} into a migrated test database, as a first start with EXECOPS_ADMIN_TOKEN would. */
export async function seedAdminToken(pool: Pool): Promise<string> {
  await new AuthStore(pool).ensureAdminToken(60, TEST_ADMIN_TOKEN);
  return TEST_ADMIN_TOKEN;
}
