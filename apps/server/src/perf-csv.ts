import type { PerfReport } from '@execops/contract';
import { csvLine } from './csv.ts';

const COLUMNS = ['metric', 'at', 'scanId', 'durationMs', 'cacheHit', 'baselineMaxMs', 'ratio', 'alert'] as const;

/** Every point of every series as RFC 4180 CSV, with its series' baseline and regression. */
export function perfReportCsv(report: PerfReport): string {
  const rows = report.series.flatMap((s) =>
    s.points.map((p) => csvLine([s.metric, p.at, p.scanId, p.durationMs, p.cacheHit, s.regression.baselineMaxMs, s.regression.ratio, s.regression.alert])),
  );
  return csvLine(COLUMNS) + rows.join('');
}
