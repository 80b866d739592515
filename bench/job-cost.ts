// Where a job's CPU goes (issue 8). Part 1: one worker runtime (16 slots) burns down --jobs queued no-op jobs on a
// fresh database; Node's CPU comes from process.cpuUsage, PostgreSQL's from /proc (utime + stime of every postgres
// process, so run it against an otherwise idle server; Linux only). Part 2: EXPLAIN ANALYZE of --rounds claims of 16
// and their completions, the engine's own statements; the median time of each part of them is printed.
// --try runs a SQL file after the migrations, to price a schema idea before building it (see experiments/).
//   npm --prefix bench run job-cost [-- --jobs 20000 --rounds 30 --profile relaxed --try experiments/<idea>.sql]
import { readdirSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { createPool, migrate, PgStore, WorkerRuntime, type Pool } from '../packages/engine/src/index.ts';
import { CLAIM_STATEMENT, COMPLETE_STATEMENT } from '../packages/engine/src/store/job-sql.ts';
import { databaseUrl, recreateDatabase } from './harness/environment.ts';
import { percentile } from './harness/stats.ts';
import type { Profile } from './harness/types.ts';

const { values } = parseArgs({
  options: {
    jobs: { type: 'string', default: '20000' },
    rounds: { type: 'string', default: '30' },
    profile: { type: 'string', default: 'relaxed' },
    try: { type: 'string' },
  },
});
const JOBS = Number(values.jobs);
const ROUNDS = Number(values.rounds);
const PROFILE = values.profile as Profile;
const DATABASE = 'bench_job_cost';
const TENANT = 'bench';
const JOB_TYPE = 'bench.noop';
const BATCH = 16;
const TICK_MICROS = 10_000; // USER_HZ is 100 on Linux

function postgresMicros(): number {
  let ticks = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended between listing and reading
    }
  }
  return ticks * TICK_MICROS;
}

async function enqueue(store: PgStore, count: number): Promise<void> {
  for (let i = 0; i < count; i += 500) {
    await store.enqueueBatch(TENANT, Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ jobType: JOB_TYPE, payload: { i: i + k } })));
  }
}

async function burnDown(pool: Pool, store: PgStore): Promise<void> {
  await enqueue(store, JOBS);
  await pool.query('VACUUM ANALYZE jobs');
  let done = 0;
  let allDone: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (allDone = resolve));
  const runtime = new WorkerRuntime({ store, connectionString: databaseUrl(DATABASE), concurrency: BATCH });
  runtime.register(JOB_TYPE, async () => {
    if (++done === JOBS) allDone();
    return null;
  });
  const started = performance.now();
  const node = process.cpuUsage();
  const postgres = postgresMicros();
  await runtime.start();
  await finished;
  await runtime.stop();
  const seconds = (performance.now() - started) / 1000;
  const nodeUsed = process.cpuUsage(node);
  // Read before the pool closes: its backends' CPU leaves /proc with them.
  const postgresUsed = postgresMicros() - postgres;
  const perJob = (micros: number) => (micros / JOBS).toFixed(0);
  console.log(`burn-down of ${JOBS.toLocaleString('en')} jobs, 1 runtime × ${BATCH} slots, ${PROFILE}: ${(JOBS / seconds).toFixed(0)} jobs/s`);
  console.log(`CPU per job: Node ${perJob(nodeUsed.user + nodeUsed.system)} µs, PostgreSQL ${perJob(postgresUsed)} µs\n`);
}

interface PlanNode {
  'Node Type': string;
  Operation?: string;
  'Relation Name'?: string;
  'Function Name'?: string;
  'Actual Total Time': number;
  Plans?: PlanNode[];
}
interface Explained {
  Plan: PlanNode;
  Triggers?: { 'Trigger Name': string; Time: number }[];
  'Planning Time': number;
  'Execution Time': number;
}

