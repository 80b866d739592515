import { fileURLToPath } from 'node:url';
import type { FaultPointName } from '@execops/contract/fault-points';
import { afterAll, describe, expect, it } from 'vitest';
import { ScheduleAdmin } from '../../src/scheduler/schedule-admin.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { exitStatus, spawnNode } from '../support/child-process.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.ts';
import { waitFor } from '../support/wait.ts';
import { CRASH_JOB_TYPE, CRASH_SETTINGS } from './crash-settings.ts';
import { recordFigures } from './figures.ts';
import { reliabilityMode } from './reliability-mode.ts';

const NODE = fileURLToPath(new URL('./crash-node.ts', import.meta.url));
const TENANT = 'default';
const OPERATOR = { actor: 'crash-matrix', reason: 'crash matrix' };
const target = databaseTargets().at(-1)!;

const INDEPENDENT_JOBS = 8;
const JOB_MS = 600; // longer than a heartbeat interval (lease / 3), so every job extends its lease at least once
/** Each point with the hit a smoke run kills at; full runs kill at hits 1…N. */
const POINTS: ReadonlyArray<[FaultPointName, number]> = [
  ['after-claim', 1],
  ['mid-handler', 3],
  ['after-handler', 3],
  ['mid-batch-complete', 2],
  ['lease-extension', 2],
  ['dag-unblock', 1],
  ['cron-fire', 2],
];
/** One stage's handler work at full concurrency, plus a generous allowance for a loaded two-core machine. */
const WORK_MS = Math.ceil((INDEPENDENT_JOBS + 4) / CRASH_SETTINGS.concurrency) * JOB_MS;
const RECOVERY_BOUND_MS = CRASH_SETTINGS.leaseSeconds * 1000 + CRASH_SETTINGS.rescueIntervalMs + WORK_MS + 30_000;

type Stage = [FaultPointName, number];

interface CrashRunResult {
  /** The points the successive nodes died at, in order. */
  stages: string[];
  acknowledged: number;
  rescuedAttempts: number;
  duplicateStarts: number;
  cronSlots: number;
  /** From the last SIGKILL until every acknowledged job finished (includes the restarted node's start-up). */
  killToRecoveredMs: number;
  /** From the restarted node's `ready` until every acknowledged job finished. */
  readyToRecoveredMs: number;
}

const mode = reliabilityMode();
const isolated: Stage[] = mode.full ? POINTS.flatMap(([point]) => Array.from({ length: mode.iterations }, (_, i): Stage => [point, i + 1])) : [];
const results: CrashRunResult[] = [];

describe(`crash matrix: engine nodes SIGKILLed at fault points, then restarted (${mode.name})`, () => {
  it('chained: every point in turn, each restarted node dying at the next one, a last node recovers everything', async () => {
    results.push(await withDatabase((db) => crashRun(db, POINTS)));
  }, 180_000);

  it.each(isolated)('%s (hit %i) alone', async (point, hit) => {
    results.push(await withDatabase((db) => crashRun(db, [[point, hit]])));
  }, 120_000);

  // The figures docs/reliability.md reports.
  afterAll(async () => {
    await recordFigures(`crash-matrix-${mode.name}`, { boundMs: RECOVERY_BOUND_MS, settings: CRASH_SETTINGS, results });
  });
});

async function withDatabase<T>(run: (db: TestDatabase) => Promise<T>): Promise<T> {
  const db = await createTestDatabase(target);
  try {
    return await run(db);
  } finally {
    await db.drop();
  }
}

interface Workload {
  acknowledged: string[];
  pipeline: Array<{ key: string; jobId: string }>;
}

const work = (ms: number) => ({ jobType: CRASH_JOB_TYPE, payload: { ms } });

/** A diamond pipeline and independent jobs; acknowledged once the enqueue calls returned. */
async function enqueueWorkload(store: PgStore): Promise<Workload> {
  const pipeline = await store.createPipeline(TENANT, {
    nodes: [
      { key: 'a', job: work(100) },
      { key: 'b', job: work(100), dependsOn: ['a'] },
      { key: 'c', job: work(100), dependsOn: ['a'] },
      { key: 'd', job: work(100), dependsOn: ['b', 'c'] },
    ],
  });
  const independent = await store.enqueueBatch(TENANT, Array.from({ length: INDEPENDENT_JOBS }, () => work(JOB_MS)));
  const nodes = pipeline.jobs.map((n) => ({ key: n.key, jobId: n.job.id }));
  return { acknowledged: [...nodes.map((n) => n.jobId), ...independent.map((r) => r.job.id)], pipeline: nodes };
}

