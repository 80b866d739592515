import type { KitSummary } from '@execops/contract';
import type { Pool } from '@execops/engine';
import { buildFixtureKit, FIXTURE_TRUST_KEY_NAME, fixturePublicKey } from './fixture-kit.ts';
import { KitConflictError } from './kit-errors.ts';
import { KitStore, type KitAudit } from './kit-store.ts';

const FIRST_START: KitAudit = { tenant: 'default', operator: { actor: 'system', reason: 'first start: sample kit as a demo feed' } };

/**
 * On a site with no active kit whose trust keys never held the sample key, trusts it under
 * FIXTURE_TRUST_KEY_NAME and imports the sample kit (built now, so it is not stale) as a demo feed. Revoking the
 * key keeps it from coming back. Answers the imported kit, or null when nothing was done.
 */
export async function ensureDemoFeed(pool: Pool): Promise<KitSummary | null> {
  const kits = new KitStore(pool);
  const key = await fixturePublicKey();
  const everTrusted = (await kits.listTrustKeys()).some((trusted) => trusted.kid === key.kid);
  const active = (await kits.listKits('active')).length > 0;
  if (active || everTrusted) return null;
  try {
    await kits.addTrustKey({ name: FIXTURE_TRUST_KEY_NAME, jwk: key }, FIRST_START);
  } catch (error) {
    // Another process starting on the same database got there first and imports the demo feed itself.
    if (error instanceof KitConflictError) return null;
    throw error;
  }
  const { bytes } = await buildFixtureKit({ createdAt: new Date() });
  return kits.importKit(bytes, 'first-start', FIRST_START);
}
