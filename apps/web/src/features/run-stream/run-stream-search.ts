import { LOG_LEVELS, RUN_STREAM_EVENT_TYPES } from '@execops/contract';
import { z } from 'zod';
import { oneOf, searchList, searchText } from '../jobs/jobs-search.ts';

/** `?level=warn&type=log,jobChanged&event=<id>`: unknown values fall back instead of failing the page. */
export const RunStreamSearchSchema = z.object({
  /** The least severe level shown. */
  level: oneOf(LOG_LEVELS),
  /** The item types shown, comma-separated; none: every type. */
  type: searchList(RUN_STREAM_EVENT_TYPES),
  /** The selected item: a shared link opens scrolled to it. */
  event: searchText,
});
export type RunStreamSearch = z.output<typeof RunStreamSearchSchema>;
