import type { AnalyzerEntry } from '@execops/contract';

/** A rate (0–1) as a whole percentage, `—` without runs. */
export const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)} %`);

/** Unhealthy: enabled and either its last run failed or its self-check did. */
export function isUnhealthy(analyzer: AnalyzerEntry): boolean {
  return analyzer.enabled && (analyzer.health.lastOutcome === 'error' || analyzer.probe?.ok === false);
}
