import { describe, expect, it } from 'vitest';
import { loadMigrations, migrate } from '../../src/db/migrate.ts';
import { createTestDatabase, databaseTargets } from '../support/databases.ts';

describe.each(databaseTargets())('migrations on $name PostgreSQL', (target) => {
  it('are numbered once each, and a second run applies nothing', async () => {
    const migrations = await loadMigrations();
    expect(new Set(migrations.map((m) => m.version)).size).toBe(migrations.length);
    const db = await createTestDatabase(target);
    try {
      expect(await migrate(db.pool)).toEqual({ applied: [], current: migrations.at(-1)?.version });
    } finally {
      await db.drop();
    }
  });

  it('refuses a database where a version was applied under another name, and changes nothing', async () => {
    const db = await createTestDatabase(target);
    try {
      const last = (await loadMigrations()).at(-1)!;
      await db.pool.query('DELETE FROM execops_migrations WHERE version = $1', [last.version]);
      await db.pool.query('INSERT INTO execops_migrations (version, name) VALUES ($1, $2)', [last.version, 'from_another_branch']);
      await expect(migrate(db.pool)).rejects.toThrow(`migration ${last.version} was applied as "from_another_branch", but this build's ${last.version} is "${last.name}"`);
      const { rows } = await db.pool.query<{ name: string }>('SELECT name FROM execops_migrations WHERE version = $1', [last.version]);
      expect(rows).toEqual([{ name: 'from_another_branch' }]);
    } finally {
      await db.drop();
    }
  });
});
