import { stat } from 'node:fs/promises';
import {
  AnalyzeStepPayload,
  PermanentJobError,
  SCAN_JOB_TYPES,
  ScanStepPayload,
  StartScanPayload,
  type ScanFeedRef,
  type ScanTarget,
  type SeverityCounts,
} from '@execops/contract';
import { withTransaction, type JobContext, type JobHandler, type JobInserter, type Pool, type Queryable } from '@execops/engine';
import type { Analyzer } from '../analyzers/analyzer.ts';
import { analyzerCacheKey, filesFor } from '../analyzers/cache-key.ts';
import { activeFeedInfo, activeFeedLookup } from '../kits/feed-lookup.ts';
import { ecosystemOrders, installedAnalyzers } from '../kits/kit-analyzers.ts';
import { matchComponents } from '../matching/match-components.ts';
import type { Component } from '../model/component.ts';
import { buildReport } from '../report/build-report.ts';
import { resolveTarget, type TargetSource } from '../target/resolve-target.ts';
import { TargetError } from '../target/target-error.ts';
import { compareScans, comparisonCounts } from './scan-comparison.ts';
import { recordScanEvent } from './scan-events.ts';
import { scanFindings } from './scan-findings.ts';
import { startScan } from './scan-start.ts';

export interface ScanJobDeps {
  pool: Pool;
  insert: JobInserter;
  /** The built-in analyzers; each step adds those of the active kit (`installedAnalyzers`). */
  analyzers: readonly Analyzer[];
  toolVersion: string;
}

const installed = (deps: ScanJobDeps) => installedAnalyzers(deps.pool, deps.analyzers);

interface ScanJobRow {
  tenant: string;
  target_name: string;
  target: ScanTarget;
  analyzers: string[];
  settings: { maxTargetBytes: number; deterministicOutput: boolean };
  target_bytes: string | null;
  target_format: string | null;
  feed: ScanFeedRef | null;
}

const SCAN_SQL = 'SELECT tenant, target_name, target, analyzers, settings, target_bytes, target_format, feed FROM scans WHERE id = $1';
const MAX_ENTRIES = 1_000_000;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** Where job handlers are registered: the in-process `WorkerRuntime`. */
export interface JobRegistry {
  register(jobType: string, handler: JobHandler): unknown;
}

/** Registers the scan pipeline's built-in job types on the in-process runtime. */
export function registerScanJobs(runtime: JobRegistry, deps: ScanJobDeps): void {
  runtime.register(SCAN_JOB_TYPES.start, (context) => startFromJob(deps, context));
  runtime.register(SCAN_JOB_TYPES.resolve, (context) => resolveStep(deps, context));
  runtime.register(SCAN_JOB_TYPES.analyze, (context) => analyzeStep(deps, context));
  runtime.register(SCAN_JOB_TYPES.match, (context) => matchStep(deps, context));
  runtime.register(SCAN_JOB_TYPES.report, (context) => reportStep(deps, context));
  runtime.register(SCAN_JOB_TYPES.compare, (context) => compareStep(deps, context));
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, payload: unknown): T {
  const parsed = schema.safeParse(payload);
  if (!parsed.success) throw new PermanentJobError(`invalid payload: ${parsed.error.message}`, 'invalid_payload');
  return parsed.data;
}

async function loadScan(pool: Pool, scanId: string, resolved: boolean): Promise<ScanJobRow> {
  const { rows } = await pool.query<ScanJobRow>(SCAN_SQL, [scanId]);
  const scan = rows[0];
  if (!scan) throw new PermanentJobError(`scan ${scanId} does not exist`, 'scan_not_found');
  if (resolved && scan.target_bytes === null) throw new PermanentJobError('the target was not resolved (the resolve job failed)', 'target_unresolved');
  return scan;
}

/**
 * Locks the scan's row for a step's writes and says whether it may write: a job still running when its scan was
 * canceled, or when it timed out (the scan failed meanwhile), finishes afterwards, and must not bring results or a
 * state back to a finished scan.
 */
async function stillLive(db: Queryable, scanId: string): Promise<boolean> {
  const { rows } = await db.query<{ state: string }>('SELECT state FROM scans WHERE id = $1 FOR UPDATE', [scanId]);
  return rows[0]?.state === 'queued' || rows[0]?.state === 'running';
}
const STOPPED = { stopped: true } as const;

