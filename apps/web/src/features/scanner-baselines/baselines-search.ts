import { z } from 'zod';
import { oneOf, searchText } from '../jobs/jobs-search.ts';
import { CHANGE_KINDS } from '../scanner-scans/scan-search.ts';

export const BaselinesSearchSchema = z.object({
  /** The target whose scans are compared with its baseline. */
  target: searchText,
  /** The scan compared; default the target's newest. */
  scan: searchText,
  change: oneOf(CHANGE_KINDS),
});
export type BaselinesSearch = z.output<typeof BaselinesSearchSchema>;
