import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../../../engine/test/support/databases.ts';
import { activeFeedInfo, activeFeedLookup, ensureDemoFeed, FIXTURE_TRUST_KEY_NAME, KitStore } from '../../src/index.ts';

describe('the first start demo feed', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    const [target] = databaseTargets();
    if (!target) throw new Error('no database target');
    db = await createTestDatabase(target);
  });
  afterAll(async () => db?.drop());

  it('trusts the sample key and imports the sample kit once, and never again after the key is revoked', async () => {
    const imported = await ensureDemoFeed(db.pool);
    expect(imported).toMatchObject({ status: 'active', version: '0.1', origin: 'first-start', keyName: FIXTURE_TRUST_KEY_NAME, actor: 'system' });
    expect(await activeFeedInfo(db.pool)).toMatchObject({ demo: true, stale: false, advisories: 8 });
    expect((await activeFeedLookup(db.pool)('PyPI', 'requests')).map((r) => r.id)).toEqual(['GHSA-j8r2-6x86-q33q']);
    expect(await ensureDemoFeed(db.pool)).toBeNull();

    const kits = new KitStore(db.pool);
    await kits.revokeTrustKey('execops-fixture-demo', { tenant: 'default', operator: { actor: 'tester', reason: 'real feed now' } });
    await db.pool.query('TRUNCATE scanner_feed_activations, scanner_advisories, scanner_kit_analyzers, scanner_kits');
    expect(await ensureDemoFeed(db.pool)).toBeNull();
    expect(await activeFeedInfo(db.pool)).toBeNull();
  });
});
