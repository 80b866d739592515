import type { ListScansQuery, ScanComponent, ScanDetail, ScanFinding, ScanSummary, ScanUpload } from '@execops/contract';
import type { Queryable } from '@execops/engine';
import { ScannerNotFoundError } from './scanner-errors.ts';
import { scanFindings, toScanFinding } from './scan-findings.ts';
import { SCAN_COLUMNS, toAnalyzerRun, toScanSummary, type AnalyzerRunRow, type ScanRow } from './scan-rows.ts';

const LIST_SQL = `
SELECT ${SCAN_COLUMNS} FROM scans s
WHERE s.tenant = $1 AND ($2::text IS NULL OR s.target_name = $2) AND ($3::timestamptz IS NULL OR s.created_at < $3)
ORDER BY s.created_at DESC, s.id DESC`;

const GET_SQL = `SELECT ${SCAN_COLUMNS} FROM scans s WHERE s.tenant = $1 AND s.id = $2`;

const ANALYZER_RUNS_SQL = `
SELECT analyzer, analyzer_version, job_id, outcome, duration_ms, cache_hit, error,
       CASE WHEN outcome = 'ok' THEN jsonb_array_length(components) END AS component_count
FROM scan_analyzer_runs WHERE scan_id = $1 ORDER BY analyzer`;

const COMPONENTS_SQL = `SELECT analyzer, ecosystem, name, version, purl, locations FROM scan_components WHERE scan_id = $1 ORDER BY ord`;
const REPORT_SQL = `SELECT report FROM scans WHERE tenant = $1 AND id = $2`;

const UPLOAD_SQL = `
INSERT INTO scanner_uploads (id, tenant, file_name, size_bytes, sha256, content, created_by)
VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id, file_name, size_bytes, sha256, created_at`;

/** Reads of scans and their results, always within a tenant. */
export class ScanStore {
  constructor(private readonly db: Queryable) {}

  async list(tenant: string, query: ListScansQuery): Promise<ScanSummary[]> {
    // The state filter applies to the derived state, so it runs after the page is read with a margin.
    const { rows } = await this.db.query<ScanRow>(`${LIST_SQL} LIMIT $4`, [
      tenant,
      query.targetName ?? null,
      query.before ?? null,
      query.state ? query.limit * 10 : query.limit,
    ]);
    const scans = rows.map(toScanSummary);
    return (query.state ? scans.filter((s) => query.state?.includes(s.state)) : scans).slice(0, query.limit);
  }

  async get(tenant: string, scanId: string): Promise<ScanDetail> {
    const summary = await this.summary(tenant, scanId);
    const { rows } = await this.db.query<AnalyzerRunRow>(ANALYZER_RUNS_SQL, [scanId]);
    return { ...summary, analyzers: rows.map(toAnalyzerRun) };
  }

  async summary(tenant: string, scanId: string): Promise<ScanSummary> {
    const { rows } = await this.db.query<ScanRow>(GET_SQL, [tenant, scanId]);
    const row = rows[0];
    if (!row) throw new ScannerNotFoundError(`scan ${scanId}`);
    return toScanSummary(row);
  }

  async components(tenant: string, scanId: string): Promise<ScanComponent[]> {
    await this.summary(tenant, scanId);
    return (await this.db.query<ScanComponent>(COMPONENTS_SQL, [scanId])).rows;
  }

  async findings(tenant: string, scanId: string): Promise<ScanFinding[]> {
    await this.summary(tenant, scanId);
    return (await scanFindings(this.db, scanId)).map(toScanFinding);
  }

  /** The CycloneDX document; null until the report job wrote it. */
  async report(tenant: string, scanId: string): Promise<string | null> {
    const { rows } = await this.db.query<{ report: string | null }>(REPORT_SQL, [tenant, scanId]);
    if (!rows[0]) throw new ScannerNotFoundError(`scan ${scanId}`);
    return rows[0].report;
  }

  async saveUpload(upload: { id: string; tenant: string; fileName: string; content: Buffer; sha256: string; actor: string }): Promise<ScanUpload> {
    const { rows } = await this.db.query<{ id: string; file_name: string; size_bytes: string | number; sha256: string; created_at: Date }>(
      UPLOAD_SQL,
      [upload.id, upload.tenant, upload.fileName, upload.content.length, upload.sha256, upload.content, upload.actor],
    );
    const row = rows[0] as (typeof rows)[number];
    return { id: row.id, fileName: row.file_name, sizeBytes: Number(row.size_bytes), sha256: row.sha256, createdAt: row.created_at.toISOString() };
  }
}