/** `scanner.scan`: a scheduled start; the scan's pipeline joins the job's run. A retried start finds its scan. */
async function startFromJob(deps: ScanJobDeps, context: JobContext) {
  const request = parse(StartScanPayload, context.payload);
  const existing = await deps.pool.query<{ id: string }>('SELECT id FROM scans WHERE start_job_id = $1', [context.job.jobId]);
  if (existing.rows[0]) return { scanId: existing.rows[0].id };
  const { rows } = await deps.pool.query<{ run_id: string | null; correlation_id: string | null }>(
    'SELECT run_id, correlation_id FROM jobs WHERE id = $1',
    [context.job.jobId],
  );
  const started = await startScan(deps.pool, deps.insert, await installed(deps), {
    tenant: context.job.tenant,
    request,
    actor: 'scheduler',
    trigger: 'schedule',
    startJobId: context.job.jobId,
    ...(rows[0]?.run_id ? { runId: rows[0].run_id } : {}),
    ...(rows[0]?.correlation_id ? { correlationId: rows[0].correlation_id } : {}),
  });
  return { scanId: started.scan.id, jobIds: started.jobIds };
}

async function targetSource(pool: Pool, tenant: string, target: ScanTarget): Promise<TargetSource> {
  if (target.kind === 'upload') {
    const { rows } = await pool.query<{ content: Buffer }>('SELECT content FROM scanner_uploads WHERE tenant = $1 AND id = $2', [tenant, target.uploadId]);
    if (!rows[0]) throw new PermanentJobError(`upload ${target.uploadId} no longer exists`, 'upload_not_found');
    return { kind: 'archive', data: rows[0].content };
  }
  const info = await stat(target.path).catch(() => null);
  if (!info) throw new PermanentJobError(`${target.path} does not exist on this server`, 'target_not_found');
  return info.isDirectory() ? { kind: 'directory', path: target.path } : { kind: 'archive', path: target.path };
}

/** `scanner.resolve`: reads the target within the limits and keeps the files the scan's analyzers want. */
async function resolveStep(deps: ScanJobDeps, context: JobContext) {
  const { scanId } = parse(ScanStepPayload, context.payload);
  const scan = await loadScan(deps.pool, scanId, false);
  await withTransaction(deps.pool, async (client) => {
    const started = await client.query(`UPDATE scans SET state = 'running', started_at = now() WHERE id = $1 AND state = 'queued'`, [scanId]);
    if (started.rowCount === 1) await recordScanEvent(client, scanId, { type: 'scan.started', data: {} });
  });
  const analyzers = (await installed(deps)).filter((a) => scan.analyzers.includes(a.id));
  try {
    const resolved = await resolveTarget(await targetSource(deps.pool, scan.tenant, scan.target), {
      limits: { maxTargetBytes: scan.settings.maxTargetBytes, maxEntries: MAX_ENTRIES, maxFileBytes: MAX_FILE_BYTES },
      wants: (path) => analyzers.some((a) => a.wants(path)),
    });
    const written = await withTransaction(deps.pool, async (client) => {
      if (!(await stillLive(client, scanId))) return false;
      await client.query('DELETE FROM scan_target_files WHERE scan_id = $1', [scanId]);
      await client.query('INSERT INTO scan_target_files (scan_id, path, content) SELECT $1, p, c FROM unnest($2::text[], $3::bytea[]) AS t(p, c)', [
        scanId,
        [...resolved.files.keys()],
        [...resolved.files.values()],
      ]);
      await client.query('UPDATE scans SET target_bytes = $2, target_format = $3, error = NULL WHERE id = $1', [scanId, resolved.bytes, resolved.format]);
      await recordScanEvent(client, scanId, { type: 'scan.resolved', data: { format: resolved.format, files: resolved.files.size, bytes: resolved.bytes } });
      return true;
    });
    if (!written) return STOPPED;
    return { format: resolved.format, files: resolved.files.size, bytes: resolved.bytes, layers: resolved.layers.length };
  } catch (error) {
    if (!(error instanceof TargetError)) throw error;
    throw new PermanentJobError(error.message, `target_${error.code}`);
  }
}

const RECORD_RUN_SQL = `
UPDATE scan_analyzer_runs SET outcome = $3, duration_ms = $4, components = $5, input_digest = $6, cache_hit = $7,
       error = $8, finished_at = now(), job_id = $9
WHERE scan_id = $1 AND analyzer = $2 AND outcome IS DISTINCT FROM 'canceled'`;

const CACHED_SQL = `
SELECT components FROM scan_analyzer_runs
WHERE analyzer = $1 AND analyzer_version = $2 AND input_digest = $3 AND outcome = 'ok' AND scan_id <> $4
ORDER BY finished_at DESC LIMIT 1`;

/**
 * `scanner.analyze`: one analyzer over its files. Its input digest is looked up first: an earlier successful run
 * on the same files (same analyzer version) gives its components (a cache hit). The run is recorded either way.
 */
