import { SCAN_JOB_TYPES, type PipelineNode, type ScannerSettings } from '@execops/contract';

/** Node keys of a scan's pipeline (also the keys of `StartScanResponse.jobIds`). */
export const SCAN_NODE = {
  resolve: 'resolve',
  analyze: (analyzer: string) => `analyze:${analyzer}`,
  match: 'match',
  report: 'report',
  compare: 'compare',
} as const;

/**
 * The scan's DAG: resolve → one job per enabled analyzer → match → report → compare.
 *
 * `concurrency` is honoured by lanes: analyzer i also waits for analyzer i − concurrency, so at most that many
 * analyzer jobs of the scan run at once. A lane edge must not skip the next analyzer when one fails, so analyzers
 * with a lane parent and the match run after a failed parent. A failed resolve skips everything after it, though:
 * the edges out of resolve are made `skip` once created (`SKIP_AFTER_FAILED_RESOLVE_SQL`), since a node has one
 * policy for all its edges. So a replay of the resolve with its downstream runs the whole scan again.
 */
export function scanPipelineNodes(
  scanId: string,
  analyzers: readonly string[],
  settings: Pick<ScannerSettings, 'concurrency' | 'analyzerTimeoutSeconds'>,
  correlationId?: string,
): PipelineNode[] {
  const step = (jobType: string, payload: Record<string, string>, extra: Partial<PipelineNode['job']> = {}) => ({
    jobType,
    payload: { scanId, ...payload },
    maxAttempts: 2,
    tags: ['scanner', `scan:${scanId}`],
    ...(correlationId ? { correlationId } : {}),
    ...extra,
  });
  const analyzeKeys = analyzers.map(SCAN_NODE.analyze);
  return [
    { key: SCAN_NODE.resolve, job: step(SCAN_JOB_TYPES.resolve, {}) },
    ...analyzers.map((analyzer, i): PipelineNode => {
      const lane = i >= settings.concurrency ? analyzeKeys[i - settings.concurrency] : undefined;
      return {
        key: SCAN_NODE.analyze(analyzer),
        // An analyzer is a pure function of its files: a retry would fail the same way.
        job: step(SCAN_JOB_TYPES.analyze, { analyzer }, { maxAttempts: 1, timeoutSeconds: settings.analyzerTimeoutSeconds }),
        dependsOn: lane ? [SCAN_NODE.resolve, lane] : [SCAN_NODE.resolve],
        ...(lane ? { onParentFailure: 'run' as const } : {}),
      };
    }),
    { key: SCAN_NODE.match, job: step(SCAN_JOB_TYPES.match, {}), dependsOn: [SCAN_NODE.resolve, ...analyzeKeys], onParentFailure: 'run' },
    { key: SCAN_NODE.report, job: step(SCAN_JOB_TYPES.report, {}), dependsOn: [SCAN_NODE.match] },
    { key: SCAN_NODE.compare, job: step(SCAN_JOB_TYPES.compare, {}), dependsOn: [SCAN_NODE.report] },
  ];
}

/** $1 the resolve job. See `scanPipelineNodes`. */
export const SKIP_AFTER_FAILED_RESOLVE_SQL = `UPDATE job_edges SET on_parent_failure = 'skip' WHERE parent = $1`;
