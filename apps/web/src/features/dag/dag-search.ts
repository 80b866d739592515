import { z } from 'zod';
import { toText } from '../jobs/jobs-search.ts';

/** `?node=<jobId>` selects a job (ids may arrive as numbers, trap G16); `?critical=1` highlights the critical path. */
export const DagSearchSchema = z.object({
  node: z.unknown().transform(toText).optional(),
  critical: z
    .unknown()
    .transform((value) => (toText(value) === '1' ? ('1' as const) : undefined))
    .optional(),
});
export type DagSearch = z.output<typeof DagSearchSchema>;
