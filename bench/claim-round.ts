// What one claim of 16 jobs plus the completion of those 16 costs (issue 8), against two schemas of the same
// engine: "before" has the migrations up to --before-version only, "after" has all of them. Both databases are
// served from one process, in alternating blocks of rounds, so a busy machine weighs on both alike.
//   npm --prefix bench run claim-round [-- --jobs 40000 --rounds 600 --before-version 17]
import { parseArgs } from 'node:util';
import pg from 'pg';
import { loadMigrations } from '../packages/engine/src/db/migrate.ts';
import { compactJobCounts, createPool, PgStore, type Pool } from '../packages/engine/src/index.ts';
import { databaseUrl, PG_ADMIN_URL } from './harness/environment.ts';
import { spread } from './harness/stats.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '40000' },
    rounds: { type: 'string', default: '600' },
    'before-version': { type: 'string', default: '17' },
  },
});
const JOBS = Number(values.jobs);
const ROUNDS = Number(values.rounds);
const BEFORE_VERSION = Number(values['before-version']);
const BATCH = 16;
const BLOCK = 25;

/** A fresh database with the migrations up to `upTo`, 'relaxed' like the side-by-side runs, loaded with queued jobs. */
async function prepare(name: string, upTo: number): Promise<{ pool: Pool; store: PgStore }> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.query(`ALTER DATABASE ${name} SET synchronous_commit = off`);
  await admin.end();
  const pool = createPool({ connectionString: databaseUrl(name), max: 4, applicationName: 'bench-claim-round' });
  for (const migration of (await loadMigrations()).filter((m) => m.version <= upTo)) await pool.query(migration.sql);
  const store = new PgStore({ pool });
  for (let i = 0; i < JOBS; i += 1000) {
    await store.enqueueBatch('bench', Array.from({ length: Math.min(1000, JOBS - i) }, (_, k) => ({ jobType: 'bench.noop', queue: `q${k % 4}`, payload: { i: i + k } })));
  }
  await pool.query('VACUUM ANALYZE jobs');
  // No vacuum during the rounds, so index growth counts every entry the rounds wrote.
  await pool.query('ALTER TABLE jobs SET (autovacuum_enabled = off)');
  return { pool, store };
}

async function round(store: PgStore): Promise<number> {
  const started = performance.now();
  const claimed = await store.claim({ workerId: 'bench-round', jobTypes: ['bench.noop'], limit: BATCH, leaseSeconds: 60 });
  if (claimed.length < BATCH) throw new Error('ran out of queued jobs: raise --jobs');
  await store.completeBatch(claimed.map((lease) => ({ ...lease, result: null })));
  return performance.now() - started;
}

const schemas = [
  { label: `before (migrations ≤ ${BEFORE_VERSION})`, ...(await prepare('bench_round_before', BEFORE_VERSION)), times: [] as number[], counts: false },
  { label: 'after (all migrations)', ...(await prepare('bench_round_after', Number.MAX_SAFE_INTEGER)), times: [] as number[], counts: true },
];
/** How many indexes `jobs` has and their total size: growth over the rounds is what they wrote, whatever the load. */
async function jobIndexes(pool: Pool): Promise<{ n: number; bytes: number }> {
  const { rows } = await pool.query<{ n: string; bytes: string }>(
    `SELECT count(*) AS n, sum(pg_relation_size(indexrelid)) AS bytes FROM pg_index WHERE indrelid = 'jobs'::regclass`,
  );
  return { n: Number(rows[0]?.n), bytes: Number(rows[0]?.bytes) };
}
const indexesAtStart = await Promise.all(schemas.map((s) => jobIndexes(s.pool)));
for (let done = 0; done < ROUNDS; done += BLOCK) {
  for (const schema of done % (2 * BLOCK) === 0 ? schemas : [...schemas].reverse()) {
    for (let k = 0; k < BLOCK; k++) schema.times.push(await round(schema.store));
    // The server folds count deltas every 2 s; here between blocks, outside the timed rounds.
    if (schema.counts) await compactJobCounts(schema.pool);
  }
}
const indexesAtEnd = await Promise.all(schemas.map((s) => jobIndexes(s.pool)));
const [before, after] = schemas.map((s) => spread(s.times)!);
console.log(`claim ${BATCH} + complete ${BATCH}, ${ROUNDS} rounds per schema in blocks of ${BLOCK}, ${JOBS.toLocaleString('en-US')} queued jobs at the start:`);
schemas.forEach((s, k) => {
  const figures = spread(s.times)!;
  const grownPerJob = (indexesAtEnd[k]!.bytes - indexesAtStart[k]!.bytes) / (ROUNDS * BATCH);
  console.log(
    `  ${s.label}: ${indexesAtStart[k]!.n} indexes on jobs, median ${figures.median.toFixed(2)} ms per round ` +
      `[${figures.min.toFixed(2)}–${figures.max.toFixed(2)}], indexes grew ${Math.round(grownPerJob)} bytes per claimed+completed job`,
  );
});
console.log(`  after / before: ${(after!.median / before!.median).toFixed(2)}`);
for (const schema of schemas) await schema.pool.end();
