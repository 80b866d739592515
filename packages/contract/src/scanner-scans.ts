import { queryInt } from './query-int.ts';
import { z } from 'zod';
import { AnalyzerId, AnalyzerSource } from './scanner-analyzers.ts';
import { DEFAULT_FEED_STALENESS_DAYS } from './scanner-kits.ts';
import { commaList, LIST_LIMIT_DEFAULT, LIST_LIMIT_MAX, Uuid } from './jobs.ts';

const isoDate = z.iso.datetime({ offset: true });

// ── Settings ────────────────────────────────────────────────────────────────────────────────────────────────

export const SCANNER_SETTINGS_LIMITS = {
  concurrency: { min: 1, max: 32 },
  analyzerTimeoutSeconds: { min: 1, max: 3600 },
  maxTargetBytes: { min: 1024 * 1024, max: 16 * 1024 ** 3 },
  /** An upload is stored in PostgreSQL (one bytea), which caps a value at 1 GiB. */
  maxUploadBytes: 1024 ** 3,
  feedStalenessDays: { min: 1, max: 365 },
} as const;

/** The values a fresh installation starts with (the migration's column defaults). */
export const SCANNER_SETTINGS_DEFAULTS = {
  concurrency: 4,
  analyzerTimeoutSeconds: 300,
  maxTargetBytes: 512 * 1024 * 1024,
  feedStalenessDays: DEFAULT_FEED_STALENESS_DAYS,
  deterministicOutput: true,
} as const;

const L = SCANNER_SETTINGS_LIMITS;
const between = (name: string, min: number, max: number) =>
  z
    .int(`${name} must be a whole number`)
    .min(min, `${name} must be at least ${min}`)
    .max(max, `${name} must be at most ${max}`);

/** What an operator edits; every rule here is what the server answers 422 for, field by field. */
export const ScannerSettingsInput = z
  .strictObject({
    concurrency: between('concurrency', L.concurrency.min, L.concurrency.max).describe('analyzer jobs of one scan running at once'),
    analyzerTimeoutSeconds: between('analyzerTimeoutSeconds', L.analyzerTimeoutSeconds.min, L.analyzerTimeoutSeconds.max).describe(
      'an analyzer job running longer fails with a timeout',
    ),
    maxTargetBytes: between('maxTargetBytes', L.maxTargetBytes.min, L.maxTargetBytes.max).describe(
      'largest target (directory contents, archive, upload) a scan reads, in bytes; uploads are also capped at 1 GiB',
    ),
    enabledAnalyzers: z
      .array(AnalyzerId)
      .min(1, 'enabledAnalyzers must name at least one analyzer')
      .refine((ids) => new Set(ids).size === ids.length, 'enabledAnalyzers names an analyzer twice')
      .describe('ids from the analyzer registry; the others are disabled'),
    feedStalenessDays: between('feedStalenessDays', L.feedStalenessDays.min, L.feedStalenessDays.max).describe(
      'an active feed older than this is stale (overview DEGRADED, import refused when older)',
    ),
    deterministicOutput: z.boolean().describe('reports carry no wall-clock time or random serial: the same input gives the same bytes'),
  });
export type ScannerSettingsInput = z.infer<typeof ScannerSettingsInput>;

export const ScannerSettings = z.object({
  ...ScannerSettingsInput.shape,
  updatedAt: isoDate.nullable().describe('null while the defaults were never changed'),
  updatedBy: z.string().nullable(),
}).meta({ id: 'ScannerSettings' });
export type ScannerSettings = z.infer<typeof ScannerSettings>;

/** One invalid field of a settings change (the 422's `details.fields`). */
export const SettingsFieldError = z.object({ field: z.string(), message: z.string() }).meta({ id: 'SettingsFieldError' });
export type SettingsFieldError = z.infer<typeof SettingsFieldError>;

// ── Targets and scans ───────────────────────────────────────────────────────────────────────────────────────

