import type { JobError } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { compactDeadLetterCounts } from '../../src/db/maintained-counts.ts';
import { DeadLetterQueue } from '../../src/dead-letter/dead-letter-queue.ts';
import { databaseTargets } from '../support/databases.ts';
import { OPERATOR, useStore } from './store-fixture.ts';

/** 24 clusters holding 1, 2 or 3 entries each, so the top 20 is decided by ties (newest entry first) at its last place. */
const CLUSTERS = 24;
const entriesOf = (cluster: number) => (cluster % 3) + 1;
const errorOf = (cluster: number): JobError => ({
  code: `c${cluster}`,
  message: `order ${cluster * 7} failed`,
  class: cluster % 2 ? 'transient' : 'permanent',
  retryable: cluster % 2 === 1,
});

/** What stats must say, aggregated straight from the entries (the statements stats ran before migration 021). */
const ORACLE = {
  totals: `SELECT count(*)::int AS open, (count(*) FILTER (WHERE retryable))::int AS retryable_open, min(dead_lettered_at) AS oldest
           FROM dead_letter WHERE tenant = $1 AND status = 'open'`,
  clusters: `SELECT cluster_key, count(*)::int AS open, min(dead_lettered_at) AS first_at, max(dead_lettered_at) AS last_at,
                    array_agg(DISTINCT job_type ORDER BY job_type) AS job_types
             FROM dead_letter WHERE tenant = $1 AND status = 'open'
             GROUP BY cluster_key ORDER BY open DESC, last_at DESC, cluster_key LIMIT 20`,
  byJobType: `SELECT job_type AS "jobType", (count(*) FILTER (WHERE status = 'open'))::int AS open, count(*)::int AS total
              FROM dead_letter WHERE tenant = $1 GROUP BY job_type ORDER BY open DESC, total DESC, job_type`,
};

describe.each(databaseTargets())('maintained dead-letter counts on $name PostgreSQL', (target) => {
  const fx = useStore(target);
  const tenant = 'dlq-counts';
  const queue = () => new DeadLetterQueue(fx.db.pool);

  async function maintained(): Promise<Record<string, number>> {
    const { rows } = await fx.db.pool.query<{ key: string; n: number }>(
      `SELECT concat_ws('/', status, job_type, cluster_key, retryable) AS key, n FROM execops_dead_letter_counts($1)`,
      [tenant],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  async function counted(): Promise<Record<string, number>> {
    const { rows } = await fx.db.pool.query<{ key: string; n: number }>(
      `SELECT concat_ws('/', status, job_type, cluster_key, retryable) AS key, count(*)::int AS n FROM dead_letter
       WHERE tenant = $1 GROUP BY status, job_type, cluster_key, retryable`,
      [tenant],
    );
    return Object.fromEntries(rows.map((r) => [r.key, r.n]));
  }

  /** Maintained equals count(*), and stats (read from the maintained counts) equal the oracle's aggregates. */
  async function expectConsistent(): Promise<void> {
    expect(await maintained()).toEqual(await counted());
    const stats = await queue().stats(tenant);
    const query = async <T extends object>(sql: string) => (await fx.db.pool.query<T>(sql, [tenant])).rows;
    type Totals = { open: number; retryable_open: number; oldest: Date | null };
    const [totals] = await query<Totals>(ORACLE.totals);
    expect({ open: stats.open, retryableOpen: stats.retryableOpen, oldestOpenAt: stats.oldestOpenAt }).toEqual({
      open: totals?.open,
      retryableOpen: totals?.retryable_open,
      oldestOpenAt: totals?.oldest?.toISOString() ?? null,
    });
    type Cluster = { cluster_key: string; open: number; first_at: Date; last_at: Date; job_types: string[] };
    const clusters = await query<Cluster>(ORACLE.clusters);
    expect(stats.topClusters.map(({ clusterKey, open, firstAt, lastAt, jobTypes }) => ({ clusterKey, open, firstAt, lastAt, jobTypes }))).toEqual(
      clusters.map((c) => ({ clusterKey: c.cluster_key, open: c.open, firstAt: c.first_at.toISOString(), lastAt: c.last_at.toISOString(), jobTypes: c.job_types })),
    );
    expect(stats.byJobType).toEqual(await query(ORACLE.byJobType));
    expect(stats.last24h.reduce((sum, hour) => sum + hour.count, 0)).toBe(Object.values(await counted()).reduce((sum, n) => sum + n, 0));
  }

  /** Fails `count` jobs of `jobType` with `error`, one transaction each, while compactions run. */
  async function failJobs(jobType: string, count: number, error: JobError): Promise<void> {
    await fx.store.enqueueBatch(tenant, Array.from({ length: count }, () => ({ jobType, maxAttempts: 1 })));
    const claimed = await fx.store.claim({ workerId: 'dlq-counts', jobTypes: [jobType], limit: count, leaseSeconds: 30 });
    for (const job of claimed) await Promise.all([fx.store.fail({ ...job, error }), compactDeadLetterCounts(fx.db.pool)]);
  }

  const openIds = async (jobType?: string) =>
    (
      await fx.db.pool.query<{ id: string }>(
        `SELECT id FROM dead_letter WHERE tenant = $1 AND status = 'open' AND ($2::text IS NULL OR job_type = $2) ORDER BY id`,
        [tenant, jobType ?? null],
      )
    ).rows.map((r) => r.id);

  it('equal count(*) and drive identical stats through creates, replays, resolves, bulk resolves, prunes and deletes', async () => {
    await expectConsistent();
    for (let cluster = 0; cluster < CLUSTERS; cluster++) await failJobs(`counts.t${cluster % 4}`, entriesOf(cluster), errorOf(cluster));
    expect(Object.values(await maintained()).reduce((sum, n) => sum + n, 0)).toBe(48);
    await expectConsistent();

    const [replayed, resolved] = await openIds('counts.t1');
    await queue().replay(tenant, replayed!, OPERATOR);
    await Promise.all([queue().resolve(tenant, resolved!, 'fixed upstream', OPERATOR), compactDeadLetterCounts(fx.db.pool)]);
    await expectConsistent();
    expect(await maintained()).toMatchObject({ [`replayed/counts.t1/c1: order <n> failed/t`]: 1, [`resolved/counts.t1/c1: order <n> failed/t`]: 1 });

    const bulk = queue().bulkResolve(tenant, { filter: { jobType: 'counts.t2' } }, { dryRun: false, operator: OPERATOR }, 'bulk');
    const [outcome] = await Promise.all([bulk, compactDeadLetterCounts(fx.db.pool)]);
    expect(outcome.affected).toBeGreaterThan(0);
    await expectConsistent();

    const pruned = await fx.store.pruneFinished(new Date(Date.now() + 60_000), 1_000);
    expect(pruned.deleted).toBeGreaterThan(0);
    await expectConsistent();

    await compactDeadLetterCounts(fx.db.pool);
    const { rows } = await fx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM dead_letter_count_deltas');
    expect(rows[0]?.n).toBe(0);
    await expectConsistent();

    // Nothing in the engine deletes entries; the counts follow a DELETE or TRUNCATE by hand all the same.
    await fx.db.pool.query('DELETE FROM dead_letter WHERE id = $1', [(await openIds('counts.t3'))[0]]);
    await expectConsistent();
    await fx.db.pool.query('TRUNCATE dead_letter CASCADE');
    expect(await maintained()).toEqual({});
    await expectConsistent();
  });
});
