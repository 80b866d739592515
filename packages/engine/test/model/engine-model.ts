import type { JobError } from '@execops/contract';
import fc from 'fast-check';
import { expect } from 'vitest';
import type { DagResolver } from '../../src/dag/dag-resolver.ts';
import { compactAllCounts } from '../../src/db/maintained-counts.ts';
import type { Pool } from '../../src/db/pool.ts';
import type { Scheduler } from '../../src/scheduler/scheduler.ts';
import type { ClaimedJob } from '../../src/store/engine-store.ts';
import { JobStateConflictError, LeaseLostError } from '../../src/store/errors.ts';
import type { PgStore } from '../../src/store/pg-store.ts';
import { assertEndedAttemptsUnchanged, assertInvariants, type EndedAttempts } from './engine-invariants.ts';

/** A lease a worker holds or held: `live` until it is finalised (complete/fail) or lost (expired and rescued). */
export interface HeldLease {
  jobId: string;
  leaseId: string;
  attempt: number;
  maxAttempts: number;
  live: boolean;
}

/** What the test knows without reading the database: the jobs it enqueued and the leases its workers got. */
export interface EngineModel {
  jobs: string[];
  leases: HeldLease[];
  /** Jobs an operator asked to cancel (their failing attempt ends `canceled`, not per the retry rule). */
  cancelRequested: Set<string>;
}

/** The system under test: the real store on PostgreSQL, one test tenant, two scheduler processes. */
export interface EngineReal {
  pool: Pool;
  store: PgStore;
  resolver: DagResolver;
  schedulers: readonly [Scheduler, Scheduler];
  tenant: string;
  /** Job types: [under quota, free]. */
  jobTypes: readonly [string, string];
  endedAttempts: EndedAttempts;
}

type EngineCommand = fc.AsyncCommand<EngineModel, EngineReal>;

const RETRYABLE: JobError = { code: 'model_retry', message: 'retryable failure', class: 'transient', retryable: true };
const PERMANENT: JobError = { code: 'model_fail', message: 'permanent failure', class: 'permanent', retryable: false };

async function checked(real: EngineReal): Promise<void> {
  await assertInvariants(real.pool, real.tenant);
  await assertEndedAttemptsUnchanged(real.pool, real.tenant, real.endedAttempts);
}

function remember(model: EngineModel, claimed: readonly ClaimedJob[]): void {
  for (const job of claimed) {
    expect(model.leases.some((l) => l.live && l.jobId === job.jobId), `job ${job.jobId} leased twice`).toBe(false);
    model.leases.push({ jobId: job.jobId, leaseId: job.leaseId, attempt: job.attempt, maxAttempts: job.maxAttempts, live: true });
  }
}

/** Expects a call on a lease the worker no longer holds to be refused with LeaseLostError, and on a live one to pass. */
async function fenced<T>(lease: HeldLease, call: () => Promise<T>): Promise<T | undefined> {
  if (lease.live) return call();
  await expect(call()).rejects.toBeInstanceOf(LeaseLostError);
  return undefined;
}

class Enqueue implements EngineCommand {
  constructor(
    readonly typeIndex: 0 | 1,
    readonly parentPicks: readonly number[],
    readonly maxAttempts: number,
  ) {}
  check = () => true;
  async run(model: EngineModel, real: EngineReal) {
    const parents = [...new Set(this.parentPicks.filter(() => model.jobs.length > 0).map((p) => model.jobs[p % model.jobs.length]!))];
    const [result] = await real.store.enqueueBatch(real.tenant, [
      { jobType: real.jobTypes[this.typeIndex], maxAttempts: this.maxAttempts, ...(parents.length > 0 ? { dependsOn: parents } : {}) },
    ]);
    model.jobs.push(result!.job.id);
    await checked(real);
  }
  toString = () => `enqueue(type ${this.typeIndex}, parents ${JSON.stringify(this.parentPicks)}, max ${this.maxAttempts})`;
}

