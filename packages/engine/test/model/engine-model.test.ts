import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DagResolver } from '../../src/dag/dag-resolver.ts';
import { QuotaAdmin } from '../../src/quotas/quota-admin.ts';
import { ScheduleAdmin } from '../../src/scheduler/schedule-admin.ts';
import { Scheduler } from '../../src/scheduler/scheduler.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.ts';
import { reliabilityRuns } from '../support/reliability.ts';
import { INSTANT_RETRY, OPERATOR } from '../conformance/store-fixture.ts';
import { engineCommands, type EngineModel, type EngineReal } from './engine-model.ts';

/** The limits of the quota on the first job type (and maybe the tenant's `*`), drawn once per run. */
const quotaLimits = fc.record({
  maxActive: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
  maxPerHour: fc.option(fc.integer({ min: 2, max: 8 }), { nil: null }),
  bucket: fc.option(fc.record({ burst: fc.integer({ min: 1, max: 3 }), refillPerSecond: fc.double({ min: 0.5, max: 5, noNaN: true }) }), { nil: null }),
  tenantMaxActive: fc.option(fc.integer({ min: 2, max: 4 }), { nil: null }),
});

type QuotaLimitsDraw = typeof quotaLimits extends fc.Arbitrary<infer T> ? T : never;

describe.each(databaseTargets())('engine state machine against a model on $name PostgreSQL', (target) => {
  let db: TestDatabase;
  let store: PgStore;
  let resolver: DagResolver;
  let schedulers: readonly [Scheduler, Scheduler];
  let runs = 0;

  beforeAll(async () => {
    db = await createTestDatabase(target);
    store = new PgStore({ pool: db.pool, retry: INSTANT_RETRY });
    resolver = new DagResolver({ pool: db.pool });
    schedulers = [0, 1].map((n) => new Scheduler({ pool: db.pool, insert: store.insert, holderId: `model-scheduler-${n}` })) as unknown as [Scheduler, Scheduler];
  });
  afterAll(async () => db.drop());

  /** A fresh tenant and job types per run, so runs share one database without seeing each other's rows. */
  async function setup(limits: QuotaLimitsDraw): Promise<{ model: EngineModel; real: EngineReal }> {
    runs += 1;
    const tenant = `model-${runs}`;
    const jobTypes = [`model${runs}.limited`, `model${runs}.free`] as const;
    const quotas = new QuotaAdmin(db.pool);
    const { bucket, tenantMaxActive, ...rest } = limits;
    await quotas.create(tenant, { jobType: jobTypes[0], ...rest, burst: bucket?.burst ?? null, refillPerSecond: bucket?.refillPerSecond ?? null, paused: false }, OPERATOR);
    if (tenantMaxActive !== null) {
      await quotas.create(tenant, { jobType: '*', maxActive: tenantMaxActive, maxPerHour: null, burst: null, refillPerSecond: null, paused: false }, OPERATOR);
    }
    // Every second: rewinds and takeovers meet slots that already fired.
    await new ScheduleAdmin(db.pool, store.insert).create(
      tenant,
      { name: 'every-second', cron: '* * * * * *', target: { kind: 'job', job: { jobType: `model${runs}.cron` } }, misfirePolicy: 'fire_all', overlapPolicy: 'allow' },
      OPERATOR,
    );
    return {
      model: { jobs: [], leases: [], cancelRequested: new Set() },
      real: { pool: db.pool, store, resolver, schedulers, tenant, jobTypes, endedAttempts: new Map() },
    };
  }

  async function teardown(real: EngineReal): Promise<void> {
    await db.pool.query(`UPDATE schedules SET enabled = false, next_fire_at = NULL WHERE tenant = $1`, [real.tenant]);
  }

  it('keeps every invariant under random command sequences (leases, attempts, quotas, DAG, cron slots)', { timeout: 1_800_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(quotaLimits, fc.commands(engineCommands, { maxCommands: 60, size: 'max' }), async (limits, commands) => {
        const { model, real } = await setup(limits);
        try {
          await fc.asyncModelRun(() => ({ model, real }), commands);
        } finally {
          await teardown(real);
        }
      }),
      // Unbiased: sequences of any length up to maxCommands, not mostly short ones.
      { ...reliabilityRuns({ smoke: 12, full: 100 }), unbiased: true },
    );
  });
});
