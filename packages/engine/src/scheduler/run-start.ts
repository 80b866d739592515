import type { RunTrigger, ScheduleTarget } from '@execops/contract';
import { createPipeline, type JobInserter } from '../dag/dag-enqueue.ts';
import { SET_RUN_ID_SQL } from '../dag/dag-sql.ts';
import type { Queryable } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import { INSERT_EVENT_SQL, INSERT_RUN_SQL } from './scheduler-sql.ts';

export interface RunStart {
  tenant: string;
  scheduleId: string;
  target: ScheduleTarget;
  trigger: RunTrigger;
  /** The cron slot; null for a manual run, which no slot limits. */
  fireAt: Date | null;
}

export interface StartedRun {
  runId: string;
  jobIds: string[];
}

/**
 * Inserts a run and enqueues its target's jobs carrying the run id (call inside a transaction, so both commit
 * together). Null when the slot already has a run: another process fired it first.
 */
export async function startRun(db: Queryable, insert: JobInserter, start: RunStart): Promise<StartedRun | null> {
  const runId = uuidv7();
  const correlationId = start.fireAt ? `schedule:${start.scheduleId}:${start.fireAt.toISOString()}` : `run:${runId}`;
  const { rows } = await db.query(INSERT_RUN_SQL, [runId, start.tenant, start.scheduleId, start.trigger, start.fireAt, correlationId]);
  if (rows.length === 0) return null;
  const jobIds = await enqueueTarget(db, insert, start.tenant, start.target, runId, correlationId);
  await db.query(INSERT_EVENT_SQL, [
    start.tenant,
    'runs',
    'run.created',
    runId,
    JSON.stringify({ scheduleId: start.scheduleId, trigger: start.trigger, fireAt: start.fireAt?.toISOString() ?? null, jobs: jobIds.length }),
  ]);
  await db.query(INSERT_EVENT_SQL, [
    start.tenant,
    'schedules',
    'schedule.fired',
    start.scheduleId,
    JSON.stringify({ runId, trigger: start.trigger, fireAt: start.fireAt?.toISOString() ?? null }),
  ]);
  return { runId, jobIds };
}

async function enqueueTarget(
  db: Queryable,
  insert: JobInserter,
  tenant: string,
  target: ScheduleTarget,
  runId: string,
  correlationId: string,
): Promise<string[]> {
  if (target.kind === 'pipeline') {
    const nodes = target.pipeline.nodes.map((node) => ({ ...node, job: { ...node.job, correlationId: node.job.correlationId ?? correlationId } }));
    const created = await createPipeline(db, tenant, { nodes }, insert, runId);
    return created.jobs.map((j) => j.job.id);
  }
  const [result] = await insert(db, tenant, [{ request: { ...target.job, correlationId: target.job.correlationId ?? correlationId }, blocked: false }]);
  const jobIds = result ? [result.job.id] : [];
  await db.query(SET_RUN_ID_SQL, [runId, jobIds]);
  return jobIds;
}
