import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { withTransaction, type Pool, type Queryable } from './pool.ts';

const MIGRATIONS_DIR = fileURLToPath(new URL('../../migrations/', import.meta.url));
const MIGRATION_FILE = /^(\d{3})_([a-z0-9_]+)\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export async function loadMigrations(): Promise<Migration[]> {
  const files = (await readdir(MIGRATIONS_DIR)).filter((f) => MIGRATION_FILE.test(f)).sort();
  const numbers = files.map((f) => f.slice(0, 3));
  const taken = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (taken) throw new Error(`two migrations are numbered ${taken}: ${files.filter((f) => f.startsWith(taken)).join(', ')}`);
  return Promise.all(
    files.map(async (file) => {
      const [, version, name] = MIGRATION_FILE.exec(file) as RegExpExecArray;
      return { version: Number(version), name: name as string, sql: await readFile(MIGRATIONS_DIR + file, 'utf8') };
    }),
  );
}

export interface MigrationResult {
  applied: number[];
  current: number;
}

/**
 * Applies every pending migration in one transaction under a transaction-level advisory lock, so any
 * number of processes may race here: the first applies, the rest wait and then find nothing to do.
 */
export async function migrate(pool: Pool): Promise<MigrationResult> {
  const migrations = await loadMigrations();
  return withTransaction(pool, async (client) => {
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('execops.migrate'))`);
    await client.query(`CREATE TABLE IF NOT EXISTS execops_migrations (
      version    integer PRIMARY KEY,
      name       text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Map(
      (await client.query<{ version: number; name: string }>('SELECT version, name FROM execops_migrations')).rows.map((r) => [r.version, r.name]),
    );
    const applied: number[] = [];
    for (const m of migrations) {
      const doneAs = done.get(m.version);
      // A version applied under another name is another migration (two branches took the same number): skipping it
      // would leave this one's schema out without a word.
      if (doneAs !== undefined && doneAs !== m.name) {
        throw new Error(`migration ${m.version} was applied as "${doneAs}", but this build's ${m.version} is "${m.name}"; the database comes from another build`);
      }
      if (doneAs !== undefined) continue;
      await client.query(m.sql);
      await client.query('INSERT INTO execops_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      applied.push(m.version);
    }
    return { applied, current: migrations.at(-1)?.version ?? 0 };
  });
}

export interface MigrationStatus {
  applied: number;
  expected: number;
}

export async function migrationStatus(db: Queryable): Promise<MigrationStatus> {
  const expected = (await loadMigrations()).length;
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('execops_migrations')::text AS t`);
  if (!exists.rows[0]?.t) return { applied: 0, expected };
  const { rows } = await db.query<{ n: number }>('SELECT count(*) AS n FROM execops_migrations');
  return { applied: rows[0]?.n ?? 0, expected };
}