export const ScanTargetName = z
  .string()
  .trim()
  .min(1)
  .max(512)
  .describe('what baselines are kept for: defaults to the path, or the uploaded file name');

export const ScanTarget = z
  .discriminatedUnion('kind', [
    z.strictObject({
      kind: z.literal('path'),
      path: z.string().min(1).max(4096).describe('absolute path on the server host: a directory, a tar/tar.gz, a docker save or OCI layout tarball'),
    }),
    z.strictObject({ kind: z.literal('upload'), uploadId: Uuid.describe('from POST /scanner/uploads') }),
  ])
  .meta({ id: 'ScanTarget' });
export type ScanTarget = z.infer<typeof ScanTarget>;

export const StartScanRequest = z
  .strictObject({ target: ScanTarget, targetName: ScanTargetName.optional() })
  .meta({ id: 'StartScanRequest' });
export type StartScanRequest = z.infer<typeof StartScanRequest>;

export const ScanUpload = z
  .object({ id: Uuid, fileName: z.string(), sizeBytes: z.int(), sha256: z.string(), createdAt: isoDate })
  .meta({ id: 'ScanUpload' });
export type ScanUpload = z.infer<typeof ScanUpload>;

export const SCAN_STATES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'canceled'] as const;
export const ScanState = z
  .enum(SCAN_STATES)
  .describe('from its jobs: partial = report written but an analyzer failed; failed = resolve, match or report failed');
export type ScanState = z.infer<typeof ScanState>;

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none', 'unknown'] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

export const SeverityCounts = z.object(Object.fromEntries(SEVERITIES.map((s) => [s, z.int()])) as Record<Severity, z.ZodInt>);
export type SeverityCounts = z.infer<typeof SeverityCounts>;

export const ScanFeedRef = z
  .object({ kitId: z.string(), version: z.string(), generation: z.int(), createdAt: isoDate })
  .describe('the feed generation findings were matched against');
export type ScanFeedRef = z.infer<typeof ScanFeedRef>;

export const ScanTrigger = z.enum(['manual', 'schedule']);
export type ScanTrigger = z.infer<typeof ScanTrigger>;

export const AnalyzerRunOutcome = z
  .enum(['ok', 'error', 'skipped', 'canceled'])
  .describe('canceled: its scan was canceled before or while it ran (left out of analyzer health)');
export type AnalyzerRunOutcome = z.infer<typeof AnalyzerRunOutcome>;

export const ScanAnalyzerRun = z
  .object({
    analyzer: AnalyzerId,
    analyzerVersion: z.string(),
    jobId: Uuid.nullable(),
    outcome: AnalyzerRunOutcome.nullable().describe('null while the job has not finished'),
    durationMs: z.int().nullable(),
    components: z.int().nullable(),
    cacheHit: z.boolean().describe("the analyzer's input digest matched an earlier run, whose components were reused"),
    error: z.string().nullable(),
  })
  .meta({ id: 'ScanAnalyzerRun' });
export type ScanAnalyzerRun = z.infer<typeof ScanAnalyzerRun>;

export const ScanComparisonCounts = z
  .object({
    baselineScanId: Uuid.nullable(),
    new: z.int(),
    fixed: z.int(),
    unchanged: z.int(),
    notCompared: z.int().describe('findings of analyzers that ran in only one of the two scans (GET …/compare names them)'),
  })
  .meta({ id: 'ScanComparisonCounts' });
export type ScanComparisonCounts = z.infer<typeof ScanComparisonCounts>;

export const ScanSummary = z
  .object({
    id: Uuid,
    tenant: z.string(),
    targetName: z.string(),
    target: ScanTarget,
    trigger: ScanTrigger,
    state: ScanState,
    runId: Uuid.describe('the engine run of the scan pipeline (GET /runs/:id, its DAG from any of its jobs)'),
    createdAt: isoDate,
    finishedAt: isoDate.nullable(),
    durationMs: z.int().nullable(),
    components: z.int().nullable(),
    findings: z.int().nullable(),
    severities: SeverityCounts.nullable(),
    feed: ScanFeedRef.nullable(),
    targetBytes: z.int().nullable(),
    error: z.string().nullable(),
    isBaseline: z.boolean().describe("this scan is its target's baseline"),
    comparison: ScanComparisonCounts.nullable().describe("against the target's baseline when the scan finished"),
  })
  .meta({ id: 'ScanSummary' });
