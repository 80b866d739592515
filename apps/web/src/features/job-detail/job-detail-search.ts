import { LOG_LEVELS, type LogLevel } from '@execops/contract';
import { z } from 'zod';
import { toText } from '../jobs/jobs-search.ts';

export const JOB_DETAIL_TABS = ['overview', 'attempts', 'logs', 'payload', 'artifacts', 'events', 'audit'] as const;
export type JobDetailTab = (typeof JOB_DETAIL_TABS)[number];
export const DEFAULT_TAB: JobDetailTab = 'overview';

const oneOf = <T extends string>(values: readonly T[]) =>
  z
    .unknown()
    .transform((value) => {
      const text = toText(value);
      return values.find((candidate) => candidate === text);
    })
    .optional();

/** `?tab=logs&level=warn&q=timeout`: an unknown tab or level falls back to the default instead of failing the page. */
export const JobDetailSearchSchema = z.object({
  tab: oneOf(JOB_DETAIL_TABS),
  /** The least severe log level shown. */
  level: oneOf(LOG_LEVELS),
  /** Log lines whose message or fields contain this text. */
  q: z.unknown().transform(toText).optional(),
});
export type JobDetailSearch = z.output<typeof JobDetailSearchSchema>;

export const isJobDetailTab = (value: string | null): value is JobDetailTab => JOB_DETAIL_TABS.some((tab) => tab === value);

const LEVEL_RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export const atLeastLevel = (level: LogLevel, minimum: LogLevel | undefined) => LEVEL_RANK[level] >= LEVEL_RANK[minimum ?? 'debug'];
