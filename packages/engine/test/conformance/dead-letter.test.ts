import type { JobError } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { DagResolver } from '../../src/dag/dag-resolver.ts';
import { WorkerProtocol } from '../../src/workers/worker-protocol.ts';
import { databaseTargets } from '../support/databases.ts';
import { waitFor } from '../support/wait.ts';
import { OPERATOR, TENANT, useStore } from './store-fixture.ts';

const PERMANENT: JobError = { code: 'bad_input', message: 'field 7 is missing', class: 'permanent', retryable: false };
const TRANSIENT: JobError = { code: 'upstream', message: 'upstream answered 503', class: 'transient', retryable: true };

interface EntryRow {
  id: string;
  job_id: string;
  job_type: string;
  attempts: number;
  error_code: string;
  error_class: string;
  retryable: boolean;
  cluster_key: string;
  status: string;
  first_failed_at: Date;
  dead_lettered_at: Date;
}

describe.each(databaseTargets())('dead-letter entries on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const entriesOf = async (jobId: string) =>
    (await fx.db.pool.query<EntryRow>('SELECT * FROM dead_letter WHERE job_id = $1', [jobId])).rows;
  const createdEvents = async (entryId: string) =>
    (await fx.db.pool.query('SELECT topic, type, data FROM events WHERE subject_id = $1', [entryId])).rows;
  const clusterKey = async (code: string, message: string) =>
    (await fx.db.pool.query<{ key: string }>('SELECT execops_dead_letter_cluster_key($1, $2) AS key', [code, message])).rows[0]?.key;

  it('writes an entry and its deadletter.created event when a permanent error fails a job', async () => {
    const jobId = await fx.enqueue({ jobType: 'dlq.permanent', payload: { n: 1 } });
    await fx.store.fail({ ...(await fx.claimOne('dlq.permanent')), error: PERMANENT });
    const [entry] = await entriesOf(jobId);
    expect(entry).toMatchObject({
      job_type: 'dlq.permanent',
      attempts: 1,
      error_code: 'bad_input',
      error_class: 'permanent',
      retryable: false,
      status: 'open',
      cluster_key: 'bad_input: field <n> is missing',
    });
    const { rows: attempts } = await fx.db.pool.query('SELECT ended_at FROM job_attempts WHERE job_id = $1', [jobId]);
    expect(entry?.first_failed_at).toEqual(attempts[0].ended_at);
    expect(await createdEvents(entry!.id)).toEqual([
      { topic: 'deadletter', type: 'deadletter.created', data: { jobId, jobType: 'dlq.permanent', code: 'bad_input', clusterKey: entry!.cluster_key } },
    ]);
  });

  it('writes none for a failure that is retried, and one when the attempts are exhausted, dated from the first failure', async () => {
    const jobId = await fx.enqueue({ jobType: 'dlq.exhausted', maxAttempts: 2 });
    expect(await fx.store.fail({ ...(await fx.claimOne('dlq.exhausted')), error: TRANSIENT })).toMatchObject({ state: 'scheduled' });
    expect(await entriesOf(jobId)).toEqual([]);
    const second = await waitFor(() => fx.store.claim({ workerId: 'w', jobTypes: ['dlq.exhausted'], limit: 1, leaseSeconds: 30 }).then((c) => c[0]));
    expect(await fx.store.fail({ ...second, error: TRANSIENT })).toEqual({ state: 'failed' });
    const [entry] = await entriesOf(jobId);
    expect(entry).toMatchObject({ attempts: 2, error_class: 'transient', retryable: true, cluster_key: 'upstream: upstream answered <n>' });
    const { rows } = await fx.db.pool.query('SELECT ended_at FROM job_attempts WHERE job_id = $1 ORDER BY attempt', [jobId]);
    expect(entry?.first_failed_at).toEqual(rows[0].ended_at);
    expect(entry!.first_failed_at.getTime()).toBeLessThan(rows[1].ended_at.getTime());
  });

  it('writes an entry when the rescuer fails a job whose lease expired on its last attempt', async () => {
    const jobId = await fx.enqueue({ jobType: 'dlq.rescued', maxAttempts: 1 });
    await fx.claimOne('dlq.rescued', 0.001);
    await waitFor(async () => (await fx.store.rescueExpired(100)).failed > 0 || (await entriesOf(jobId)).length > 0);
    expect(await entriesOf(jobId)).toMatchObject([{ attempts: 1, error_code: 'lease_expired', error_class: 'lease_expired', status: 'open' }]);
  });

  it('writes an entry when a worker fails a job over the worker protocol', async () => {
    const protocol = new WorkerProtocol({ store: fx.store, pool: fx.db.pool });
    try {
      const jobId = await fx.enqueue({ jobType: 'dlq.protocol' });
      const { workerId } = await protocol.register({ name: 'dlq-test', host: 'test', jobTypes: ['dlq.protocol'], concurrency: 1 });
      const {
        jobs: [leased],
      } = await protocol.lease({ workerId, jobTypes: ['dlq.protocol'], limit: 1 }, new AbortController().signal);
      expect(await protocol.fail(jobId, { leaseId: leased!.leaseId, error: PERMANENT })).toMatchObject({ state: 'failed' });
      expect(await entriesOf(jobId)).toMatchObject([{ error_code: 'bad_input' }]);
    } finally {
      await protocol.close();
    }
  });

  it('writes an entry for any statement that fails a job, in that statement’s transaction', async () => {
    const jobId = await fx.enqueue({ jobType: 'dlq.direct' });
    const client = await fx.db.pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`UPDATE jobs SET state = 'failed', finished_at = now(), last_error = $2 WHERE id = $1`, [jobId, JSON.stringify(PERMANENT)]);
      expect((await client.query('SELECT 1 FROM dead_letter WHERE job_id = $1', [jobId])).rows).toHaveLength(1);
      await client.query('ROLLBACK');
    } finally {
      client.release();
    }
    expect(await entriesOf(jobId)).toEqual([]);
    await fx.db.pool.query(`UPDATE jobs SET state = 'failed', finished_at = now() WHERE id = $1`, [jobId]);
    expect(await entriesOf(jobId)).toMatchObject([{ attempts: 0, error_code: 'unknown', error_class: 'unknown', retryable: false }]);
  });

  it('writes none for canceled jobs (waiting or running) nor for skipped DAG children', async () => {
    const waiting = await fx.enqueue({ jobType: 'dlq.cancel-waiting' });
    await fx.store.cancel(TENANT, waiting, OPERATOR);
    const running = await fx.enqueue({ jobType: 'dlq.cancel-running' });
    const claimed = await fx.claimOne('dlq.cancel-running');
    await fx.store.cancel(TENANT, running, OPERATOR);
    expect(await fx.store.fail({ ...claimed, error: PERMANENT })).toEqual({ state: 'canceled' });
    const parent = await fx.enqueue({ jobType: 'dlq.parent' });
    const [child] = await fx.store.enqueueBatch(TENANT, [{ jobType: 'dlq.child', dependsOn: [parent] }]);
    await fx.store.fail({ ...(await fx.claimOne('dlq.parent')), error: PERMANENT });
    await new DagResolver({ pool: fx.db.pool }).resolvePending();
    expect((await fx.store.getJob(TENANT, child!.job.id))?.state).toBe('skipped');
    expect(await entriesOf(waiting)).toEqual([]);
    expect(await entriesOf(running)).toEqual([]);
    expect(await entriesOf(child!.job.id)).toEqual([]);
    expect(await entriesOf(parent)).toHaveLength(1);
  });

  it('normalises cluster keys: uuids, hex runs of 8 or more, numbers and whitespace', async () => {
    expect(await clusterKey('http_404', 'GET /orders/0190a5c4-0000-7000-8000-00000000ABCD  answered\t404')).toBe(
      'http_404: GET /orders/<uuid> answered <n>',
    );
    expect(await clusterKey('digest', 'sha deadbeef12 vs 0xABCDEF01, short abc123, word acceptable')).toBe(
      'digest: sha <hex> vs <hex>, short abc<n>, word acceptable',
    );
    expect(await clusterKey('timeout', ' after 12.5 s (attempt 3 of 10)\n')).toBe('timeout: after <n> s (attempt <n> of <n>)');
    expect(await clusterKey('x', 'job_abcdef1234 failed')).toBe('x: job_<hex> failed');
    expect(await clusterKey('x', 'order 1234 failed')).toBe(await clusterKey('x', 'order 98765 failed'));
    expect(await clusterKey('x', 'order 1234 failed')).not.toBe(await clusterKey('y', 'order 1234 failed'));
    expect((await clusterKey('long', 'a '.repeat(3000)))!.length).toBeLessThanOrEqual(600);
  });
});