export type ScanSummary = z.infer<typeof ScanSummary>;

export const ScanDetail = z.object({ ...ScanSummary.shape, analyzers: z.array(ScanAnalyzerRun) }).meta({ id: 'ScanDetail' });
export type ScanDetail = z.infer<typeof ScanDetail>;

export const ListScansQuery = z
  .strictObject({
    targetName: z.string().max(512).optional(),
    state: commaList(ScanState).optional(),
    limit: queryInt(1, LIST_LIMIT_MAX).default(LIST_LIMIT_DEFAULT),
    before: isoDate.optional().describe('scans created before this time (paging: the last item’s createdAt)'),
  });
export type ListScansQuery = z.infer<typeof ListScansQuery>;

export const ScanList = z.object({ items: z.array(ScanSummary) }).meta({ id: 'ScanList' });
export type ScanList = z.infer<typeof ScanList>;

export const StartScanResponse = z
  .object({ scan: ScanSummary, jobIds: z.record(z.string(), Uuid).describe('pipeline node key → job id') })
  .meta({ id: 'StartScanResponse' });
export type StartScanResponse = z.infer<typeof StartScanResponse>;

export const ScanComponent = z
  .object({
    analyzer: AnalyzerId,
    ecosystem: z.string().describe('OSV ecosystem, e.g. npm, PyPI, Go, crates.io, Debian:12, Alpine:v3.19'),
    name: z.string(),
    version: z.string(),
    purl: z.string(),
    locations: z.array(z.string()),
  })
  .meta({ id: 'ScanComponent' });
export type ScanComponent = z.infer<typeof ScanComponent>;

export const ScanFinding = z
  .object({
    advisoryId: z.string(),
    aliases: z.array(z.string()),
    summary: z.string(),
    severity: Severity,
    score: z.number().nullable().describe('CVSS base score when the advisory gave a CVSS v3 vector'),
    ecosystem: z.string(),
    name: z.string(),
    version: z.string(),
    purl: z.string(),
    fixedVersions: z.array(z.string()),
  })
  .meta({ id: 'ScanFinding' });
export type ScanFinding = z.infer<typeof ScanFinding>;

export const ScanComponentList = z.object({ items: z.array(ScanComponent) }).meta({ id: 'ScanComponentList' });
export const ScanFindingList = z.object({ items: z.array(ScanFinding) }).meta({ id: 'ScanFindingList' });

export const ScanParams = z.strictObject({ id: Uuid });

export const CancelScanResponse = z
  .object({
    scan: ScanSummary,
    jobIds: z.array(Uuid).describe('the pipeline jobs canceled; running ones are asked to stop through the normal job cancel'),
  })
  .meta({ id: 'CancelScanResponse' });
export type CancelScanResponse = z.infer<typeof CancelScanResponse>;

// ── Baselines and comparison ─────────────────────────────────────────────────────────────────────────────────

export const Baseline = z
  .object({
    tenant: z.string(),
    targetName: z.string(),
    scanId: Uuid,
    promotedAt: isoDate,
    promotedBy: z.string(),
    reason: z.string(),
    ticket: z.string().nullable(),
    findings: z.int().nullable(),
    severities: SeverityCounts.nullable(),
  })
  .meta({ id: 'Baseline' });
export type Baseline = z.infer<typeof Baseline>;

export const BaselineList = z.object({ items: z.array(Baseline) }).meta({ id: 'BaselineList' });

export const PromoteBaselineRequest = z
  .strictObject({ scanId: Uuid.describe('a finished scan (succeeded or partial); it becomes the baseline of its target') })
  .meta({ id: 'PromoteBaselineRequest' });
