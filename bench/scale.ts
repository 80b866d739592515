// Scale check (issue 8): with 1M jobs and 100k dead-letter entries in PostgreSQL, the list/filter/sort, dead-letter,
// overview and queue endpoints of the real Fastify app answer with p95 < 50 ms. Loads the data with SQL
// (generate_series) into its own database, migrates with our migrations, then times each endpoint through
// app.inject (the whole request path minus the socket) and EXPLAIN ANALYZEs every read statement of each endpoint.
//   npm --prefix bench run scale [-- --jobs 1000000 --reload --samples 30 --only dead-letter]
// The data is kept between runs (same --jobs): --reload loads it again.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { buildApp } from '../apps/server/src/app.ts';
import { AuthStore, compactAllCounts, createPool, migrate, PgStore, type Pool } from '../packages/engine/src/index.ts';
import { databaseUrl, PG_ADMIN_URL } from './harness/environment.ts';
import { SCALE_ADMIN_TOKEN, SCALE_DATABASE } from './harness/scale-database.ts';
import { latencySummary } from './harness/stats.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '1000000' },
    samples: { type: 'string', default: '30' },
    reload: { type: 'boolean', default: false },
    only: { type: 'string', default: '' },
  },
});
const JOBS = Number(values.jobs);
const SAMPLES = Number(values.samples);
const DATABASE = SCALE_DATABASE;
const TARGET_P95_MS = 50;
const ADMIN_TOKEN = SCALE_ADMIN_TOKEN;
const CHUNK = 100_000;

/** Share of each state in the loaded jobs, by `g % 100`; 10% failed → the dead-letter trigger writes 100k entries per 1M. */
const STATE_OF = `CASE WHEN g % 100 < 80 THEN 'succeeded' WHEN g % 100 < 90 THEN 'failed' WHEN g % 100 < 95 THEN 'queued'
  WHEN g % 100 < 98 THEN 'scheduled' WHEN g % 100 < 99 THEN 'running' ELSE 'canceled' END`;

async function loaded(): Promise<boolean> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  const { rows } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
  await admin.end();
  if (rows.length === 0) return false;
  const client = new pg.Client({ connectionString: databaseUrl(DATABASE) });
  await client.connect();
  try {
    const { rows: count } = await client.query<{ n: string }>(`SELECT count(*) AS n FROM jobs`);
    return Number(count[0]?.n) === JOBS;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

async function load(): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DATABASE}`);
  await admin.end();
  const pool = createPool({ connectionString: databaseUrl(DATABASE), max: 1 });
  await migrate(pool);
  const client = await pool.connect();
  try {
    // uuid v7 from a given time (execops_uuidv7 takes the clock), so ids sort by the spread-out creation times.
    await client.query(`CREATE FUNCTION pg_temp.v7(ts timestamptz) RETURNS uuid LANGUAGE sql AS $$
      SELECT encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
        PLACING substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid $$`);
    for (let from = 1; from <= JOBS; from += CHUNK) {
      const started = performance.now();
      // Spread over about a week (one job every 0.6 s), 20 types, 8 queues, priorities −3…3; failed jobs carry one of
      // 25 error shapes with numbers and ids in the message, so clusters form as in production.
      await client.query(
        `INSERT INTO jobs (id, tenant, job_type, queue, payload, payload_digest, priority, state, attempt, max_attempts, run_at,
                           lease_id, lease_owner, lease_until, heartbeat_at, result, last_error, created_at, started_at, finished_at)
         SELECT pg_temp.v7(ts), 'default', 'type-' || (g % 20), 'queue-' || (g % 8), jsonb_build_object('i', g), md5(g::text),
                (g % 7) - 3, state, CASE WHEN state IN ('queued', 'scheduled') THEN 0 ELSE 1 + (g % 3) END, 5,
                CASE WHEN state = 'scheduled' THEN now() + (g % 3600) * interval '1 s' ELSE ts END,
                CASE WHEN state = 'running' THEN gen_random_uuid() END, CASE WHEN state = 'running' THEN 'bench-worker' END,
                CASE WHEN state = 'running' THEN now() + interval '30 s' END, CASE WHEN state = 'running' THEN now() END,
                CASE WHEN state = 'succeeded' THEN '{"ok":true}'::jsonb END,
                CASE WHEN state = 'failed' THEN jsonb_build_object('code', 'E' || (g % 25), 'class', CASE WHEN g % 2 = 0 THEN 'transient' ELSE 'permanent' END,
                  'retryable', g % 2 = 0, 'message', 'upstream ' || (g % 25) || ' answered ' || (500 + g % 4) || ' for order ' || md5(g::text)) END,
                ts, CASE WHEN state NOT IN ('queued', 'scheduled') THEN ts + interval '1 s' END,
                CASE WHEN state IN ('succeeded', 'failed', 'canceled') THEN ts + interval '2 s' END
         FROM (SELECT g, now() - g * interval '600 ms' AS ts, ${STATE_OF} AS state
               FROM generate_series($1::int, $2::int) g) s`,
        [from, Math.min(JOBS, from + CHUNK - 1)],
      );
      console.log(`loaded jobs ${from.toLocaleString('en-US')}–${Math.min(JOBS, from + CHUNK - 1).toLocaleString('en-US')} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    // The trigger dates every entry now; spread them like the jobs they came from.
    await client.query('UPDATE dead_letter d SET dead_lettered_at = j.finished_at, first_failed_at = j.finished_at FROM jobs j WHERE j.id = d.job_id');
    await client.query('VACUUM ANALYZE jobs, dead_letter, events');
  } finally {
    client.release();
    await pool.end();
  }
}