/**
 * Per stage: enqueue a workload, start a node armed with the stage's point and wait for it to die there. Then a
 * clean node recovers; the history check covers every job and cron slot of the run.
 */
async function crashRun(db: TestDatabase, stages: readonly Stage[]): Promise<CrashRunResult> {
  await db.pool.query(
    `CREATE TABLE crash_starts (lease_id uuid PRIMARY KEY, job_id uuid NOT NULL, pid int NOT NULL, started_at timestamptz NOT NULL DEFAULT clock_timestamp())`,
  );
  const store = new PgStore({ pool: db.pool });
  const admin = new ScheduleAdmin(db.pool, store.insert);
  const schedule = await admin.create(TENANT, { name: 'crash-tick', cron: '* * * * * *', target: { kind: 'job', job: work(50) } }, OPERATOR);
  const env = { CRASH_DATABASE_URL: db.connectionString };
  const workloads: Workload[] = [];
  let killedAt = 0;
  for (const [point, hit] of stages) {
    workloads.push(await enqueueWorkload(store));
    const crashing = await spawnNode([NODE], { env: { ...env, EXECOPS_FAULT_POINT: `${point}:${hit}` }, ready: /ready/ });
    const ended = await waitFor(() => exitStatus(crashing), { timeoutMs: 30_000, description: `the node to die at ${point}:${hit}` });
    expect(ended, crashing.output()).toEqual({ code: null, signal: 'SIGKILL' });
    killedAt = Date.now();
  }
  const acknowledged = workloads.flatMap((w) => w.acknowledged);

  const recovering = await spawnNode([NODE], { env, ready: /ready/ });
  const readyAt = Date.now();
  let recoveredAt: number;
  try {
    await waitFor(async () => (await unfinished(db, acknowledged)) === 0, { timeoutMs: 60_000, description: 'every acknowledged job to finish' });
    recoveredAt = Date.now();
    // The restarted node took the scheduler over: slots keep firing after the kill.
    await waitFor(async () => (await cronFires(db, schedule.id)).some((t) => t > readyAt + 1_000), { timeoutMs: 30_000, description: 'cron fires after the restart' });
    await admin.setEnabled(TENANT, schedule.id, false, OPERATOR);
    await waitFor(async () => (await unfinished(db)) === 0, { timeoutMs: 30_000, description: 'every cron job to finish' });
  } finally {
    recovering.process.kill('SIGTERM');
    await recovering.exited;
  }

  const history = await checkHistory(db, acknowledged);
  for (const workload of workloads) await checkDagOrder(db, workload.pipeline);
  // A node killed at its first claim has started no handler: its leases are lost, but no handler runs twice.
  if (stages.length === 1 && stages[0]?.[0] === 'after-claim' && stages[0][1] === 1) expect(history.duplicateStarts).toBe(0);
  const result: CrashRunResult = {
    stages: stages.map(([point, hit]) => `${point}:${hit}`),
    acknowledged: acknowledged.length,
    ...history,
    cronSlots: await checkCron(db, schedule.id),
    killToRecoveredMs: recoveredAt - killedAt,
    readyToRecoveredMs: recoveredAt - readyAt,
  };
  expect(result.readyToRecoveredMs, JSON.stringify(result)).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
  return result;
}