export type PromoteBaselineRequest = z.infer<typeof PromoteBaselineRequest>;

export const CompareQuery = z
  .strictObject({ against: Uuid.optional().describe("another scan to compare with; default the target's baseline") });

export const NotComparedFindings = z
  .object({
    analyzer: AnalyzerId,
    from: z.enum(['baseline', 'scan']).describe("whose findings these are; the analyzer did not run (successfully) in the other scan"),
    findings: z.int(),
  })
  .meta({ id: 'NotComparedFindings' });
export type NotComparedFindings = z.infer<typeof NotComparedFindings>;

/** The one sentence the CLI and the console say about findings left out of a comparison. */
export function describeNotCompared({ analyzer, from, findings }: NotComparedFindings): string {
  const counted = `${findings} ${from === 'baseline' ? 'baseline findings' : 'findings of this scan'}`;
  return `${analyzer} analyzer did not run in ${from === 'baseline' ? 'this scan' : 'the baseline'}: ${counted} not compared`;
}

export const CompareResult = z
  .object({
    scanId: Uuid,
    targetName: z.string(),
    baselineScanId: Uuid.nullable().describe('null when the target has no baseline: every finding is then new'),
    new: z.array(ScanFinding),
    fixed: z.array(ScanFinding),
    unchanged: z.array(ScanFinding),
    counts: z.object({ new: z.int(), fixed: z.int(), unchanged: z.int() }),
    notCompared: z
      .array(NotComparedFindings)
      .describe('only findings of analyzers that ran in both scans are judged; the others are counted here, per analyzer'),
  })
  .meta({ id: 'CompareResult' });
export type CompareResult = z.infer<typeof CompareResult>;

// ── Analyzers ───────────────────────────────────────────────────────────────────────────────────────────────

export const AnalyzerProbe = z
  .object({ at: isoDate, ok: z.boolean(), durationMs: z.int(), message: z.string() })
  .describe('the last self-check on the analyzer\'s sample (refresh)');
export type AnalyzerProbe = z.infer<typeof AnalyzerProbe>;

export const AnalyzerHealth = z
  .object({
    runs: z.int().describe('recorded runs in the health window'),
    lastRunAt: isoDate.nullable(),
    lastOutcome: AnalyzerRunOutcome.nullable(),
    successRate: z.number().min(0).max(1).nullable(),
    p95DurationMs: z.number().nullable(),
    cacheHitRate: z.number().min(0).max(1).nullable(),
    lastError: z.string().nullable(),
    lastErrorAt: isoDate.nullable(),
  })
  .meta({ id: 'AnalyzerHealth' });
export type AnalyzerHealth = z.infer<typeof AnalyzerHealth>;

export const AnalyzerEntry = z
  .object({
    id: AnalyzerId,
    version: z.string(),
    ecosystem: z.string().describe('what it reads, e.g. "Debian (dpkg status)"'),
    source: AnalyzerSource,
    kitVersion: z.string().nullable().describe('the version of the kit that carries a kit analyzer; null for a built-in one'),
    enabled: z.boolean(),
    health: AnalyzerHealth,
    probe: AnalyzerProbe.nullable(),
  })
  .meta({ id: 'AnalyzerEntry' });
export type AnalyzerEntry = z.infer<typeof AnalyzerEntry>;

export const AnalyzerList = z
  .object({ items: z.array(AnalyzerEntry), healthWindowDays: z.int() })
  .meta({ id: 'AnalyzerList' });
export type AnalyzerList = z.infer<typeof AnalyzerList>;

export const AnalyzerParams = z.strictObject({ id: AnalyzerId });

export const RefreshAnalyzersResponse = z
  .object({ items: z.array(AnalyzerEntry).describe('every analyzer after its self-check') })
  .meta({ id: 'RefreshAnalyzersResponse' });

// ── Performance ─────────────────────────────────────────────────────────────────────────────────────────────

/** SPEC §9: ratio = max / baselineMax − 1; an alert from 20 %. */
export const PERF_REGRESSION_ALERT_RATIO = 0.2;