interface Recorded {
  text: string;
  values: unknown[] | undefined;
  ms: number;
}

/** Records the statements run through pool.query while `recording` is set (reads go through it). */
function recordQueries(pool: Pool): { start(): void; stop(): Recorded[] } {
  let recorded: Recorded[] | undefined;
  const original = pool.query.bind(pool) as (config: unknown, values?: unknown[]) => Promise<unknown>;
  const wrapped = async (config: unknown, values?: unknown[]) => {
    const started = performance.now();
    try {
      return await original(config, values);
    } finally {
      const text = typeof config === 'string' ? config : (config as { text: string }).text;
      const params = values ?? (typeof config === 'object' ? (config as { values?: unknown[] }).values : undefined);
      recorded?.push({ text, values: params, ms: performance.now() - started });
    }
  };
  (pool as unknown as { query: typeof wrapped }).query = wrapped;
  return {
    start: () => void (recorded = []),
    stop: () => {
      const out = recorded ?? [];
      recorded = undefined;
      return out;
    },
  };
}

if (values.reload || !(await loaded())) await load();
else console.log(`${DATABASE} already holds ${JOBS.toLocaleString('en-US')} jobs (--reload loads it again)`);

const pool = createPool({ connectionString: databaseUrl(DATABASE), max: 10, applicationName: 'bench-scale' });
// Kept data gets the migrations added since it was loaded.
await migrate(pool);
// A server folds the count deltas every 2 s; this script runs none, and a fresh load leaves one delta per entry.
await compactAllCounts(pool);
await pool.query('VACUUM ANALYZE job_counts, job_count_deltas, dead_letter_counts, dead_letter_count_deltas');
const counts = (await pool.query<{ jobs: string; dead: string }>('SELECT (SELECT count(*) FROM jobs) AS jobs, (SELECT count(*) FROM dead_letter) AS dead')).rows[0];
await new AuthStore(pool).ensureAdminToken(60, ADMIN_TOKEN);
const recorder = recordQueries(pool);
const webDist = mkdtempSync(path.join(os.tmpdir(), 'execops-scale-web-'));
writeFileSync(path.join(webDist, 'index.html'), '<!doctype html><title>execops</title>');
const app = await buildApp({ store: new PgStore({ pool }), db: pool, storage: 'external', webDist, bodyLimitBytes: 1 << 20, logLevel: 'silent' });

