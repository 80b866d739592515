import { describe, expect, it } from 'vitest';
import { compactJobCounts, CountCompactor } from '../../src/db/maintained-counts.ts';
import { databaseTargets } from '../support/databases.ts';
import { waitFor } from '../support/wait.ts';
import { useStore } from './store-fixture.ts';

const PERMANENT = { code: 'x', message: 'x', class: 'permanent', retryable: false } as const;
const RETRYABLE = { code: 'y', message: 'y', class: 'transient', retryable: true } as const;

describe.each(databaseTargets())('maintained job counts on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const tenant = 'counts';

  async function maintained(): Promise<Record<string, number>> {
    const { rows } = await fx.db.pool.query<{ queue: string; state: string; n: number }>('SELECT * FROM execops_job_counts($1)', [tenant]);
    return Object.fromEntries(rows.map((r) => [`${r.queue}/${r.state}`, r.n]));
  }

  async function counted(): Promise<Record<string, number>> {
    const { rows } = await fx.db.pool.query<{ queue: string; state: string; n: number }>(
      'SELECT queue, state, count(*)::int AS n FROM jobs WHERE tenant = $1 GROUP BY queue, state',
      [tenant],
    );
    return Object.fromEntries(rows.map((r) => [`${r.queue}/${r.state}`, r.n]));
  }

  /** One worker: claims, then completes, fails (retryable or not) or cancels what it got, until nothing is left. */
  async function work(worker: number): Promise<void> {
    for (let round = 0; ; round++) {
      const claimed = await fx.store.claim({ workerId: `counts-${worker}`, jobTypes: ['counts.a', 'counts.b'], limit: 4, leaseSeconds: 30 });
      if (claimed.length === 0) return;
      await Promise.all(
        claimed.map(async (job, k) => {
          const pick = (round + k + worker) % 4;
          if (pick === 0) return fx.store.fail({ ...job, error: PERMANENT });
          if (pick === 1 && job.attempt < 2) return fx.store.fail({ ...job, error: RETRYABLE });
          return fx.store.complete(job, null);
        }),
      );
    }
  }

  /** Compacts over and over until `done` settles. */
  async function compactUntil(done: Promise<unknown>): Promise<number> {
    let settled = false;
    void done.finally(() => (settled = true));
    let folded = 0;
    while (!settled) folded += await compactJobCounts(fx.db.pool);
    return folded;
  }

  it('equal count(*) by queue and state through enqueues, claims, completions, retries, cancels and prunes, with compactions in between', async () => {
    const enqueue = (n: number, queue: string) =>
      fx.store.enqueueBatch(tenant, Array.from({ length: n }, (_, i) => ({ jobType: i % 2 ? 'counts.a' : 'counts.b', queue, maxAttempts: 2 })));
    const producing = Promise.all([enqueue(120, 'alpha'), enqueue(80, 'beta'), enqueue(60, 'alpha')]);
    await Promise.all([producing, compactUntil(producing)]);
    expect(await maintained()).toEqual(await counted());

    const parked = await fx.store.enqueueBatch(tenant, [{ jobType: 'counts.parked', queue: 'gamma' }, { jobType: 'counts.parked', queue: 'gamma' }]);
    const working = Promise.all([0, 1, 2].map(work));
    const [, folded] = await Promise.all([working, compactUntil(working), fx.store.cancel(tenant, parked[0]!.job.id, { actor: 't', reason: 'test' })]);
    expect(folded).toBeGreaterThan(0);
    expect(await maintained()).toEqual(await counted());
    expect(await maintained()).toMatchObject({ 'gamma/canceled': 1, 'gamma/queued': 1 });

    const pruning = fx.store.pruneFinished(new Date(Date.now() + 60_000), 50);
    await Promise.all([pruning, compactUntil(pruning), enqueue(10, 'beta')]);
    expect(await maintained()).toEqual(await counted());
    await compactJobCounts(fx.db.pool);
    const { rows } = await fx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM job_count_deltas');
    expect(rows[0]?.n).toBe(0);
    expect(await maintained()).toEqual(await counted());
  });

  it('are folded in the background by the compactor every server process runs', async () => {
    const pending = async () => Number((await fx.db.pool.query<{ n: string }>('SELECT count(*) AS n FROM job_count_deltas')).rows[0]?.n);
    await fx.store.enqueueBatch(tenant, [{ jobType: 'counts.later', queue: 'delta' }]);
    expect(await pending()).toBeGreaterThan(0);
    const compactor = new CountCompactor(fx.db.pool, (error) => expect.fail(String(error)), 20);
    compactor.start();
    try {
      await waitFor(async () => (await pending()) === 0);
    } finally {
      await compactor.stop();
    }
    expect(await maintained()).toEqual(await counted());
  });
});