/** The DAG resolver runs in every server process; here it runs first, then again while several workers claim at once. */
class Claim implements EngineCommand {
  constructor(
    readonly workers: number,
    readonly limit: number,
  ) {}
  check = () => true;
  async run(model: EngineModel, real: EngineReal) {
    await real.resolver.resolvePending();
    const [, ...batches] = await Promise.all([
      real.resolver.resolvePending(),
      ...Array.from({ length: this.workers }, (_, w) =>
        real.store.claim({ workerId: `model-w${w}`, jobTypes: real.jobTypes, limit: this.limit, leaseSeconds: 60 }),
      ),
    ]);
    for (const batch of batches) remember(model, batch as ClaimedJob[]);
    await checked(real);
  }
  toString = () => `claim(${this.workers} workers × ${this.limit})`;
}

class Complete implements EngineCommand {
  constructor(readonly pick: number) {}
  check = (model: Readonly<EngineModel>) => model.leases.length > 0;
  async run(model: EngineModel, real: EngineReal) {
    const lease = model.leases[this.pick % model.leases.length]!;
    await fenced(lease, () => real.store.complete(lease, { by: 'model' }));
    lease.live = false;
    await checked(real);
  }
  toString = () => `complete(lease #${this.pick})`;
}

class Fail implements EngineCommand {
  constructor(
    readonly pick: number,
    readonly retryable: boolean,
  ) {}
  check = (model: Readonly<EngineModel>) => model.leases.length > 0;
  async run(model: EngineModel, real: EngineReal) {
    const lease = model.leases[this.pick % model.leases.length]!;
    const outcome = await fenced(lease, () => real.store.fail({ ...lease, error: this.retryable ? RETRYABLE : PERMANENT }));
    if (outcome && !model.cancelRequested.has(lease.jobId)) {
      expect(outcome.state).toBe(this.retryable && lease.attempt < lease.maxAttempts ? 'scheduled' : 'failed');
    }
    lease.live = false;
    await checked(real);
  }
  toString = () => `fail(lease #${this.pick}, retryable ${this.retryable})`;
}

class Heartbeat implements EngineCommand {
  constructor(readonly pick: number) {}
  check = (model: Readonly<EngineModel>) => model.leases.length > 0;
  async run(model: EngineModel, real: EngineReal) {
    const lease = model.leases[this.pick % model.leases.length]!;
    await fenced(lease, () => real.store.heartbeat({ ...lease, leaseSeconds: 60 }));
    await checked(real);
  }
  toString = () => `heartbeat(lease #${this.pick})`;
}

/** The worker holding the lease goes silent: its lease runs out and the rescuer takes the job back. */
class ExpireLease implements EngineCommand {
  constructor(readonly pick: number) {}
  check = (model: Readonly<EngineModel>) => model.leases.some((l) => l.live);
  async run(model: EngineModel, real: EngineReal) {
    const live = model.leases.filter((l) => l.live);
    const lease = live[this.pick % live.length]!;
    await real.pool.query(`UPDATE jobs SET lease_until = now() - interval '1 second' WHERE id = $1 AND lease_id = $2`, [lease.jobId, lease.leaseId]);
    await real.store.rescueExpired(100);
    lease.live = false;
    await checked(real);
  }
  toString = () => `expireLease(live lease #${this.pick})`;
}

class Cancel implements EngineCommand {
  constructor(readonly pick: number) {}
  check = (model: Readonly<EngineModel>) => model.jobs.length > 0;
  async run(model: EngineModel, real: EngineReal) {
    const jobId = model.jobs[this.pick % model.jobs.length]!;
    try {
      await real.store.cancel(real.tenant, jobId, { actor: 'model', reason: 'model-based test' });
      model.cancelRequested.add(jobId);
    } catch (error) {
      // A finished job cannot be canceled; that refusal is part of the contract.
      expect(error).toBeInstanceOf(JobStateConflictError);
    }
    await checked(real);
  }
  toString = () => `cancel(job #${this.pick})`;
}

/** Time passes: retry backoffs and throttle windows come due (the quota limits themselves stay as they are). */
class MakeDue implements EngineCommand {
  check = () => true;
  async run(_model: EngineModel, real: EngineReal) {
    await real.pool.query(`UPDATE jobs SET run_at = now() WHERE tenant = $1 AND state IN ('scheduled', 'throttled')`, [real.tenant]);
    await checked(real);
  }
  toString = () => 'makeDue()';
}