async function get(url: string): Promise<{ status: number; json: unknown }> {
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
  return { status: response.statusCode, json: response.json() };
}

const dayAgo = new Date(Date.now() - 86_400_000).toISOString();
const firstPage = (await get('/api/v1/jobs?limit=50')).json as { nextCursor: string | null };
const clusters = (await get('/api/v1/dead-letter/stats')).json as { clusters?: { clusterKey: string }[] };
const cluster = clusters.clusters?.[0]?.clusterKey ?? 'E1: x';
// The page after the last finished job in finishedAt desc order: unfinished jobs only (null finishedAt, listed last).
const unfinishedTail = Buffer.from(JSON.stringify({ sort: 'finishedAt', order: 'desc', key: null, id: 'ffffffff-ffff-7fff-bfff-ffffffffffff' })).toString('base64url');
const endpoints: [string, string][] = [
  ['jobs: newest first', '/api/v1/jobs?limit=50'],
  ['jobs: page 2 (cursor)', `/api/v1/jobs?limit=50&cursor=${encodeURIComponent(firstPage.nextCursor ?? '')}`],
  ['jobs: state=failed', '/api/v1/jobs?state=failed&limit=50'],
  ['jobs: state=queued,running', '/api/v1/jobs?state=queued,running&limit=50'],
  ['jobs: jobType', '/api/v1/jobs?jobType=type-7&limit=50'],
  ['jobs: queue', '/api/v1/jobs?queue=queue-3&limit=50'],
  ['jobs: state + jobType', '/api/v1/jobs?state=succeeded&jobType=type-7&limit=50'],
  ['jobs: created in the last day', `/api/v1/jobs?createdAfter=${encodeURIComponent(dayAgo)}&limit=50`],
  ['jobs: sort priority asc', '/api/v1/jobs?sort=priority&order=asc&limit=50'],
  ['jobs: sort runAt desc', '/api/v1/jobs?sort=runAt&order=desc&limit=50'],
  ['jobs: sort finishedAt desc', '/api/v1/jobs?sort=finishedAt&order=desc&limit=50'],
  ['jobs: sort finishedAt asc', '/api/v1/jobs?sort=finishedAt&order=asc&limit=50'],
  ['jobs: sort finishedAt desc, unfinished tail', `/api/v1/jobs?sort=finishedAt&order=desc&limit=50&cursor=${unfinishedTail}`],
  ['jobs: sort priority desc', '/api/v1/jobs?sort=priority&order=desc&limit=50'],
  ['jobs: sort runAt asc', '/api/v1/jobs?sort=runAt&order=asc&limit=50'],
  ['jobs: oldest first', '/api/v1/jobs?sort=createdAt&order=asc&limit=50'],
  ['jobs: state=failed sort finishedAt', '/api/v1/jobs?state=failed&sort=finishedAt&order=desc&limit=50'],
  ['jobs: state=queued,running sort finishedAt', '/api/v1/jobs?state=queued,running&sort=finishedAt&order=desc&limit=50'],
  ['jobs: text search', '/api/v1/jobs?text=order&limit=50'],
  ['dead-letter: list', '/api/v1/dead-letter?limit=50'],
  ['dead-letter: open, jobType', '/api/v1/dead-letter?status=open&jobType=type-5&limit=50'],
  ['dead-letter: cluster', `/api/v1/dead-letter?cluster=${encodeURIComponent(cluster)}&limit=50`],
  ['dead-letter: class + retryable', '/api/v1/dead-letter?class=permanent&retryable=false&limit=50'],
  ['dead-letter: stats', '/api/v1/dead-letter/stats'],
  ['overview', '/api/v1/overview'],
  ['queue health', '/api/v1/queues/health'],
];

const outDir = path.join(import.meta.dirname, 'results', `scale-${new Date().toISOString().replace(/[:.]/g, '-')}`);
mkdirSync(outDir, { recursive: true });
/**
 * EXPLAIN ANALYZE of every read statement of one request: the server-side execution time (less at the mercy of a
 * busy machine than the wall figures) and whether any plan reads a big table whole (seq scan of jobs or dead_letter).
 */
