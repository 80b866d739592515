import { beforeAll, describe, expect, it } from 'vitest';
import { JOB_SORTS, ListJobsQuery, type JobSort } from '@execops/contract';
import { InvalidCursorError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { useStore } from './store-fixture.ts';

const list = (input: Record<string, unknown>) => ListJobsQuery.parse(input);

describe.each(databaseTargets())('listing and pruning on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const tenant = 'listing';

  it('pages newest first with a cursor until the end', async () => {
    const jobs = Array.from({ length: 7 }, (_, i) => ({ jobType: 'list.page', payload: { i } }));
    const ids = (await fx.store.enqueueBatch(tenant, jobs)).map((r) => r.job.id);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await fx.store.listJobs(tenant, list({ jobType: 'list.page', limit: 3, ...(cursor ? { cursor } : {}) }));
      seen.push(...result.items.map((j) => j.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('filters by state, type, queue, text and creation window', async () => {
    const [a, b, c] = await fx.store.enqueueBatch(tenant, [
      { jobType: 'list.filter', queue: 'q1', correlationId: 'order-77' },
      { jobType: 'list.filter', queue: 'q2', idempotencyKey: 'invoice_100%' },
      { jobType: 'list.other', queue: 'q1' },
    ]);
    const claimed = await fx.store.claim({ workerId: 'w', jobTypes: ['list.other'], limit: 1, leaseSeconds: 30 });
    await fx.store.fail({ ...claimed[0]!, error: { code: 'disk_full', message: 'no space left', class: 'permanent', retryable: false } });
    const ids = async (input: Record<string, unknown>) => (await fx.store.listJobs(tenant, list(input))).items.map((j) => j.id);

    expect(await ids({ queue: 'q1' })).toEqual([c!.job.id, a!.job.id]);
    expect(await ids({ jobType: 'list.filter', queue: 'q2' })).toEqual([b!.job.id]);
    expect(await ids({ state: 'failed' })).toEqual([c!.job.id]);
    expect(await ids({ state: 'failed,queued', queue: 'q1' })).toEqual([c!.job.id, a!.job.id]);
    expect(await ids({ text: 'ORDER-77' })).toEqual([a!.job.id]);
    expect(await ids({ text: 'space left' })).toEqual([c!.job.id]);
    expect(await ids({ text: '100%' })).toEqual([b!.job.id]);
    expect(await ids({ text: '_100' })).toEqual([b!.job.id]);
    expect(await ids({ text: a!.job.id.slice(0, 18) })).toContain(a!.job.id);
    const created = a!.job.createdAt;
    expect(await ids({ jobType: 'list.filter', createdBefore: created })).toEqual([]);
    expect(await ids({ jobType: 'list.filter', createdAfter: created })).toEqual([b!.job.id, a!.job.id]);
  });

  describe('sorts with keyset paging on (sort key, id), ties and nulls across page boundaries', () => {
    // Per job, in enqueue (= id) order: ties on every key, keys apart by one microsecond, finishedAt partly null, and
    // some unfinished jobs running (read apart from the rest: migration 024).
    const fixture: { priority: number; runAt: string; finishedAt: string | null; running?: true }[] = [
      { priority: 5, runAt: '00.000002', finishedAt: null, running: true },
      { priority: 1, runAt: '00.000000', finishedAt: '00.000001' },
      { priority: 5, runAt: '00.000002', finishedAt: null },
      { priority: 1, runAt: '00.000001', finishedAt: '00.000000' },
      { priority: 5, runAt: '00.000002', finishedAt: '00.000001' },
      { priority: 3, runAt: '00.000000', finishedAt: null, running: true },
      { priority: 1, runAt: '00.000001', finishedAt: '00.000000' },
    ];
    const at = (seconds: string) => `2030-01-01T00:00:${seconds}Z`;
    let ids: string[] = [];

    beforeAll(async () => {
      const results = await fx.store.enqueueBatch(tenant, fixture.map(({ priority }) => ({ jobType: 'list.sort', priority })));
      ids = results.map((r) => r.job.id);
      for (const [i, job] of fixture.entries()) {
        // A finished job is in a final state (a constraint of the jobs table).
        await fx.db.pool.query(
          `UPDATE jobs SET run_at = $2, finished_at = $3,
                  state = CASE WHEN $3::timestamptz IS NOT NULL THEN 'succeeded' WHEN $4 THEN 'running' ELSE state END,
                  lease_id = CASE WHEN $4 THEN gen_random_uuid() END
           WHERE id = $1`,
          [ids[i], at(job.runAt), job.finishedAt === null ? null : at(job.finishedAt), job.running === true],
        );
      }
    });

    /** The order the listing must produce, computed from the fixture: key (nulls last), then id, both in `order`. */
    function expectedOrder(sort: JobSort, order: 'asc' | 'desc'): string[] {
      const keyOf = (i: number): string | number | null =>
        sort === 'createdAt' ? null : sort === 'priority' ? fixture[i]!.priority : fixture[i]![sort];
      const sign = order === 'asc' ? 1 : -1;
      const byKeyThenId = (a: number, b: number) => {
        const [ka, kb] = [keyOf(a), keyOf(b)];
        if (ka !== kb) {
          if (ka === null) return 1;
          if (kb === null) return -1;
          return sign * (ka < kb ? -1 : 1);
        }
        return sign * (a - b);
      };
      return fixture.map((_, i) => i).sort(byKeyThenId).map((i) => ids[i]!);
    }

    async function listAll(sort: JobSort, order: 'asc' | 'desc', limit: number, filter: Record<string, string> = {}): Promise<string[]> {
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 20; page++) {
        const result = await fx.store.listJobs(tenant, list({ jobType: 'list.sort', sort, order, limit, ...filter, ...(cursor ? { cursor } : {}) }));
        seen.push(...result.items.map((j) => j.id));
        if (!result.nextCursor) break;
        cursor = result.nextCursor;
      }
      return seen;
    }

    const cases = JOB_SORTS.flatMap((sort) => (['asc', 'desc'] as const).map((order) => [sort, order] as const));
    it.each(cases)('%s %s', async (sort, order) => {
      const expected = expectedOrder(sort, order);
      expect(await listAll(sort, order, 2)).toEqual(expected);
      expect(await listAll(sort, order, 3)).toEqual(expected);
      expect(await listAll(sort, order, 100)).toEqual(expected);
    });

    it.each(['asc', 'desc'] as const)('finishedAt %s with a state filter: finished, unfinished or both', async (order) => {
      const expected = expectedOrder('finishedAt', order);
      const finished = new Set(ids.filter((_, i) => fixture[i]!.finishedAt !== null));
      const running = new Set(ids.filter((_, i) => fixture[i]!.running));
      for (const limit of [2, 100]) {
        expect(await listAll('finishedAt', order, limit, { state: 'succeeded' })).toEqual(expected.filter((id) => finished.has(id)));
        expect(await listAll('finishedAt', order, limit, { state: 'queued' })).toEqual(expected.filter((id) => !finished.has(id) && !running.has(id)));
        expect(await listAll('finishedAt', order, limit, { state: 'queued,running,succeeded' })).toEqual(expected);
        expect(await listAll('finishedAt', order, limit, { state: 'running' })).toEqual(expected.filter((id) => running.has(id)));
        expect(await listAll('finishedAt', order, limit, { state: 'running,succeeded' })).toEqual(
          expected.filter((id) => running.has(id) || finished.has(id)),
        );
      }
    });

    it('sorts by createdAt descending unless told otherwise', async () => {
      expect(await listAll('createdAt', 'desc', 100)).toEqual([...ids].reverse());
      const page = await fx.store.listJobs(tenant, list({ jobType: 'list.sort' }));
      expect(page.items.map((j) => j.id)).toEqual([...ids].reverse());
    });

    it('refuses a cursor made for another sort or order', async () => {
      const first = await fx.store.listJobs(tenant, list({ jobType: 'list.sort', sort: 'priority', order: 'asc', limit: 2 }));
      const cursor = first.nextCursor!;
      expect(cursor).toBeTruthy();
      await expect(fx.store.listJobs(tenant, list({ jobType: 'list.sort', sort: 'priority', order: 'desc', cursor }))).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(fx.store.listJobs(tenant, list({ jobType: 'list.sort', sort: 'runAt', order: 'asc', cursor }))).rejects.toBeInstanceOf(InvalidCursorError);
      await expect(fx.store.listJobs(tenant, list({ jobType: 'list.sort', cursor }))).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });

  it('rejects a cursor it did not issue', async () => {
    await expect(fx.store.listJobs(tenant, list({ cursor: 'not-a-cursor' }))).rejects.toBeInstanceOf(InvalidCursorError);
    const forged = Buffer.from("x' OR 1=1 --").toString('base64url');
    await expect(fx.store.listJobs(tenant, list({ cursor: forged }))).rejects.toBeInstanceOf(InvalidCursorError);
    const id = '0190a0c0-0000-7000-8000-000000000000';
    const keys: Array<[string, unknown]> = [
      ['priority', 2 ** 40],
      ['priority', '3'],
      ['runAt', '2026-02-31T00:00:00.000000Z'],
      ['runAt', null],
      ['finishedAt', "2026-01-01'; DROP TABLE jobs; --"],
      ['createdAt', 5],
    ];
    for (const [sort, key] of keys) {
      const cursor = Buffer.from(JSON.stringify({ sort, order: 'desc', key, id })).toString('base64url');
      await expect(fx.store.listJobs(tenant, list({ sort, cursor }))).rejects.toBeInstanceOf(InvalidCursorError);
    }
  });

  it('prunes jobs finished before the cutoff with their attempts, and keeps the rest', async () => {
    const [old, recent, waiting] = await fx.store.enqueueBatch(tenant, [
      { jobType: 'list.prune' },
      { jobType: 'list.prune' },
      { jobType: 'list.prune' },
    ]);
    for (let i = 0; i < 2; i++) {
      const [claimed] = await fx.store.claim({ workerId: 'w', jobTypes: ['list.prune'], limit: 1, leaseSeconds: 30 });
      await fx.store.complete(claimed!, null);
    }
    await fx.db.pool.query(`UPDATE jobs SET finished_at = now() - interval '2 days' WHERE id = $1`, [old!.job.id]);
    const result = await fx.store.pruneFinished(new Date(Date.now() - 86_400_000), 1000);
    expect(result.deleted).toBe(1);
    expect(await fx.store.getJob(tenant, old!.job.id)).toBeNull();
    const attempts = await fx.db.pool.query('SELECT 1 FROM job_attempts WHERE job_id = $1', [old!.job.id]);
    expect(attempts.rowCount).toBe(0);
    expect((await fx.store.getJob(tenant, recent!.job.id))?.state).toBe('succeeded');
    expect((await fx.store.getJob(tenant, waiting!.job.id))?.state).toBe('queued');
  });
});
