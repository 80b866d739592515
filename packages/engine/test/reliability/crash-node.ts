/**
 * One engine node for the crash matrix, run as a child process: the worker runtime (with a `crash.work` handler
 * that records each start), a DAG resolver and the scheduler, as `execops start` wires them, on
 * CRASH_DATABASE_URL. Prints `ready` once started; EXECOPS_FAULT_POINT makes it kill itself at that point.
 */
import { faultPoint } from '@execops/contract/fault-points';
import { DagResolver } from '../../src/dag/dag-resolver.ts';
import { createPool } from '../../src/db/pool.ts';
import { WorkerRuntime } from '../../src/runtime/worker-runtime.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { sleep } from '../support/wait.ts';
import { CRASH_JOB_TYPE, CRASH_SETTINGS, type CrashWork } from './crash-settings.ts';

const connectionString = process.env.CRASH_DATABASE_URL;
if (!connectionString) throw new Error('CRASH_DATABASE_URL is not set');
const pool = createPool({ connectionString, max: 10, applicationName: 'execops-crash-node' });
const store = new PgStore({ pool, retry: { baseSeconds: 0.1, capSeconds: 0.1 } });
const report = (error: unknown, during: string) => process.stderr.write(`${during}: ${String(error)}\n`);

const runtime = new WorkerRuntime({
  store,
  connectionString,
  concurrency: CRASH_SETTINGS.concurrency,
  leaseSeconds: CRASH_SETTINGS.leaseSeconds,
  pollIntervalMs: CRASH_SETTINGS.pollIntervalMs,
  rescueIntervalMs: CRASH_SETTINGS.rescueIntervalMs,
  onError: report,
});
runtime.register<CrashWork>(CRASH_JOB_TYPE, async ({ job, payload }) => {
  await pool.query('INSERT INTO crash_starts (job_id, lease_id, pid) VALUES ($1, $2, $3)', [job.jobId, job.leaseId, process.pid]);
  faultPoint('mid-handler');
  await sleep(payload.ms);
  return { pid: process.pid };
});
const resolver = new DagResolver({ pool, connectionString, intervalMs: CRASH_SETTINGS.pollIntervalMs, onError: (e) => report(e, 'dag') });
const scheduler = new Scheduler({ pool, insert: store.insert, leaseMs: CRASH_SETTINGS.schedulerLeaseMs, onError: (e) => report(e, 'scheduler') });

await resolver.start();
await runtime.start();
scheduler.start();
process.stdout.write(`ready ${process.pid}\n`);

process.once('SIGTERM', () => {
  void (async () => {
    await scheduler.stop();
    await runtime.stop();
    await resolver.stop();
    await pool.end();
    process.exit(0);
  })();
});
