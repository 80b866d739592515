import type { Pool } from '@execops/engine';

/** Columns a request may touch without changing anything an operator sees: a token's last use. */
const VOLATILE_COLUMNS: Record<string, string> = { api_tokens: 'last_used_at' };

/**
 * One text that changes whenever any row of any table changes (count and md5 of every row per table), so a test
 * can assert that a request wrote nothing at all.
 */
export async function dbFingerprint(pool: Pool): Promise<string> {
  const { rows: tables } = await pool.query<{ table_name: string; columns: string[] }>(
    `SELECT table_name, array_agg(column_name::text ORDER BY ordinal_position) AS columns
     FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'execops_migrations'
     GROUP BY table_name ORDER BY table_name`,
  );
  const parts = tables.map(({ table_name: table, columns }) => {
    const kept = columns.filter((c) => c !== VOLATILE_COLUMNS[table]).map((c) => `"${c}"`);
    return `SELECT '${table}' AS t, count(*) || ':' || md5(coalesce(string_agg(r, '|' ORDER BY r), '')) AS f
            FROM (SELECT row(${kept.join(', ')})::text AS r FROM "${table}") x`;
  });
  const { rows } = await pool.query<{ t: string; f: string }>(parts.join(' UNION ALL '));
  return rows.map((r) => `${r.t}=${r.f}`).join(' ');
}
