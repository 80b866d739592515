import type { OperatorContext } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkerRuntime } from '../../src/runtime/worker-runtime.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { WorkerFleet, WorkerStateConflictError } from '../../src/workers/worker-registry.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.ts';
import { waitFor, waitForJobState } from '../support/wait.ts';

const TENANT = 'default';
const OPERATOR: OperatorContext = { actor: 'tester', reason: 'fleet test' };

let db: TestDatabase;
let store: PgStore;
let fleet: WorkerFleet;
let typeCounter = 0;
beforeAll(async () => {
  db = await createTestDatabase(databaseTargets()[0]!);
  store = new PgStore({ pool: db.pool });
  fleet = new WorkerFleet(db.pool);
});
afterAll(async () => db.drop());

const uniqueType = (name: string) => `fleet.${name}.${++typeCounter}`;

async function enqueue(jobType: string): Promise<string> {
  const [enqueued] = await store.enqueueBatch(TENANT, [{ jobType }]);
  return enqueued!.job.id;
}

/** Backdates a worker's last heartbeat by `seconds`. */
async function silence(workerId: string, seconds: number): Promise<void> {
  await db.pool.query(`UPDATE workers SET heartbeat_at = now() - make_interval(secs => $2) WHERE id = $1`, [workerId, seconds]);
}

describe('in-process runtime in the worker registry', () => {
  it('registers, reports its counters, obeys drain and resume, and deregisters on stop', async () => {
    const jobType = uniqueType('drain');
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const runtime = new WorkerRuntime({ store, connectionString: db.connectionString, concurrency: 2, pollIntervalMs: 50, fleet: { registry: fleet.registry, name: 'fleet-test', version: '9.9.9', heartbeatMs: 100 } });
    runtime.register<{ hold?: boolean; fail?: boolean }>(jobType, async ({ payload }) => {
      if (payload.hold) await held;
      if (payload.fail) throw new Error('told to fail');
    });
    await runtime.start();
    try {
      const registered = await fleet.registry.get(runtime.workerId);
      expect(registered).toMatchObject({ name: 'fleet-test', version: '9.9.9', pid: process.pid, jobTypes: [jobType], concurrency: 2, state: 'active' });

      const [heldJob] = await store.enqueueBatch(TENANT, [{ jobType, payload: { hold: true } }]);
      await waitForJobState(store, TENANT, heldJob!.job.id, 'running');
      expect((await fleet.registry.activeJobs(runtime.workerId)).map((j) => j.jobId)).toEqual([heldJob!.job.id]);
      expect((await fleet.registry.get(runtime.workerId)).leasedJobs).toBe(1);
      await waitFor(async () => (await fleet.registry.get(runtime.workerId)).activeJobs === 1, { description: 'the runtime to report its running job' });

      expect(await fleet.drain(TENANT, runtime.workerId, OPERATOR)).toMatchObject({ state: 'draining' });
      await waitFor(() => runtime.isDraining, { description: 'the runtime to learn it is drained' });
      const queued = await enqueue(jobType);
      release();
      await waitForJobState(store, TENANT, heldJob!.job.id, 'succeeded');
      // A free slot and a queued job, and still nothing is claimed: wait for a few heartbeats to be sure.
      const beatAfterDrain = (await fleet.registry.get(runtime.workerId)).heartbeatAt;
      await waitFor(async () => (await fleet.registry.get(runtime.workerId)).heartbeatAt > beatAfterDrain, { description: 'a heartbeat' });
      expect((await store.getJob(TENANT, queued))?.state).toBe('queued');
      await expect(fleet.drain(TENANT, runtime.workerId, OPERATOR)).rejects.toBeInstanceOf(WorkerStateConflictError);

      expect(await fleet.resume(TENANT, runtime.workerId, OPERATOR)).toMatchObject({ state: 'active' });
      await waitForJobState(store, TENANT, queued, 'succeeded');
      const [failing] = await store.enqueueBatch(TENANT, [{ jobType, payload: { fail: true }, maxAttempts: 1 }]);
      await waitForJobState(store, TENANT, failing!.job.id, 'failed');
      const counted = await waitFor(async () => {
        const worker = await fleet.registry.get(runtime.workerId);
        return worker.processed === 3 && worker.failed === 1 ? worker : undefined;
      }, { description: 'the counters to be reported' });
      expect(counted.activeJobs).toBe(0);

      const { rows } = await db.pool.query(`SELECT action, target_type, target_id FROM audit_log WHERE target_id = $1 ORDER BY id`, [runtime.workerId]);
      expect(rows).toEqual([
        { action: 'worker.drain', target_type: 'worker', target_id: runtime.workerId },
        { action: 'worker.resume', target_type: 'worker', target_id: runtime.workerId },
      ]);
      const events = await db.pool.query(`SELECT type FROM events WHERE topic = 'workers' AND subject_id = $1 ORDER BY id`, [runtime.workerId]);
      expect(events.rows.map((r: { type: string }) => r.type)).toEqual(['worker.draining', 'worker.resumed']);
    } finally {
      release();
      await runtime.stop();
    }
    expect((await fleet.registry.get(runtime.workerId)).state).toBe('offline');
  });
});