/** crash.work jobs not finished yet, of `ids` or of all. */
async function unfinished(db: TestDatabase, ids?: string[]): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM jobs WHERE job_type = $1 AND state NOT IN ('succeeded', 'failed', 'canceled') AND ($2::uuid[] IS NULL OR id = ANY($2))`,
    [CRASH_JOB_TYPE, ids ?? null],
  );
  return rows[0]?.n ?? 0;
}

async function cronFires(db: TestDatabase, scheduleId: string): Promise<number[]> {
  const { rows } = await db.pool.query<{ fire_at: Date }>('SELECT fire_at FROM runs WHERE schedule_id = $1 ORDER BY fire_at', [scheduleId]);
  return rows.map((r) => r.fire_at.getTime());
}

/**
 * The history check: every acknowledged job succeeded, each job has exactly one succeeded attempt and one
 * `job.succeeded` event, every handler start belongs to an attempt of its job, and a job's handler ran more than
 * once only when an earlier attempt's lease expired (at-least-once: the dead node's jobs, and any job whose
 * heartbeat a starved event loop sent too late).
 */
async function checkHistory(db: TestDatabase, acknowledged: string[]) {
  const { rows: states } = await db.pool.query<{ id: string; state: string }>('SELECT id, state FROM jobs WHERE id = ANY($1)', [acknowledged]);
  expect(states).toHaveLength(acknowledged.length);
  expect(states.filter((s) => s.state !== 'succeeded')).toEqual([]);

  const { rows: perJob } = await db.pool.query<{ id: string; attempts: number; succeeded: number; expired: number; starts: number; events: number }>(
    `SELECT j.id,
            (SELECT count(*)::int FROM job_attempts a WHERE a.job_id = j.id) AS attempts,
            (SELECT count(*)::int FROM job_attempts a WHERE a.job_id = j.id AND a.outcome = 'succeeded') AS succeeded,
            (SELECT count(*)::int FROM job_attempts a WHERE a.job_id = j.id AND a.outcome = 'lease_expired') AS expired,
            (SELECT count(*)::int FROM crash_starts s WHERE s.job_id = j.id) AS starts,
            (SELECT count(*)::int FROM events e WHERE e.subject_id = j.id::text AND e.type = 'job.succeeded') AS events
       FROM jobs j WHERE j.job_type = $1`,
    [CRASH_JOB_TYPE],
  );
  expect(perJob.filter((j) => j.succeeded !== 1 || j.events !== 1 || j.attempts !== j.succeeded + j.expired)).toEqual([]);
  expect(perJob.filter((j) => j.starts < 1 || j.starts > j.attempts)).toEqual([]);
  const duplicated = perJob.filter((j) => j.starts > 1);
  expect(duplicated.filter((j) => j.expired < j.starts - 1)).toEqual([]);

  const { rows: orphans } = await db.pool.query(
    `SELECT s.lease_id FROM crash_starts s LEFT JOIN job_attempts a ON a.lease_id = s.lease_id AND a.job_id = s.job_id WHERE a.lease_id IS NULL`,
  );
  expect(orphans).toEqual([]);
  const { rows: unstarted } = await db.pool.query(
    `SELECT a.job_id FROM job_attempts a LEFT JOIN crash_starts s ON s.lease_id = a.lease_id WHERE a.outcome = 'succeeded' AND s.lease_id IS NULL`,
  );
  expect(unstarted).toEqual([]);

  return {
    rescuedAttempts: perJob.reduce((sum, j) => sum + j.expired, 0),
    duplicateStarts: duplicated.reduce((sum, j) => sum + j.starts - 1, 0),
  };
}

/** DAG children started only after their parents succeeded. */
async function checkDagOrder(db: TestDatabase, nodes: Workload['pipeline']): Promise<void> {
  const id = (key: string) => nodes.find((n) => n.key === key)?.jobId;
  const edges: Array<[string, string]> = [['a', 'b'], ['a', 'c'], ['b', 'd'], ['c', 'd']];
  for (const [parent, child] of edges) {
    const { rows } = await db.pool.query<{ ok: boolean }>(
      `SELECT (SELECT min(started_at) FROM crash_starts WHERE job_id = $2)
              >= (SELECT ended_at FROM job_attempts WHERE job_id = $1 AND outcome = 'succeeded') AS ok`,
      [id(parent), id(child)],
    );
    expect(rows[0]?.ok, `${child} started after ${parent} succeeded`).toBe(true);
  }
}

/** One run with one job per slot, and no slot missing between the first and the last fire. */
async function checkCron(db: TestDatabase, scheduleId: string): Promise<number> {
  const { rows } = await db.pool.query<{ fire_at: Date; jobs: number }>(
    `SELECT r.fire_at, (SELECT count(*)::int FROM jobs j WHERE j.run_id = r.id) AS jobs FROM runs r WHERE r.schedule_id = $1 ORDER BY r.fire_at`,
    [scheduleId],
  );
  expect(rows.filter((r) => r.jobs !== 1)).toEqual([]);
  const fires = rows.map((r) => r.fire_at.getTime());
  expect(new Set(fires).size).toBe(fires.length);
  const gaps = fires.slice(1).map((t, i) => t - (fires[i] as number)).filter((d) => d !== 1000);
  expect(gaps).toEqual([]);
  return fires.length;
}
