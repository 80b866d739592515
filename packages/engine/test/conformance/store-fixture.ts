import type { EnqueueJobRequest } from '@execops/contract';
import { afterAll, beforeAll } from 'vitest';
import { PgStore } from '../../src/store/pg-store.ts';
import { createTestDatabase, type DatabaseTarget, type TestDatabase } from '../support/databases.ts';

export const TENANT = 'default';
export const OPERATOR = { actor: 'test-operator', reason: 'conformance test', ticket: 'T-1' };
/** Retries come due at once, so tests can claim the next attempt without waiting. */
export const INSTANT_RETRY = { baseSeconds: 0.001, capSeconds: 0.001 };

export interface StoreFixture {
  db: TestDatabase;
  store: PgStore;
  enqueue(job: EnqueueJobRequest, tenant?: string): Promise<string>;
  claimOne(jobType: string, leaseSeconds?: number): Promise<Awaited<ReturnType<PgStore['claim']>>[number]>;
  eventTypes(jobId: string): Promise<string[]>;
}

/** A fresh database on `target` for one test file, with a store and shortcuts the cases share. */
export function useStore(target: DatabaseTarget): StoreFixture {
  const fixture = {} as StoreFixture;
  beforeAll(async () => {
    fixture.db = await createTestDatabase(target);
    fixture.store = new PgStore({ pool: fixture.db.pool, payloadLimitBytes: 2048, retry: INSTANT_RETRY });
  });
  afterAll(async () => {
    await fixture.db.drop();
  });
  fixture.enqueue = async (job, tenant = TENANT) => {
    const [result] = await fixture.store.enqueueBatch(tenant, [job]);
    if (!result) throw new Error('enqueue returned nothing');
    return result.job.id;
  };
  fixture.claimOne = async (jobType, leaseSeconds = 30) => {
    const [claimed] = await fixture.store.claim({ workerId: 'test-worker', jobTypes: [jobType], limit: 1, leaseSeconds });
    if (!claimed) throw new Error(`nothing to claim for ${jobType}`);
    return claimed;
  };
  fixture.eventTypes = async (jobId) => {
    const { rows } = await fixture.db.pool.query<{ type: string }>('SELECT type FROM events WHERE subject_id = $1 ORDER BY id', [jobId]);
    return rows.map((r) => r.type);
  };
  return fixture;
}