async function analyzeStep(deps: ScanJobDeps, context: JobContext) {
  const { scanId, analyzer: analyzerId } = parse(AnalyzeStepPayload, context.payload);
  await loadScan(deps.pool, scanId, true);
  const analyzer = (await installed(deps)).find((a) => a.id === analyzerId);
  if (!analyzer) throw new PermanentJobError(`analyzer ${analyzerId} is not installed`, 'unknown_analyzer');
  const started = performance.now();
  const { rows } = await deps.pool.query<{ path: string; content: Buffer }>('SELECT path, content FROM scan_target_files WHERE scan_id = $1', [scanId]);
  const files = filesFor(analyzer, new Map(rows.map((r) => [r.path, r.content])));
  const digest = analyzerCacheKey(analyzer, files);
  // A run the scan's cancel already marked canceled stays so; the event goes with the recorded outcome.
  const record = (outcome: 'ok' | 'error' | 'canceled', components: Component[] | null, cacheHit: boolean, error: string | null) =>
    withTransaction(deps.pool, async (client) => {
      const durationMs = Math.round(performance.now() - started);
      const recorded = await client.query(RECORD_RUN_SQL, [
        scanId,
        analyzerId,
        outcome,
        durationMs,
        components === null ? null : JSON.stringify(components),
        digest,
        cacheHit,
        error,
        context.job.jobId,
      ]);
      if (recorded.rowCount === 0) return;
      await recordScanEvent(client, scanId, {
        type: 'scan.analyzer_finished',
        data: { analyzer: analyzerId, outcome, components: components?.length ?? null, durationMs, cacheHit },
      });
    });
  const cached = await deps.pool.query<{ components: Component[] }>(CACHED_SQL, [analyzer.id, analyzer.version, digest, scanId]);
  if (cached.rows[0]) {
    await record('ok', cached.rows[0].components, true, null);
    return { components: cached.rows[0].components.length, cacheHit: true, files: files.size };
  }
  try {
    const { components, problems } = await untilAborted(context.signal, () => analyzer.analyze(files));
    await record('ok', components, false, null);
    for (const problem of problems) context.log?.('warn', `${problem.path}: ${problem.message}`);
    // Malformed files are the target's problem, not the analyzer's: they go in the result, the run counts as ok.
    return { components: components.length, cacheHit: false, files: files.size, problems };
  } catch (error) {
    const message = context.signal.aborted ? `stopped: ${String(context.signal.reason ?? 'aborted')}` : error instanceof Error ? error.message : String(error);
    // A cancel is the operator's doing, not the analyzer's failure.
    await record(context.signal.reason === 'canceled' ? 'canceled' : 'error', null, false, message);
    throw new PermanentJobError(message, 'analyzer_failed');
  }
}

/** Runs the analyzer off the current tick so a timeout or cancel (the signal) ends the wait even mid-work. */
function untilAborted<T>(signal: AbortSignal, work: () => T): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    setImmediate(() => {
      try {
        resolve(work());
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } finally {
        signal.removeEventListener('abort', onAbort);
      }
    });
  });
}

const COMPONENTS_OF_RUNS_SQL = `
SELECT r.components FROM scan_analyzer_runs r JOIN scans s ON s.id = r.scan_id
WHERE r.scan_id = $1 AND r.outcome = 'ok' ORDER BY array_position(s.analyzers, r.analyzer)`;

async function scanComponents(pool: Pool, scanId: string): Promise<Component[]> {
  const { rows } = await pool.query<{ components: Component[] }>(COMPONENTS_OF_RUNS_SQL, [scanId]);
  return rows.flatMap((r) => r.components);
}

