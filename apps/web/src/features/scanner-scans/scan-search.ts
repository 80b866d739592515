import { SEVERITIES, type Severity } from '@execops/contract';
import { z } from 'zod';
import { knownValues, oneOf, searchList } from '../jobs/jobs-search.ts';

export const SCAN_TABS = ['findings', 'compare', 'analyzers', 'timeline'] as const;
export type ScanTab = (typeof SCAN_TABS)[number];

export const CHANGE_KINDS = ['new', 'fixed', 'unchanged'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const ScanSearchSchema = z.object({
  tab: oneOf(SCAN_TABS),
  /** Findings of these severities only (`?severity=critical,high`). */
  severity: searchList(SEVERITIES),
  /** Which part of the comparison with the baseline is listed. */
  change: oneOf(CHANGE_KINDS),
});
export type ScanSearch = z.output<typeof ScanSearchSchema>;

export const selectedSeverities = (search: { severity?: string | undefined }): Severity[] => knownValues(SEVERITIES, search.severity);