async function explainReads(statements: Recorded[]): Promise<{ summary: { executionMs: number; seqScan: boolean }; text: string }> {
  let executionMs = 0;
  let seqScan = false;
  const texts: string[] = [];
  for (const statement of statements.filter((s) => /^\s*(SELECT|WITH)\b/i.test(s.text))) {
    const { rows: plan } = await pool.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.text}`, statement.values);
    const lines = plan.map((r) => r['QUERY PLAN']);
    executionMs += Number(/Execution Time: ([\d.]+)/.exec(lines.at(-1) ?? '')?.[1] ?? 0);
    seqScan ||= lines.some((line) => /Seq Scan on (jobs|dead_letter)\b/.test(line));
    texts.push(`${statement.text}\n-- values: ${JSON.stringify(statement.values)}\n\n${lines.join('\n')}\n`);
  }
  return { summary: { executionMs, seqScan }, text: texts.join('\n') };
}

const rows: {
  endpoint: string;
  url: string;
  status: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
  sqlP95: number | null;
  statements: number;
  ok: boolean;
  executionMs: number;
  seqScan: boolean;
}[] = [];
for (const [name, url] of endpoints.filter(([name]) => name.includes(values.only))) {
  for (let i = 0; i < 3; i++) await get(url);
  const times: number[] = [];
  const sqlTimes: number[] = [];
  let status = 0;
  let statements: Recorded[] = [];
  for (let i = 0; i < SAMPLES; i++) {
    recorder.start();
    const started = performance.now();
    status = (await get(url)).status;
    times.push(performance.now() - started);
    statements = recorder.stop();
    sqlTimes.push(statements.reduce((sum, s) => sum + s.ms, 0));
  }
  const latency = latencySummary(times);
  const sql = latencySummary(sqlTimes);
  const ok = status === 200 && (latency.p95 ?? Infinity) < TARGET_P95_MS;
  const plans = await explainReads(statements);
  rows.push({ endpoint: name, url, status, p50: latency.p50, p95: latency.p95, max: latency.max, sqlP95: sql.p95, statements: statements.length, ok, ...plans.summary });
  writeFileSync(path.join(outDir, `explain-${name.replace(/[^a-z0-9]+/gi, '-')}.txt`), plans.text);
  console.log(`${ok ? 'ok  ' : 'SLOW'} ${name}: p50 ${latency.p50?.toFixed(1)} ms, p95 ${latency.p95?.toFixed(1)} ms (status ${status})`);
}
await app.close();
await pool.end();

const ms = (v: number | null) => (v === null ? '-' : v.toFixed(1));
const table = [
  `${Number(counts?.jobs).toLocaleString('en-US')} jobs, ${Number(counts?.dead).toLocaleString('en-US')} dead-letter entries; ${SAMPLES} sequential requests per endpoint after 3 warm-ups; target p95 < ${TARGET_P95_MS} ms.`,
  '',
  '| endpoint | p50 (ms) | p95 (ms) | max (ms) | SQL per request p95 (ms, statements) | EXPLAIN ANALYZE execution (ms) | seq scan of jobs / dead_letter | p95 < 50 ms |',
  '|---|---|---|---|---|---|---|---|',
  ...rows.map(
    (r) =>
      `| ${r.endpoint} | ${ms(r.p50)} | ${ms(r.p95)} | ${ms(r.max)} | ${ms(r.sqlP95)} (${r.statements}) | ${ms(r.executionMs)} | ${r.seqScan ? '**yes**' : 'no'} | ${r.ok ? 'yes' : `**no**${r.status === 200 ? '' : ` (status ${r.status})`}`} |`,
  ),
].join('\n');
writeFileSync(path.join(outDir, 'scale.json'), `${JSON.stringify({ jobs: counts?.jobs, deadLetter: counts?.dead, samples: SAMPLES, rows }, null, 2)}\n`);
writeFileSync(path.join(outDir, 'scale.md'), `${table}\n`);
console.log(`\n${table}\n\nplans of every endpoint: ${outDir}`);
