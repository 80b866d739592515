import { z } from 'zod';
import { searchText } from '../jobs/jobs-search.ts';

export const QuotasSearchSchema = z.object({
  /** The quota whose detail panel is open. */
  jobType: searchText,
  /** Shows only job types containing this text. */
  filter: searchText,
});
export type QuotasSearch = z.output<typeof QuotasSearchSchema>;