/** `scanner.match`: the components of every analyzer that succeeded against the active feed. */
async function matchStep(deps: ScanJobDeps, context: JobContext) {
  const { scanId } = parse(ScanStepPayload, context.payload);
  await loadScan(deps.pool, scanId, true);
  const components = await scanComponents(deps.pool, scanId);
  const info = await activeFeedInfo(deps.pool);
  const feed: ScanFeedRef | null = info ? { kitId: info.kitId, version: info.version, generation: info.generation, createdAt: info.createdAt } : null;
  const matched = info
    ? await matchComponents(components, activeFeedLookup(deps.pool), ecosystemOrders(await installed(deps)))
    : { findings: [], unevaluated: [], withdrawnSkipped: 0 };
  const severities = Object.fromEntries(['critical', 'high', 'medium', 'low', 'none', 'unknown'].map((s) => [s, 0])) as SeverityCounts;
  for (const finding of matched.findings) severities[finding.severity] += 1;
  const written = await withTransaction(deps.pool, async (client) => {
    if (!(await stillLive(client, scanId))) return false;
    await client.query('DELETE FROM scan_components WHERE scan_id = $1', [scanId]);
    await client.query('DELETE FROM scan_findings WHERE scan_id = $1', [scanId]);
    await client.query(
      `INSERT INTO scan_components (scan_id, ord, analyzer, ecosystem, name, version, purl, locations)
       SELECT $1, ord, c->>'analyzer', c->>'ecosystem', c->>'name', c->>'version', c->>'purl', ARRAY(SELECT jsonb_array_elements_text(c->'locations'))
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(c, ord)`,
      [scanId, JSON.stringify(components)],
    );
    await client.query(
      `INSERT INTO scan_findings (scan_id, ord, advisory_id, purl, aliases, summary, severity, score, vector, ecosystem, name, version, fixed_versions)
       SELECT $1, ord, f->>'advisoryId', f->'component'->>'purl', ARRAY(SELECT jsonb_array_elements_text(f->'aliases')), f->>'summary',
              f->>'severity', (f->>'score')::float8, f->>'vector', f->'component'->>'ecosystem', f->'component'->>'name',
              f->'component'->>'version', ARRAY(SELECT jsonb_array_elements_text(f->'fixedVersions'))
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS t(f, ord)`,
      [scanId, JSON.stringify(matched.findings)],
    );
    await client.query('UPDATE scans SET components = $2, findings = $3, severities = $4, feed = $5 WHERE id = $1', [
      scanId,
      components.length,
      matched.findings.length,
      JSON.stringify(severities),
      feed === null ? null : JSON.stringify(feed),
    ]);
    await recordScanEvent(client, scanId, { type: 'scan.matched', data: { components: components.length, findings: matched.findings.length } });
    return true;
  });
  if (!written) return STOPPED;
  return { components: components.length, findings: matched.findings.length, unevaluated: matched.unevaluated.length, feed };
}

/** `scanner.report`: the CycloneDX document (deterministic unless the settings say otherwise). */
async function reportStep(deps: ScanJobDeps, context: JobContext) {
  const { scanId } = parse(ScanStepPayload, context.payload);
  const scan = await loadScan(deps.pool, scanId, true);
  const report = buildReport({
    target: { name: scan.target_name, format: scan.target_format ?? 'directory' },
    components: await scanComponents(deps.pool, scanId),
    findings: await scanFindings(deps.pool, scanId),
    tool: { name: 'execops', version: deps.toolVersion },
    ...(scan.settings.deterministicOutput ? {} : { timestamp: new Date() }),
    properties: scan.feed
      ? [
          { name: 'execops:feed:kit', value: scan.feed.kitId },
          { name: 'execops:feed:version', value: scan.feed.version },
          { name: 'execops:feed:generation', value: String(scan.feed.generation) },
        ]
      : [],
  });
  const bytes = Buffer.byteLength(report.json);
  const written = await withTransaction(deps.pool, async (client) => {
    if (!(await stillLive(client, scanId))) return false;
    await client.query('UPDATE scans SET report = $2 WHERE id = $1', [scanId, report.json]);
    await recordScanEvent(client, scanId, { type: 'scan.reported', data: { bytes } });
    return true;
  });
  return written ? { bytes, serialNumber: report.bom.serialNumber } : STOPPED;
}

/**
 * `scanner.compare`: counts against the target's baseline, then the scan's final state: partial when an analyzer
 * failed. The resolved files are dropped; the components and findings stay.
 */
async function compareStep(deps: ScanJobDeps, context: JobContext) {
  const { scanId } = parse(ScanStepPayload, context.payload);
  const scan = await loadScan(deps.pool, scanId, true);
  const { rows } = await deps.pool.query<{ scan_id: string }>('SELECT scan_id FROM scan_baselines WHERE tenant = $1 AND target_name = $2', [
    scan.tenant,
    scan.target_name,
  ]);
  const baselineScanId = rows[0]?.scan_id ?? null;
  const comparison = comparisonCounts(baselineScanId, await compareScans(deps.pool, baselineScanId, scanId));
  const written = await withTransaction(deps.pool, async (client) => {
    if (!(await stillLive(client, scanId))) return false;
    const { rows: finished } = await client.query<{ state: 'succeeded' | 'partial'; error: string | null }>(
      `UPDATE scans SET comparison = $2, finished_at = now(),
              state = CASE WHEN EXISTS (SELECT 1 FROM scan_analyzer_runs WHERE scan_id = $1 AND outcome IS DISTINCT FROM 'ok') THEN 'partial' ELSE 'succeeded' END
       WHERE id = $1 RETURNING state, error`,
      [scanId, JSON.stringify(comparison)],
    );
    await client.query('DELETE FROM scan_target_files WHERE scan_id = $1', [scanId]);
    await recordScanEvent(client, scanId, { type: 'scan.compared', data: comparison });
    const { state, error } = finished[0] as (typeof finished)[number];
    await recordScanEvent(client, scanId, { type: state === 'partial' ? 'scan.partial' : 'scan.succeeded', data: { error } });
    return true;
  });
  return written ? comparison : STOPPED;
}
