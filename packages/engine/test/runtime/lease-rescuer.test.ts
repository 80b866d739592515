import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LeaseRescuer } from '../../src/runtime/lease-rescuer.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.ts';
import { waitForJobState } from '../support/wait.ts';

let db: TestDatabase;
let store: PgStore;
beforeAll(async () => {
  db = await createTestDatabase(databaseTargets()[0]!);
  store = new PgStore({ pool: db.pool });
});
afterAll(async () => db.drop());

describe('LeaseRescuer', () => {
  it('requeues a job whose worker vanished, without any runtime in the process', async () => {
    const [enqueued] = await store.enqueueBatch('default', [{ jobType: 'rescuer.orphan' }]);
    await store.claim({ workerId: 'vanished', jobTypes: ['rescuer.orphan'], limit: 1, leaseSeconds: 0.2 });
    const rescuer = new LeaseRescuer(store, 100);
    rescuer.start();
    try {
      const job = await waitForJobState(store, 'default', enqueued!.job.id, ['queued']);
      expect(job.lastError?.code).toBe('lease_expired');
    } finally {
      await rescuer.stop();
    }
  });
});
