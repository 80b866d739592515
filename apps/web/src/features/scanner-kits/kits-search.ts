import { KitStatus } from '@execops/contract';
import { z } from 'zod';
import { oneOf } from '../jobs/jobs-search.ts';

export const KITS_TABS = ['kits', 'trust-keys'] as const;
export type KitsTab = (typeof KITS_TABS)[number];

export const KitsSearchSchema = z.object({
  tab: oneOf(KITS_TABS),
  /** Kits of this status only. */
  status: oneOf(KitStatus.options),
});
