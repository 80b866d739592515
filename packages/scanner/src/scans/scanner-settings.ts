import {
  DEFAULT_FEED_STALENESS_DAYS,
  ScannerSettingsInput,
  type OperatorContext,
  type ScannerSettings,
  type SettingsFieldError,
} from '@execops/contract';
import { recordAudit, withTransaction, type Pool, type Queryable } from '@execops/engine';
import type { z } from 'zod';
import type { AnalyzerCatalog } from './analyzer-catalog.ts';
import { ScannerValidationError } from './scanner-errors.ts';

interface SettingsRow {
  concurrency: number;
  analyzer_timeout_seconds: number;
  max_target_bytes: string | number;
  feed_staleness_days: number;
  deterministic_output: boolean;
  updated_at: Date | null;
  updated_by: string | null;
}

const SELECT_SQL = 'SELECT * FROM scanner_settings WHERE singleton';
const STALENESS_SQL = 'SELECT feed_staleness_days FROM scanner_settings WHERE singleton';
const DISABLED_SQL = 'SELECT id FROM scanner_analyzers WHERE NOT enabled';

const UPDATE_SQL = `
UPDATE scanner_settings SET concurrency = $1, analyzer_timeout_seconds = $2, max_target_bytes = $3,
       feed_staleness_days = $4, deterministic_output = $5, updated_at = now(), updated_by = $6
WHERE singleton`;

/** One row per catalog analyzer; `enabled` follows the list. */
export const SET_ENABLED_SQL = `
INSERT INTO scanner_analyzers (id, enabled) SELECT id, id = ANY($2::text[]) FROM unnest($1::text[]) AS id
ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = now()
WHERE scanner_analyzers.enabled IS DISTINCT FROM excluded.enabled`;

/** The site-wide scanner settings; `enabledAnalyzers` are the catalog's analyzers not disabled, in catalog order. */
/** The feed staleness window of the settings, read at each use so a change applies at once. */
export async function readFeedStalenessDays(db: Queryable): Promise<number> {
  const { rows } = await db.query<Pick<SettingsRow, 'feed_staleness_days'>>(STALENESS_SQL);
  return rows[0]?.feed_staleness_days ?? DEFAULT_FEED_STALENESS_DAYS;
}

export async function readScannerSettings(db: Queryable, catalog: AnalyzerCatalog): Promise<ScannerSettings> {
  const [{ rows }, disabled] = await Promise.all([db.query<SettingsRow>(SELECT_SQL), db.query<{ id: string }>(DISABLED_SQL)]);
  const row = rows[0];
  if (!row) throw new Error('scanner_settings has no row: run the migrations');
  const off = new Set(disabled.rows.map((r) => r.id));
  return {
    concurrency: row.concurrency,
    analyzerTimeoutSeconds: row.analyzer_timeout_seconds,
    maxTargetBytes: Number(row.max_target_bytes),
    enabledAnalyzers: catalog.map((a) => a.id).filter((id) => !off.has(id)),
    feedStalenessDays: row.feed_staleness_days,
    deterministicOutput: row.deterministic_output,
    updatedAt: row.updated_at?.toISOString() ?? null,
    updatedBy: row.updated_by,
  };
}

/** Checks a settings change field by field; every problem is reported, not just the first. */
export function validateScannerSettings(input: unknown, catalog: AnalyzerCatalog): ScannerSettingsInput {
  const parsed = ScannerSettingsInput.safeParse(input);
  const fields: SettingsFieldError[] = parsed.success ? [] : parsed.error.issues.flatMap(fieldErrors);
  if (parsed.success) {
    const known = new Set(catalog.map((a) => a.id));
    const unknown = parsed.data.enabledAnalyzers.filter((id) => !known.has(id));
    if (unknown.length > 0) {
      fields.push({ field: 'enabledAnalyzers', message: `enabledAnalyzers names unknown analyzers: ${unknown.join(', ')}` });
    }
  }
  if (fields.length > 0 || !parsed.success) throw new ScannerValidationError(fields);
  return parsed.data;
}

function fieldErrors(issue: z.core.$ZodIssue): SettingsFieldError[] {
  if (issue.code === 'unrecognized_keys') return issue.keys.map((key) => ({ field: key, message: `${key} is not a setting` }));
  const [first] = issue.path;
  const field = typeof first === 'string' ? first : 'body';
  const message = issue.code === 'invalid_type' && issue.input === undefined ? `${field} is required` : issue.message;
  return [{ field, message }];
}

/** Replaces the settings (validated), audited with the values before and after in the same transaction. */
export async function updateScannerSettings(
  pool: Pool,
  input: unknown,
  catalog: AnalyzerCatalog,
  tenant: string,
  operator: OperatorContext,
): Promise<ScannerSettings> {
  const next = validateScannerSettings(input, catalog);
  return withTransaction(pool, async (client) => {
    await client.query('SELECT 1 FROM scanner_settings WHERE singleton FOR UPDATE');
    const before = await readScannerSettings(client, catalog);
    await client.query(UPDATE_SQL, [
      next.concurrency,
      next.analyzerTimeoutSeconds,
      next.maxTargetBytes,
      next.feedStalenessDays,
      next.deterministicOutput,
      operator.actor,
    ]);
    await client.query(SET_ENABLED_SQL, [catalog.map((a) => a.id), next.enabledAnalyzers]);
    const after = await readScannerSettings(client, catalog);
    await recordAudit(client, [
      { tenant, operator, action: 'scanner.settings.update', targetType: 'scanner_settings', targetId: 'site', before, after },
    ]);
    return after;
  });
}
