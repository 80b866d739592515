import { describe, expect, it } from 'vitest';
import { JobLogStore } from '../../src/logs/job-logs.ts';
import { WorkerRuntime } from '../../src/runtime/worker-runtime.ts';
import { JobNotFoundError, LeaseLostError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { waitForJobState } from '../support/wait.ts';
import { TENANT, useStore } from './store-fixture.ts';

const DIGEST = `sha256:${'cd'.repeat(32)}`;

for (const target of databaseTargets()) {
  describe(`job logs and artifacts (${target.name} PostgreSQL)`, () => {
    const fx = useStore(target);
    const logs = () => new JobLogStore(fx.db.pool);

    it('keeps lines in write order per job, tagged with the attempt, and pages by id', async () => {
      await fx.enqueue({ jobType: 'logs.order' });
      const lease = await fx.claimOne('logs.order');
      await logs().append(lease, [{ level: 'info', message: 'a' }, { level: 'debug', message: 'b', fields: { k: [1, 2] } }]);
      const { appended, lastId } = await logs().append(lease, [{ level: 'error', message: 'c' }]);
      expect(appended).toBe(1);
      const page = await logs().listLogs(TENANT, lease.jobId, { afterId: 0, limit: 2 });
      expect(page.items.map((l) => [l.message, l.attempt])).toEqual([
        ['a', 1],
        ['b', 1],
      ]);
      expect(page.items[1]?.fields).toEqual({ k: [1, 2] });
      const rest = await logs().listLogs(TENANT, lease.jobId, { afterId: page.nextAfterId, limit: 2 });
      expect(rest.items.map((l) => l.id)).toEqual([lastId]);
      expect(await fx.eventTypes(lease.jobId)).toContain('job.logged');
    });

    it('writes nothing under a lease that is no longer held', async () => {
      await fx.enqueue({ jobType: 'logs.fenced' });
      const lease = await fx.claimOne('logs.fenced');
      await fx.store.complete(lease, null);
      await expect(logs().append(lease, [{ level: 'info', message: 'late' }])).rejects.toBeInstanceOf(LeaseLostError);
      await expect(
        logs().addArtifact(lease, { name: 'late', uri: 'file:///late', digest: DIGEST, size: 1, mime: 'text/plain' }),
      ).rejects.toBeInstanceOf(LeaseLostError);
      expect((await logs().listLogs(TENANT, lease.jobId, { afterId: 0, limit: 10 })).items).toEqual([]);
      expect((await logs().listArtifacts(TENANT, lease.jobId)).items).toEqual([]);
    });

    it('scopes reads to the tenant', async () => {
      const id = await fx.enqueue({ jobType: 'logs.tenant' }, 'tenant-a');
      await expect(logs().listLogs(TENANT, id, { afterId: 0, limit: 10 })).rejects.toBeInstanceOf(JobNotFoundError);
      await expect(logs().listArtifacts(TENANT, id)).rejects.toBeInstanceOf(JobNotFoundError);
      expect((await logs().listLogs('tenant-a', id, { afterId: 0, limit: 10 })).items).toEqual([]);
    });

    it("deletes a pruned job's lines and artifacts with it", async () => {
      await fx.enqueue({ jobType: 'logs.prune' });
      const lease = await fx.claimOne('logs.prune');
      await logs().append(lease, [{ level: 'info', message: 'x' }]);
      await logs().addArtifact(lease, { name: 'out', uri: 'file:///out', digest: DIGEST, size: 3, mime: 'text/plain' });
      await fx.store.complete(lease, null);
      await fx.store.pruneFinished(new Date(Date.now() + 60_000), 1000);
      const { rows } = await fx.db.pool.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM job_logs WHERE job_id = $1) + (SELECT count(*) FROM job_artifacts WHERE job_id = $1) AS n`,
        [lease.jobId],
      );
      expect(rows[0]?.n).toBe(0);
    });

    it('gives in-process handlers a log() that lands before the outcome is recorded', async () => {
      const runtime = new WorkerRuntime({ store: fx.store, logs: logs(), pollIntervalMs: 50, rescueIntervalMs: 60_000 });
      runtime.register('logs.runtime', async ({ log }) => {
        for (let i = 0; i < 50; i++) log?.('info', `line ${i}`, { i });
        return 'ok';
      });
      await runtime.start();
      try {
        const id = await fx.enqueue({ jobType: 'logs.runtime' });
        await waitForJobState(fx.store, TENANT, id, 'succeeded');
        const page = await logs().listLogs(TENANT, id, { afterId: 0, limit: 100 });
        expect(page.items.map((l) => l.message)).toEqual(Array.from({ length: 50 }, (_, i) => `line ${i}`));
      } finally {
        await runtime.stop();
      }
    });
  });
}
