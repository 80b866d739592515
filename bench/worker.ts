// One worker process of one system: runs the bench handler in the system's own worker and writes an execution
// record per handler call. Started by trial.ts with fork(); told to stop over IPC (or killed with SIGKILL).
import { loadSystem } from './systems/load.ts';
import { RecordWriter } from './harness/records.ts';
import { now, sleep } from './harness/stats.ts';
import { plannedFailure } from './harness/workloads.ts';
import type { SystemId, SystemSettings } from './harness/types.ts';

export interface WorkerArgs {
  system: SystemId;
  settings: SystemSettings;
  recordsFile: string;
  failures: boolean;
  reportStarts: boolean;
  crashSafe: boolean;
  /** How long each handler waits before it returns; 0 = no-op. */
  handlerMs: number;
}

export type WorkerMessage = { type: 'ready'; identity: readonly string[] } | { type: 'started'; i: number } | { type: 'stopped' };

const args = JSON.parse(process.argv[2] ?? '') as WorkerArgs;
const send = (message: WorkerMessage) => process.send?.(message);
const records = new RecordWriter(args.recordsFile, args.crashSafe);
const system = await loadSystem(args.system);

const worker = await system.worker(args.settings, async ({ payload, attempt }) => {
  const tStart = now();
  records.started(payload.i, attempt, tStart);
  if (args.reportStarts) send({ type: 'started', i: payload.i });
  if (args.handlerMs > 0) await sleep(args.handlerMs);
  const ok = !(args.failures && plannedFailure(payload.i, attempt));
  records.ended({ i: payload.i, attempt, tEnq: payload.tEnq, tStart, tEnd: now(), ok });
  if (!ok) throw new Error(`planned failure of job ${payload.i}, attempt ${attempt}`);
});
send({ type: 'ready', identity: worker.identity() });

process.on('message', (message: { type: 'stop' }) => {
  if (message.type !== 'stop') return;
  void worker.stop().then(() => {
    records.close();
    send({ type: 'stopped' });
    process.exit(0);
  });
});