export const PerfMetric = z
  .string()
  .regex(/^(scan|analyzer:[a-z][a-z0-9_.-]{0,63})$/, 'a metric is "scan" or "analyzer:<id>"')
  .describe('"scan" (whole pipeline) or "analyzer:<id>"');
export type PerfMetric = z.infer<typeof PerfMetric>;

export const PerfPoint = z
  .object({ at: isoDate, scanId: Uuid, durationMs: z.int(), cacheHit: z.boolean() })
  .meta({ id: 'PerfPoint' });
export type PerfPoint = z.infer<typeof PerfPoint>;

export const PerfBaseline = z
  .object({
    metric: PerfMetric,
    from: isoDate,
    to: isoDate,
    maxMs: z.int(),
    samples: z.int(),
    setAt: isoDate,
    setBy: z.string(),
  })
  .meta({ id: 'PerfBaseline' });
export type PerfBaseline = z.infer<typeof PerfBaseline>;

export const PerfRegression = z
  .object({
    maxMs: z.int().nullable().describe('slowest duration in the window'),
    baselineMaxMs: z.int().nullable(),
    ratio: z.number().nullable().describe('max / baselineMax − 1; null without a baseline or samples'),
    alert: z.boolean().describe(`ratio ≥ ${PERF_REGRESSION_ALERT_RATIO}`),
  })
  .meta({ id: 'PerfRegression' });
export type PerfRegression = z.infer<typeof PerfRegression>;

export const PerfSeries = z
  .object({ metric: PerfMetric, points: z.array(PerfPoint), baseline: PerfBaseline.nullable(), regression: PerfRegression })
  .meta({ id: 'PerfSeries' });
export type PerfSeries = z.infer<typeof PerfSeries>;

export const PerfQuery = z
  .strictObject({
    since: isoDate.optional().describe('default 7 days ago'),
    until: isoDate.optional().describe('default now'),
  });
export type PerfQuery = z.infer<typeof PerfQuery>;

export const PerfReport = z
  .object({ since: isoDate, until: isoDate, series: z.array(PerfSeries), alerts: z.int().describe('series with alert') })
  .meta({ id: 'PerfReport' });
export type PerfReport = z.infer<typeof PerfReport>;

export const SetPerfBaselineRequest = z
  .strictObject({ from: isoDate, to: isoDate })
  .refine((w) => Date.parse(w.from) < Date.parse(w.to), { message: 'from must be before to', path: ['from'] })
  .describe('every series gets the slowest duration of its runs in this window as its baseline')
  .meta({ id: 'SetPerfBaselineRequest' });
export type SetPerfBaselineRequest = z.infer<typeof SetPerfBaselineRequest>;

export const PerfBaselineList = z.object({ items: z.array(PerfBaseline) }).meta({ id: 'PerfBaselineList' });

// ── Built-in job payloads of the scan pipeline ──────────────────────────────────────────────────────────────

export const SCAN_JOB_TYPES = {
  start: 'scanner.scan',
  resolve: 'scanner.resolve',
  analyze: 'scanner.analyze',
  match: 'scanner.match',
  report: 'scanner.report',
  compare: 'scanner.compare',
} as const;

/** `scanner.scan` (what a schedule targets): creates a scan of the target and its pipeline in the job's run. */
export const StartScanPayload = StartScanRequest.meta({ id: 'StartScanPayload' });
export type StartScanPayload = z.infer<typeof StartScanPayload>;

/** The pipeline's own jobs find everything by scan id. */
export const ScanStepPayload = z.strictObject({ scanId: Uuid }).meta({ id: 'ScanStepPayload' });
export type ScanStepPayload = z.infer<typeof ScanStepPayload>;

export const AnalyzeStepPayload = ScanStepPayload.extend({ analyzer: AnalyzerId }).meta({ id: 'AnalyzeStepPayload' });
export type AnalyzeStepPayload = z.infer<typeof AnalyzeStepPayload>;