/** Each statement part's time in ms: table writes, the claim scan, triggers, planning, and the whole execution. */
function parts(explained: Explained): Map<string, number> {
  const found = new Map<string, number>([['planning', explained['Planning Time']]]);
  const add = (name: string, ms: number) => found.set(name, (found.get(name) ?? 0) + ms);
  const walk = (node: PlanNode) => {
    // A claim's update includes the claim scan beneath it.
    if (node['Node Type'] === 'ModifyTable') add(`${node.Operation?.toLowerCase()} ${node['Relation Name']}`, node['Actual Total Time']);
    if (node['Node Type'] === 'ProjectSet' || node['Function Name']) add('claim scan (execops_claimable_jobs)', node['Actual Total Time']);
    node.Plans?.forEach(walk);
  };
  walk(explained.Plan);
  for (const trigger of explained.Triggers ?? []) {
    add(trigger['Trigger Name'].startsWith('RI_ConstraintTrigger') ? 'foreign key checks' : `trigger ${trigger['Trigger Name']}`, trigger.Time);
  }
  add('execution (all of it)', explained['Execution Time']);
  return found;
}

async function explainRounds(pool: Pool, store: PgStore): Promise<void> {
  await enqueue(store, BATCH * (ROUNDS + 5));
  const client = await pool.connect();
  const timings = { claim: new Map<string, number[]>(), complete: new Map<string, number[]>() };
  const record = (into: Map<string, number[]>, explained: Explained) => {
    for (const [name, ms] of parts(explained)) into.set(name, [...(into.get(name) ?? []), ms]);
  };
  try {
    await client.query(`PREPARE claim_round AS ${CLAIM_STATEMENT.text}`);
    await client.query(`PREPARE complete_round AS ${COMPLETE_STATEMENT.text}`);
    for (let round = 0; round < ROUNDS + 5; round++) {
      const claim = await client.query<{ 'QUERY PLAN': Explained[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE claim_round('bench-worker', '{${JOB_TYPE}}', ${BATCH}, 60)`,
      );
      const claimed = await client.query<{ id: string; lease_id: string }>(
        `SELECT id, lease_id FROM jobs WHERE state = 'running' AND lease_owner = 'bench-worker'`,
      );
      const ids = claimed.rows.map((r) => r.id);
      // EXPLAIN EXECUTE takes no bind parameters; uuids are safe to spell out.
      const uuids = (list: string[]) => `ARRAY[${list.map((u) => `'${u}'`).join(',')}]::uuid[]`;
      const complete = await client.query<{ 'QUERY PLAN': Explained[] }>(
        `EXPLAIN (ANALYZE, FORMAT JSON) EXECUTE complete_round(${uuids(ids)}, ${uuids(claimed.rows.map((r) => r.lease_id))}, ` +
          `array_fill('null'::text, ARRAY[${ids.length}]))`,
      );
      if (round < 5) continue; // warm-up: plans cached, trigger functions compiled
      record(timings.claim, claim.rows[0]!['QUERY PLAN'][0]!);
      record(timings.complete, complete.rows[0]!['QUERY PLAN'][0]!);
    }
  } finally {
    client.release();
  }
  for (const [statement, measured] of Object.entries(timings)) {
    console.log(`${statement} of ${BATCH} jobs, median of ${ROUNDS} (ms; µs per job)`);
    for (const [name, samples] of measured) {
      const median = percentile([...samples].sort((a, b) => a - b), 50) ?? 0;
      console.log(`  ${name.padEnd(44)} ${median.toFixed(3).padStart(7)}  ${((median * 1000) / BATCH).toFixed(0).padStart(5)}`);
    }
  }
}

await recreateDatabase(DATABASE, PROFILE);
const pool = createPool({ connectionString: databaseUrl(DATABASE), max: 10, applicationName: 'bench-job-cost' });
try {
  await migrate(pool);
  if (values.try) await pool.query(await readFile(values.try, 'utf8'));
  const store = new PgStore({ pool });
  await burnDown(pool, store);
  await explainRounds(pool, store);
} finally {
  await pool.end();
}
