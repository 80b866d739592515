// One system, one profile, one trial: runs each workload on a fresh schema with the system's worker processes
// (forked from worker.ts) and this process as the producer; writes one JSON file per workload.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { checkHistory, type History } from './harness/history.ts';
import { readRecords, type Execution, type Start } from './harness/records.ts';
import { latencySummary, now, sleep } from './harness/stats.ts';
import type { BenchPayload, Producer, Profile, SystemAdapter, SystemId, SystemSettings } from './harness/types.ts';
import { CRASH_HANDLER_MS, expectedDead, MAX_ATTEMPTS, POOL_SIZE, RETRY_DELAY_MS, SIZES, SLOTS, WORKER_PROCESSES, type Mode, type Sizes, type WorkloadId } from './harness/workloads.ts';
import { loadSystem } from './systems/load.ts';
import type { WorkerArgs, WorkerMessage } from './worker.ts';

export interface TrialArgs {
  system: SystemId;
  profile: Profile;
  trial: number;
  mode: Mode;
  workloads: WorkloadId[];
  outDir: string;
}

const args = JSON.parse(process.argv[2] ?? '') as TrialArgs;
const sizes: Sizes = SIZES[args.mode];
const system = await loadSystem(args.system);
const settings: SystemSettings = {
  profile: args.profile,
  slots: SLOTS,
  poolSize: POOL_SIZE,
  leaseSeconds: sizes.leaseSeconds,
  maxAttempts: MAX_ATTEMPTS,
  retryDelayMs: RETRY_DELAY_MS,
};
const recordsDir = path.join(args.outDir, 'records');
mkdirSync(recordsDir, { recursive: true });
const PAD = 'x'.repeat(100);

const payload = (i: number, tEnq = now()): BenchPayload => ({ i, tenant: 'default', tEnq, pad: PAD });
const range = (n: number) => Array.from({ length: n }, (_, i) => i);

class WorkerProcess {
  readonly ready: Promise<readonly string[]>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;

