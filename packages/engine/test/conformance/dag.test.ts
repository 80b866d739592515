import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { DagValidationError } from '../../src/dag/dag-errors.ts';
import { DagResolver } from '../../src/dag/dag-resolver.ts';
import { JOBS_CHANNEL } from '../../src/store/job-sql.ts';
import { databaseTargets } from '../support/databases.ts';
import { waitFor, waitForJobState } from '../support/wait.ts';
import { useDagStore, TRANSIENT } from './dag-fixture.ts';
import { OPERATOR, TENANT } from './store-fixture.ts';

describe.each(databaseTargets())('DAG dependencies on $name PostgreSQL', (target) => {
  const fx = useDagStore(target);

  describe('enqueue with dependsOn', () => {
    it('blocks a job whose parents have not finished', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.block.parent' });
      const child = await fx.enqueue({ jobType: 'dag.block.child', dependsOn: [parent] });
      expect(await fx.state(child)).toBe('blocked');
      expect(await fx.pendingParents(child)).toBe(1);
      expect(await fx.edges(child)).toEqual([{ parent, child }]);
      const { rows } = await fx.db.pool.query(`SELECT data FROM events WHERE subject_id = $1`, [child]);
      expect(rows).toEqual([{ data: expect.objectContaining({ state: 'blocked' }) }]);
      expect(await fx.store.claim({ workerId: 'w', jobTypes: ['dag.block.child'], limit: 1, leaseSeconds: 30 })).toEqual([]);
    });

    it('queues a job directly when every parent already succeeded', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.direct' });
      await fx.succeed('dag.direct');
      await fx.resolve();
      const child = await fx.enqueue({ jobType: 'dag.direct.child', dependsOn: [parent, parent] });
      expect(await fx.state(child)).toBe('queued');
      expect(await fx.eventTypes(child)).toEqual(['job.enqueued']);
      expect(await fx.edges(child)).toEqual([{ parent, child }]);
    });

    it('counts a parent that finished but is not yet resolved, and lets the resolver finish the job', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.unresolved' });
      const first = await fx.enqueue({ jobType: 'dag.unresolved.child', dependsOn: [parent] });
      await fx.succeed('dag.unresolved');
      const second = await fx.enqueue({ jobType: 'dag.unresolved.child', dependsOn: [parent] });
      expect(await fx.states([first, second])).toEqual(['blocked', 'blocked']);
      await fx.resolve();
      expect(await fx.states([first, second])).toEqual(['queued', 'queued']);
      expect(await fx.eventTypes(second)).toEqual(['job.enqueued', 'job.unblocked']);
    });

    it('applies the edge rule at once when a parent already failed', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.failed-before' });
      await fx.failNext('dag.failed-before');
      await fx.resolve();
      const skipped = await fx.enqueue({ jobType: 'dag.failed-before.child', dependsOn: [parent] });
      const runs = await fx.enqueue({ jobType: 'dag.failed-before.child', dependsOn: [parent], onParentFailure: 'run' });
      expect(await fx.states([skipped, runs])).toEqual(['skipped', 'queued']);
      expect(await fx.eventTypes(skipped)).toEqual(['job.enqueued', 'job.skipped']);
      expect((await fx.store.getJob(TENANT, skipped))?.finishedAt).not.toBeNull();
    });

    it('rejects parents that do not exist in the tenant and writes nothing', async () => {
      const foreign = await fx.enqueue({ jobType: 'dag.foreign' }, 'other-tenant');
      const missing = '01900000-0000-7000-8000-000000000000';
      const before = (await fx.db.pool.query('SELECT count(*) AS n FROM jobs')).rows[0];
      const attempt = fx.store.enqueueBatch(TENANT, [
        { jobType: 'dag.unknown' },
        { jobType: 'dag.unknown', dependsOn: [foreign, missing] },
      ]);
      await expect(attempt).rejects.toBeInstanceOf(DagValidationError);
      await expect(attempt).rejects.toMatchObject({ details: { unknownParentIds: [foreign, missing] } });
      expect((await fx.db.pool.query('SELECT count(*) AS n FROM jobs')).rows[0]).toEqual(before);
    });

    it('gives an existing job found by idempotency key no new edges', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.idem' });
      const first = await fx.store.enqueueBatch(TENANT, [{ jobType: 'dag.idem.child', idempotencyKey: 'dag-idem' }]);
      const again = await fx.store.enqueueBatch(TENANT, [{ jobType: 'dag.idem.child', idempotencyKey: 'dag-idem', dependsOn: [parent] }]);
      expect(again[0]).toMatchObject({ created: false, job: { id: first[0]?.job.id, state: 'queued' } });
      expect(await fx.edges(parent)).toEqual([]);
    });
  });

  describe('resolution', () => {
    it('queues a child once all its parents succeeded, with a wake-up for its queue', async () => {
      const [a, b] = [await fx.enqueue({ jobType: 'dag.join.parent' }), await fx.enqueue({ jobType: 'dag.join.parent' })];
      const child = await fx.enqueue({ jobType: 'dag.join.child', queue: 'dag-join-queue', dependsOn: [a as string, b as string] });
      await fx.succeed('dag.join.parent');
      await fx.resolve();
      expect(await fx.state(child)).toBe('blocked');
      expect(await fx.pendingParents(child)).toBe(1);

      const listener = new pg.Client({ connectionString: fx.db.connectionString });
      await listener.connect();
      const heard: string[] = [];
      listener.on('notification', (n) => heard.push(n.payload ?? ''));
      await listener.query(`LISTEN ${JOBS_CHANNEL}`);
      try {
        await fx.succeed('dag.join.parent');
        await fx.resolve();
        expect(await fx.state(child)).toBe('queued');
        await waitFor(() => heard.includes('dag-join-queue'), { description: 'a wake-up for the child queue' });
      } finally {
        await listener.end();
      }
      expect(await fx.eventTypes(child)).toEqual(['job.enqueued', 'job.unblocked']);
      expect((await fx.claimOne('dag.join.child')).jobId).toBe(child);
    });

    it('skips children recursively when a parent fails, and runs those whose edge says run', async () => {
      const root = await fx.enqueue({ jobType: 'dag.skip.root' });
      const b = await fx.enqueue({ jobType: 'dag.skip.b', dependsOn: [root] });
      const c = await fx.enqueue({ jobType: 'dag.skip.c', dependsOn: [b] });
      const cleanup = await fx.enqueue({ jobType: 'dag.skip.cleanup', dependsOn: [root], onParentFailure: 'run' });
      const afterCleanup = await fx.enqueue({ jobType: 'dag.skip.after', dependsOn: [cleanup] });
      await fx.failNext('dag.skip.root');
      await fx.resolve();
      expect(await fx.states([b, c, cleanup, afterCleanup])).toEqual(['skipped', 'skipped', 'queued', 'blocked']);
      const skippedBy = async (id: string) =>
        (await fx.db.pool.query(`SELECT data FROM events WHERE subject_id = $1 AND type = 'job.skipped'`, [id])).rows[0]?.data;
      expect(await skippedBy(b)).toEqual({ state: 'skipped', skippedBy: root });
      expect(await skippedBy(c)).toEqual({ state: 'skipped', skippedBy: b });
      expect((await fx.store.getJob(TENANT, c))?.finishedAt).not.toBeNull();
    });

    it('skips a child as soon as one parent fails, without waiting for the others', async () => {
      const failing = await fx.enqueue({ jobType: 'dag.early.fail' });
      const slow = await fx.enqueue({ jobType: 'dag.early.slow' });
      const child = await fx.enqueue({ jobType: 'dag.early.child', dependsOn: [failing, slow] });
      await fx.failNext('dag.early.fail');
      await fx.resolve();
      expect(await fx.state(child)).toBe('skipped');
      await fx.succeed('dag.early.slow');
      await fx.resolve();
      expect(await fx.state(child)).toBe('skipped');
      expect(await fx.eventTypes(child)).toEqual(['job.enqueued', 'job.skipped']);
    });

    it('treats a canceled parent like a failed one, and a canceled blocked child passes it on', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.cancel.parent' });
      const child = await fx.enqueue({ jobType: 'dag.cancel.child', dependsOn: [parent] });
      const grandchild = await fx.enqueue({ jobType: 'dag.cancel.grandchild', dependsOn: [child], onParentFailure: 'run' });
      await fx.store.cancel(TENANT, child, OPERATOR);
      await fx.resolve();
      expect(await fx.states([child, grandchild])).toEqual(['canceled', 'queued']);

      const other = await fx.enqueue({ jobType: 'dag.cancel.child', dependsOn: [parent] });
      await fx.store.cancel(TENANT, parent, OPERATOR);
      await fx.resolve();
      expect(await fx.state(other)).toBe('skipped');
    });

    it('queues a fan-in child exactly once, after the last parent succeeds, when a parent fails and is retried', async () => {
      const parents = [
        await fx.enqueue({ jobType: 'dag.fanin.flaky', maxAttempts: 3 }),
        await fx.enqueue({ jobType: 'dag.fanin.steady' }),
        await fx.enqueue({ jobType: 'dag.fanin.steady' }),
      ];
      const child = await fx.enqueue({ jobType: 'dag.fanin.child', dependsOn: parents });
      expect(await fx.pendingParents(child)).toBe(3);

      await fx.failNext('dag.fanin.flaky', TRANSIENT);
      await fx.resolve();
      await fx.succeed('dag.fanin.steady');
      await fx.succeed('dag.fanin.steady');
      await fx.resolve();
      await fx.resolve();
      expect(await fx.state(child)).toBe('blocked');
      expect(await fx.pendingParents(child)).toBe(1);

      await new Promise((r) => setTimeout(r, 20));
      const flaky = await fx.succeed('dag.fanin.flaky');
      expect(flaky).toBe(parents[0]);
      await Promise.all([fx.resolve(), fx.resolve(), fx.resolve()]);
      await fx.resolve();
      expect(await fx.state(child)).toBe('queued');
      expect(await fx.pendingParents(child)).toBe(0);
      expect(await fx.eventTypes(child)).toEqual(['job.enqueued', 'job.unblocked']);
    });

    it('queues a wide fan-in exactly once with parents finishing while several resolvers race', async () => {
      const width = 40;
      const parents = (await fx.store.enqueueBatch(TENANT, Array.from({ length: width }, () => ({ jobType: 'dag.race.parent', maxAttempts: 3 })))).map(
        (r) => r.job.id,
      );
      const child = await fx.enqueue({ jobType: 'dag.race.child', dependsOn: parents });
      const resolvers = Array.from({ length: 3 }, () => new DagResolver({ pool: fx.db.pool, batchSize: 4 }));
      let finishing = true;
      const racing = resolvers.map(async (resolver) => {
        while (finishing) await resolver.resolvePending();
      });
      const worker = async () => {
        for (;;) {
          const [claimed] = await fx.store.claim({ workerId: 'racer', jobTypes: ['dag.race.parent'], limit: 1, leaseSeconds: 30 });
          if (!claimed) return;
          // Every parent's first attempt fails and is retried, so fan-in sees retries mid-race.
          if (claimed.attempt === 1) await fx.store.fail({ ...claimed, error: TRANSIENT });
          else await fx.store.complete(claimed, null);
        }
      };
      await waitFor(
        async () => {
          await Promise.all([worker(), worker(), worker()]);
          const { rows } = await fx.db.pool.query(`SELECT count(*) AS n FROM jobs WHERE id = ANY($1) AND state = 'succeeded'`, [parents]);
          return rows[0]?.n === width;
        },
        { description: 'every parent to succeed' },
      );
      finishing = false;
      await Promise.all(racing);
      await fx.resolve();
      expect(await fx.state(child)).toBe('queued');
      expect(await fx.pendingParents(child)).toBe(0);
      expect(await fx.eventTypes(child)).toEqual(['job.enqueued', 'job.unblocked']);
    });

    it('counts a parent rescued after its lease expired only when it finally succeeds', async () => {
      const parent = await fx.enqueue({ jobType: 'dag.rescue', maxAttempts: 2 });
      const child = await fx.enqueue({ jobType: 'dag.rescue.child', dependsOn: [parent] });
      await fx.claimOne('dag.rescue', 0.05);
      await new Promise((r) => setTimeout(r, 100));
      await fx.store.rescueExpired(100);
      await fx.resolve();
      expect(await fx.states([parent, child])).toEqual(['queued', 'blocked']);
      await fx.succeed('dag.rescue');
      await fx.resolve();
      expect(await fx.state(child)).toBe('queued');
    });

    it('wakes on the finishing parent without waiting for its polling interval', async () => {
      const resolver = new DagResolver({ pool: fx.db.pool, connectionString: fx.db.connectionString, intervalMs: 60_000 });
      await resolver.start();
      try {
        const parent = await fx.enqueue({ jobType: 'dag.notify' });
        const child = await fx.enqueue({ jobType: 'dag.notify.child', dependsOn: [parent] });
        await new Promise((r) => setTimeout(r, 200));
        await fx.succeed('dag.notify');
        await waitForJobState(fx.store, TENANT, child, 'queued', { timeoutMs: 3_000 });
      } finally {
        await resolver.stop();
      }
    });
  });
});