class SchedulerTick implements EngineCommand {
  constructor(readonly which: 0 | 1) {}
  check = () => true;
  async run(_model: EngineModel, real: EngineReal) {
    await real.schedulers[this.which].tick();
    await checked(real);
  }
  toString = () => `schedulerTick(${this.which})`;
}

/** A deposed or confused leader's view: the schedule's next slot moves back over slots that already fired. */
class RewindSchedule implements EngineCommand {
  constructor(readonly seconds: number) {}
  check = () => true;
  async run(_model: EngineModel, real: EngineReal) {
    await real.pool.query(`UPDATE schedules SET next_fire_at = next_fire_at - make_interval(secs => $2) WHERE tenant = $1`, [real.tenant, this.seconds]);
    await checked(real);
  }
  toString = () => `rewindSchedule(${this.seconds} s)`;
}

/** The scheduler leader stops renewing: the other process may take over on its next tick. */
class ExpireLeader implements EngineCommand {
  check = () => true;
  async run(_model: EngineModel, real: EngineReal) {
    await real.pool.query(`UPDATE scheduler_leader SET lease_until = now() - interval '1 second'`);
    await checked(real);
  }
  toString = () => 'expireLeader()';
}

/** Two server processes compact the maintained count deltas while workers claim and a producer enqueues. */
class CompactCounts implements EngineCommand {
  check = () => true;
  async run(model: EngineModel, real: EngineReal) {
    const [, , claimed, enqueued] = await Promise.all([
      compactAllCounts(real.pool),
      compactAllCounts(real.pool),
      real.store.claim({ workerId: 'model-compacting', jobTypes: real.jobTypes, limit: 2, leaseSeconds: 60 }),
      real.store.enqueueBatch(real.tenant, [{ jobType: real.jobTypes[1] }, { jobType: real.jobTypes[0] }]),
    ]);
    remember(model, claimed);
    model.jobs.push(...enqueued.map((result) => result.job.id));
    await checked(real);
  }
  toString = () => 'compactCounts()';
}

/** Retention deletes every finished job (the prune job's statement) while a compaction runs. */
class Prune implements EngineCommand {
  check = () => true;
  async run(model: EngineModel, real: EngineReal) {
    await Promise.all([real.store.pruneFinished(new Date(Date.now() + 60_000), 1_000), compactAllCounts(real.pool)]);
    const { rows } = await real.pool.query<{ id: string }>(`SELECT id FROM jobs WHERE id = ANY($1::uuid[])`, [model.jobs]);
    const kept = new Set(rows.map((row) => row.id));
    model.jobs = model.jobs.filter((id) => kept.has(id));
    model.leases = model.leases.filter((lease) => kept.has(lease.jobId));
    await checked(real);
  }
  toString = () => 'prune()';
}

const pick = fc.nat({ max: 1000 });

const enqueue = fc.record({ type: fc.constantFrom(0 as const, 1 as const), parents: fc.option(fc.array(pick, { minLength: 1, maxLength: 2 }), { nil: [], freq: 2 }), max: fc.integer({ min: 1, max: 3 }) }).map(
  (c) => new Enqueue(c.type, c.parents, c.max),
);
const claim = fc.record({ workers: fc.integer({ min: 1, max: 3 }), limit: fc.integer({ min: 1, max: 3 }) }).map((c) => new Claim(c.workers, c.limit));
const complete = pick.map((p) => new Complete(p));

/** The commands; enqueue, claim and complete come three times as often, so DAG children get to run in short sequences. */
export const engineCommands = [
  ...[enqueue, claim, complete].flatMap((command) => [command, command, command]),
  fc.tuple(pick, fc.boolean()).map(([p, retryable]) => new Fail(p, retryable)),
  pick.map((p) => new Heartbeat(p)),
  pick.map((p) => new ExpireLease(p)),
  pick.map((p) => new Cancel(p)),
  fc.constant(new MakeDue()),
  fc.constantFrom(0 as const, 1 as const).map((w) => new SchedulerTick(w)),
  fc.integer({ min: 1, max: 5 }).map((s) => new RewindSchedule(s)),
  fc.constant(new ExpireLeader()),
  fc.constant(new CompactCounts()),
  fc.constant(new Prune()),
];
