import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import type { ScanTrigger, StartScanRequest, StartScanResponse } from '@execops/contract';
import { createPipeline, uuidv7, withTransaction, type JobInserter, type Pool, type PoolClient } from '@execops/engine';
import { fileLooksLikeTarArchive, notAnArchiveMessage } from '../archive/archive-sniff.ts';
import type { AnalyzerCatalog } from './analyzer-catalog.ts';
import { recordScanEvent } from './scan-events.ts';
import { SCAN_NODE, scanPipelineNodes, SKIP_AFTER_FAILED_RESOLVE_SQL } from './scan-pipeline.ts';
import { ScannerNotFoundError, ScannerValidationError, TargetTooLargeError } from './scanner-errors.ts';
import { readScannerSettings } from './scanner-settings.ts';
import { ScanStore } from './scan-store.ts';

export interface ScanStart {
  tenant: string;
  request: StartScanRequest;
  actor: string;
  trigger: ScanTrigger;
  /** The engine run the pipeline joins (a scheduled `scanner.scan` job's run); default a new one. */
  runId?: string;
  correlationId?: string;
  /** The `scanner.scan` job that starts it (a retried start finds the scan instead of starting another). */
  startJobId?: string;
}

const INSERT_SCAN_SQL = `
INSERT INTO scans (id, tenant, target_name, target, trigger, run_id, analyzers, settings, created_by, start_job_id)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
const SET_JOBS_SQL = 'UPDATE scans SET job_ids = $2 WHERE id = $1';
const INSERT_RUNS_SQL = `
INSERT INTO scan_analyzer_runs (scan_id, analyzer, analyzer_version, job_id)
SELECT $1, a, v, j FROM unnest($2::text[], $3::text[], $4::uuid[]) AS t(a, v, j)`;
const UPLOAD_NAME_SQL = 'SELECT file_name FROM scanner_uploads WHERE tenant = $1 AND id = $2';

/**
 * Creates a scan and its pipeline in one transaction, with the settings of this moment (enabled analyzers,
 * concurrency, timeout, size limit) recorded on the scan. A missing path or upload, and a file that is not an
 * archive, are refused before anything is written; a directory's size is checked when it is read.
 */
export async function startScan(pool: Pool, insert: JobInserter, catalog: AnalyzerCatalog, start: ScanStart): Promise<StartScanResponse> {
  return withTransaction(pool, async (client) => {
    const settings = await readScannerSettings(client, catalog);
    const defaultName = await checkTarget(client, start, settings.maxTargetBytes);
    const targetName = start.request.targetName ?? defaultName;
    const analyzers = catalog.filter((a) => settings.enabledAnalyzers.includes(a.id));
    const scanId = uuidv7();
    const runId = start.runId ?? uuidv7();
    const { updatedAt: _updatedAt, updatedBy: _updatedBy, ...snapshot } = settings;
    await client.query(INSERT_SCAN_SQL, [
      scanId,
      start.tenant,
      targetName,
      JSON.stringify(start.request.target),
      start.trigger,
      runId,
      analyzers.map((a) => a.id),
      JSON.stringify(snapshot),
      start.actor,
      start.startJobId ?? null,
    ]);
    const nodes = scanPipelineNodes(scanId, analyzers.map((a) => a.id), settings, start.correlationId);
    const pipeline = await createPipeline(client, start.tenant, { nodes }, insert, runId);
    const jobIds = Object.fromEntries(pipeline.jobs.map((j) => [j.key, j.job.id]));
    await client.query(SKIP_AFTER_FAILED_RESOLVE_SQL, [jobIds[SCAN_NODE.resolve]]);
    await client.query(SET_JOBS_SQL, [scanId, Object.values(jobIds)]);
    await client.query(INSERT_RUNS_SQL, [
      scanId,
      analyzers.map((a) => a.id),
      analyzers.map((a) => a.version),
      analyzers.map((a) => jobIds[`analyze:${a.id}`] ?? null),
    ]);
    await recordScanEvent(client, scanId, {
      type: 'scan.created',
      data: { targetName, trigger: start.trigger, analyzers: analyzers.map((a) => a.id) },
    });
    return { scan: await new ScanStore(client).summary(start.tenant, scanId), jobIds };
  });
}

/** Refuses a target that cannot be scanned; answers its default name (the path, or the upload's file name). */
async function checkTarget(client: PoolClient, start: ScanStart, maxTargetBytes: number): Promise<string> {
  const target = start.request.target;
  if (target.kind === 'upload') {
    const { rows } = await client.query<{ file_name: string }>(UPLOAD_NAME_SQL, [start.tenant, target.uploadId]);
    if (!rows[0]) throw new ScannerNotFoundError(`upload ${target.uploadId}`);
    return rows[0].file_name;
  }
  if (!isAbsolute(target.path)) throw new ScannerValidationError([{ field: 'target.path', message: 'the path must be absolute' }]);
  const info = await stat(target.path).catch(() => null);
  if (!info || !(info.isFile() || info.isDirectory())) {
    throw new ScannerValidationError([{ field: 'target.path', message: `${target.path} is not a file or directory on the server` }]);
  }
  if (info.isFile() && info.size > maxTargetBytes) throw new TargetTooLargeError(info.size, maxTargetBytes);
  if (info.isFile()) {
    const archive = await fileLooksLikeTarArchive(target.path).catch(() => null);
    if (archive === null) throw new ScannerValidationError([{ field: 'target.path', message: `${target.path} cannot be read on the server` }]);
    if (!archive) throw new ScannerValidationError([{ field: 'target.path', message: notAnArchiveMessage(target.path) }]);
  }
  return target.path;
}