describe('derived worker state', () => {
  it('shows stale after 15 s and offline after 60 s without a heartbeat, and refuses to drain or resume them', async () => {
    const jobType = uniqueType('stale');
    const register = () => fleet.registry.register({ name: 'quiet', host: 'h', jobTypes: [jobType], concurrency: 1 });
    const [fresh, stale, offline, drainingStale] = await Promise.all([register(), register(), register(), register()]);
    await fleet.registry.setState(drainingStale, 'draining');
    await silence(stale, 20);
    await silence(drainingStale, 20);
    await silence(offline, 61);

    const { items } = await fleet.registry.list({ jobType });
    const states = Object.fromEntries(items.map((w) => [w.id, w.state]));
    expect(states).toEqual({ [fresh]: 'active', [stale]: 'stale', [offline]: 'offline', [drainingStale]: 'stale' });
    const ages = Object.fromEntries(items.map((w) => [w.id, w.heartbeatAgeMs]));
    expect(ages[stale]).toBeGreaterThanOrEqual(20_000);
    expect(ages[fresh]).toBeLessThan(15_000);
    expect((await fleet.registry.list({ jobType, state: 'stale' })).items.map((w) => w.id).sort()).toEqual([stale, drainingStale].sort());

    await expect(fleet.drain(TENANT, stale, OPERATOR)).rejects.toThrow(/is stale/);
    await expect(fleet.drain(TENANT, offline, OPERATOR)).rejects.toThrow(/is offline/);
    await expect(fleet.resume(TENANT, drainingStale, OPERATOR)).rejects.toBeInstanceOf(WorkerStateConflictError);
    await expect(fleet.resume(TENANT, fresh, OPERATOR)).rejects.toThrow(/only a draining worker/);

    // A heartbeat brings a stale worker back.
    await fleet.registry.touch(stale, 0);
    expect((await fleet.registry.get(stale)).state).toBe('active');
  });

  it('counts the whole fleet by state whatever the filter, and finds by part of name, host or id', async () => {
    const jobType = uniqueType('count');
    const id = await fleet.registry.register({ name: 'Needle-worker', host: 'hay-host', jobTypes: [jobType], concurrency: 1 });
    const all = await fleet.registry.list();
    const filtered = await fleet.registry.list({ q: 'needle' });
    expect(filtered.items.map((w) => w.id)).toEqual([id]);
    expect(filtered.counts).toEqual(all.counts);
    expect(all.counts.active).toBeGreaterThanOrEqual(1);
    expect((await fleet.registry.list({ q: 'HAY-host' })).items.map((w) => w.id)).toEqual([id]);
    expect((await fleet.registry.list({ q: id.slice(-8) })).items.map((w) => w.id)).toEqual([id]);
  });
});