  constructor(
    readonly recordsFile: string,
    options: { failures?: boolean; reportStarts?: boolean; crashSafe?: boolean; slots?: number; handlerMs?: number },
    onStarted?: (i: number) => void,
  ) {
    const workerArgs: WorkerArgs = {
      system: args.system,
      settings: { ...settings, slots: options.slots ?? SLOTS },
      recordsFile,
      failures: options.failures ?? false,
      reportStarts: options.reportStarts ?? false,
      crashSafe: options.crashSafe ?? false,
      handlerMs: options.handlerMs ?? 0,
    };
    this.child = fork(new URL('./worker.ts', import.meta.url), [JSON.stringify(workerArgs)], {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      this.child.on('message', (message: WorkerMessage) => {
        if (message.type === 'ready') resolve(message.identity);
        if (message.type === 'started') onStarted?.(message.i);
      });
      this.child.once('exit', (code) => reject(new Error(`${args.system} worker exited with ${code} before it was ready`)));
    });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.send({ type: 'stop' });
    await this.exited;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}

let workerSeq = 0;
function workers(workload: WorkloadId, count: number, options: ConstructorParameters<typeof WorkerProcess>[1], onStarted?: (i: number) => void): WorkerProcess[] {
  return range(count).map(
    () => new WorkerProcess(path.join(recordsDir, `${args.system}-${args.profile}-${workload}-t${args.trial}-w${workerSeq++}.csv`), options, onStarted),
  );
}

function executionsOf(processes: readonly WorkerProcess[]): Execution[] {
  return processes.flatMap((p) => readRecords(p.recordsFile).executions);
}

/** Until nothing is pending (or the timeout); the drain's end time comes from the records, not from this poll. */
async function drain(producer: Producer): Promise<{ timedOut: boolean; pendingAtEnd: number }> {
  const deadline = Date.now() + sizes.drainTimeoutMs;
  for (;;) {
    const pending = await producer.pending();
    if (pending === 0) return { timedOut: false, pendingAtEnd: 0 };
    if (Date.now() > deadline) return { timedOut: true, pendingAtEnd: pending };
    await sleep(250);
  }
}

function throughput(executions: readonly Execution[], jobs: number): number | null {
  if (executions.length === 0) return null;
  const first = Math.min(...executions.map((e) => e.tStart));
  const last = Math.max(...executions.map((e) => e.tEnd));
  return jobs / ((last - first) / 1000);
}

function firstAttemptLatencies(executions: readonly Execution[]): number[] {
  return executions.filter((e) => e.attempt === 1).map((e) => e.tStart - e.tEnq);
}

async function enqueueBulk(producer: Producer, ids: readonly number[]): Promise<number> {
  const started = now();
  for (let from = 0; from < ids.length; from += sizes.bulkBatch) {
    await producer.addBulk(ids.slice(from, from + sizes.bulkBatch).map((i) => payload(i)));
  }
  return ids.length / ((now() - started) / 1000);
}

/** Poisson arrivals at `rate`/s for `seconds`, each add fired at its scheduled time without waiting for the last. */
async function openLoop(producer: Producer, rate: number, seconds: number, acknowledged: Set<number>, at?: Map<number, () => Promise<void>>) {
  const start = now();
  const adds: Promise<void>[] = [];
  // Kill and restart run beside the arrivals, which keep their schedule.
  const actions: Promise<void>[] = [];
  const due = new Map(at);
  let t = 0;
  for (let i = 0; ; i++) {
    t += -Math.log(1 - Math.random()) * (1000 / rate);
    if (t > seconds * 1000) break;
    for (const [second, action] of due) {
      if (second * 1000 <= t) {
        due.delete(second);
        actions.push(action());
      }
    }
    const intended = start + t;
    await sleep(intended - now());
    adds.push(producer.add(payload(i, intended)).then(() => void acknowledged.add(i)));
  }
  await Promise.all(actions);
  await Promise.allSettled(adds);
  return { sent: adds.length, addsPerSecond: adds.length / ((now() - start) / 1000) };
}

type Metrics = Record<string, unknown>;
interface Outcome {
  metrics: Metrics;
  history: History | null;
}

const WORKLOADS: Record<WorkloadId, (producer: Producer) => Promise<Outcome>> = {
  async W0(producer) {
    const ids = range(sizes.smokeJobs);
    await enqueueBulk(producer, ids);
    const procs = workers('W0', WORKER_PROCESSES, {});
    await Promise.all(procs.map((p) => p.ready));
    const drained = await drain(producer);
    await Promise.all(procs.map((p) => p.stop()));
    const executions = executionsOf(procs);
    return { metrics: { jobs: ids.length, drainPerSecond: throughput(executions, ids.length), ...drained }, history: checkHistory(ids, executions, MAX_ATTEMPTS) };
  },

  async W1(producer) {
    const addLatency: number[] = [];
    let next = 0;
    const singleStart = now();
    for (let k = 0; k < sizes.enqueueSingle; k++) {
      const t0 = now();
      await producer.add(payload(next++));
      addLatency.push(now() - t0);
    }
    const singlePerSecond = sizes.enqueueSingle / ((now() - singleStart) / 1000);
    const concurrentStart = now();
    const perProducer = sizes.enqueueConcurrent / 16;
    await Promise.all(
      range(16).map(async () => {
        for (let k = 0; k < perProducer; k++) await producer.add(payload(next++));
      }),
    );
    const concurrentPerSecond = sizes.enqueueConcurrent / ((now() - concurrentStart) / 1000);
    const bulkIds = range(sizes.enqueueBulk).map((k) => next + k);
    const bulkPerSecond = await enqueueBulk(producer, bulkIds);
    next += bulkIds.length;
    const pending = await producer.pending();
    const latency = latencySummary(addLatency);
    return {
      metrics: { singlePerSecond, concurrentPerSecond, bulkPerSecond, addLatencyMs: latency, inStore: pending },
      history: { enqueued: next, completed: 0, dead: 0, lost: next - pending, duplicates: Math.max(0, pending - next), repeatedAttempts: 0 },
    };
  },

  async W2(producer) {
    const ids = range(sizes.burnDownJobs);
    await enqueueBulk(producer, ids);
    const txBefore = await producer.transactions();
    const procs = workers('W2', WORKER_PROCESSES, {});
    await Promise.all(procs.map((p) => p.ready));
    const drained = await drain(producer);
    await Promise.all(procs.map((p) => p.stop()));
    await sleep(500);
    const txAfter = await producer.transactions();
    const executions = executionsOf(procs);
    const txPerJob = txBefore === null || txAfter === null ? null : (txAfter - txBefore) / ids.length;
    return { metrics: { jobs: ids.length, drainPerSecond: throughput(executions, ids.length), txPerJob, ...drained }, history: checkHistory(ids, executions, MAX_ATTEMPTS) };
  },

  async W3(producer) {
    let onStart: ((i: number) => void) | undefined;
    const procs = workers('W3', 1, { reportStarts: true, slots: 1 }, (i) => onStart?.(i));
    await Promise.all(procs.map((p) => p.ready));
    const budgetEnds = Date.now() + sizes.latencyBudgetMs;
    const ids: number[] = [];
    for (let i = 0; i < sizes.latencyWarmup + sizes.latencySamples && Date.now() < budgetEnds; i++) {
      const started = new Promise<void>((resolve) => (onStart = (got) => got === i && resolve()));
      await producer.add(payload(i));
      ids.push(i);
      await started;
    }
    const drained = await drain(producer);
    await Promise.all(procs.map((p) => p.stop()));
    const executions = executionsOf(procs);
    const samples = firstAttemptLatencies(executions.filter((e) => e.i >= sizes.latencyWarmup));
    return { metrics: { latencyMs: latencySummary(samples), budgetHit: ids.length < sizes.latencyWarmup + sizes.latencySamples, ...drained }, history: checkHistory(ids, executions, MAX_ATTEMPTS) };
  },

  async W4(producer) {
    const procs = workers('W4', WORKER_PROCESSES, {});
    await Promise.all(procs.map((p) => p.ready));
    const acknowledged = new Set<number>();
    const sent = await openLoop(producer, sizes.openLoopRate, sizes.openLoopSeconds, acknowledged);
    const drained = await drain(producer);
    await Promise.all(procs.map((p) => p.stop()));
    const executions = executionsOf(procs);
    return {
      metrics: { rate: sizes.openLoopRate, seconds: sizes.openLoopSeconds, ...sent, latencyMs: latencySummary(firstAttemptLatencies(executions)), ...drained },
      history: checkHistory(acknowledged, executions, MAX_ATTEMPTS),
    };
  },

  async W6(producer) {
    const procs = workers('W6', WORKER_PROCESSES, { crashSafe: true, handlerMs: CRASH_HANDLER_MS });
    const identities = await Promise.all(procs.map((p) => p.ready));
    const acknowledged = new Set<number>();
    let killedAt = 0;
    const victim = procs[0]!;
    const actions = new Map<number, () => Promise<void>>([
      [
        sizes.crashKillAtSeconds,
        async () => {
          killedAt = now();
          await victim.kill();
        },
      ],
      [
        sizes.crashRestartAtSeconds,
        async () => {
          const [restarted] = workers('W6', 1, { crashSafe: true, handlerMs: CRASH_HANDLER_MS });
          procs.push(restarted!);
          await restarted!.ready;
          await producer.recover(identities[0] ?? []);
        },
      ],
    ]);
    const sent = await openLoop(producer, sizes.crashRate, sizes.crashSeconds, acknowledged, actions);
    const drained = await drain(producer);
    await Promise.all(procs.map((p) => p.stop()));
    const victimRecords = readRecords(victim.recordsFile);
    const ended = new Set(victimRecords.executions.map((e) => `${e.i}:${e.attempt}`));
    const orphans = new Set(victimRecords.starts.filter((s: Start) => !ended.has(`${s.i}:${s.attempt}`)).map((s) => s.i));
    const others = procs.slice(1).flatMap((p) => readRecords(p.recordsFile).starts);
    const reruns = others.filter((s) => orphans.has(s.i) && s.tStart > killedAt).map((s) => s.tStart);
    const executions = executionsOf(procs);
    return {
      metrics: {
        handlerMs: CRASH_HANDLER_MS,
        ...sent,
        orphanedAtKill: orphans.size,
        recoverySeconds: reruns.length > 0 ? (Math.min(...reruns) - killedAt) / 1000 : null,
        orphansRerun: new Set(others.filter((s) => orphans.has(s.i) && s.tStart > killedAt).map((s) => s.i)).size,
        ...drained,
      },
      history: checkHistory(acknowledged, executions, MAX_ATTEMPTS),
    };
  },

  async W7(producer) {
    const ids = range(sizes.retryJobs);
    await enqueueBulk(producer, ids);
    const procs = workers('W7', WORKER_PROCESSES, { failures: true });
    await Promise.all(procs.map((p) => p.ready));
    const drained = await drain(producer);
    await Promise.all(procs.map((p) => p.stop()));
    const executions = executionsOf(procs);
    const attempts: Record<number, number> = {};
    for (const e of executions) attempts[e.attempt] = (attempts[e.attempt] ?? 0) + 1;
    return {
      metrics: {
        jobs: ids.length,
        expectedCompleted: ids.length - expectedDead(ids.length),
        expectedDead: expectedDead(ids.length),
        deadInSystem: await producer.deadCount(),
        executionsByAttempt: attempts,
        seconds: (Math.max(...executions.map((e) => e.tEnd)) - Math.min(...executions.map((e) => e.tStart))) / 1000,
        ...drained,
      },
      history: checkHistory(ids, executions, MAX_ATTEMPTS),
    };
  },
};

async function runWorkload(adapter: SystemAdapter, workload: WorkloadId): Promise<void> {
  await adapter.reset(settings);
  const producer = await adapter.producer(settings);
  const started = new Date().toISOString();
  let outcome: Outcome;
  try {
    outcome = await WORKLOADS[workload](producer);
  } catch (error) {
    outcome = { metrics: { error: error instanceof Error ? error.message : String(error) }, history: null };
  } finally {
    await producer.close();
  }
  const result = {
    system: adapter.id,
    version: adapter.version,
    profile: args.profile,
    workload,
    trial: args.trial,
    mode: args.mode,
    started,
    settings,
    config: adapter.describe(settings),
    sizes,
    ...outcome,
  };
  writeFileSync(path.join(args.outDir, `${adapter.id}-${args.profile}-${workload}-t${args.trial}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const h = outcome.history;
  process.stdout.write(`${adapter.id} ${args.profile} ${workload} t${args.trial}: ${h ? `lost ${h.lost}, duplicates ${h.duplicates}` : String(outcome.metrics.error)}\n`);
}

for (const workload of args.workloads) await runWorkload(system, workload);
process.exit(0);
