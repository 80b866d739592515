import type { AnalyzerEntry, AnalyzerHealth, AnalyzerProbe, OperatorContext } from '@execops/contract';
import { recordAudit, withTransaction, type Pool } from '@execops/engine';
import type { Analyzer } from '../analyzers/analyzer.ts';
import { filesFor } from '../analyzers/cache-key.ts';
import { installedAnalyzers } from '../kits/kit-analyzers.ts';
import { sampleOf } from './analyzer-samples.ts';
import { ScannerConflictError, ScannerNotFoundError } from './scanner-errors.ts';

export const HEALTH_WINDOW_DAYS = 30;

interface HealthRow {
  analyzer: string;
  runs: number;
  last_run_at: Date | null;
  last_outcome: AnalyzerHealth['lastOutcome'];
  success_rate: number | null;
  p95_ms: number | null;
  cache_hit_rate: number | null;
  last_error: string | null;
  last_error_at: Date | null;
}

interface StateRow {
  id: string;
  enabled: boolean;
  probe_at: Date | null;
  probe_ok: boolean | null;
  probe_duration_ms: number | null;
  probe_message: string | null;
}

// A canceled run (its scan was canceled) is the operator's doing, not the analyzer's: it is left out of health.
const HEALTH_SQL = `
SELECT analyzer, count(*)::int AS runs, max(finished_at) AS last_run_at,
       (array_agg(outcome ORDER BY finished_at DESC))[1] AS last_outcome,
       avg((outcome = 'ok')::int)::float8 AS success_rate,
       percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95_ms,
       avg(cache_hit::int)::float8 AS cache_hit_rate,
       (array_agg(error ORDER BY finished_at DESC) FILTER (WHERE outcome = 'error'))[1] AS last_error,
       max(finished_at) FILTER (WHERE outcome = 'error') AS last_error_at
FROM scan_analyzer_runs WHERE finished_at > now() - make_interval(days => $1) AND outcome IS NOT NULL AND outcome <> 'canceled'
GROUP BY analyzer`;

const SET_ENABLED_SQL = `
INSERT INTO scanner_analyzers (id, enabled) VALUES ($1, $2)
ON CONFLICT (id) DO UPDATE SET enabled = excluded.enabled, updated_at = now()`;

const SET_PROBE_SQL = `
INSERT INTO scanner_analyzers (id, probe_at, probe_ok, probe_duration_ms, probe_message) VALUES ($1, now(), $2, $3, $4)
ON CONFLICT (id) DO UPDATE SET probe_at = now(), probe_ok = excluded.probe_ok, probe_duration_ms = excluded.probe_duration_ms,
  probe_message = excluded.probe_message, updated_at = now()`;

const EMPTY_HEALTH: AnalyzerHealth = {
  runs: 0,
  lastRunAt: null,
  lastOutcome: null,
  successRate: null,
  p95DurationMs: null,
  cacheHitRate: null,
  lastError: null,
  lastErrorAt: null,
};

/**
 * The analyzer registry: the installed analyzers (the built-in ones and those of the active kit) with enablement,
 * health from their recorded runs, and self-checks.
 */
export class AnalyzerRegistry {
  constructor(
    private readonly pool: Pool,
    private readonly builtins: readonly Analyzer[],
  ) {}

  async list(): Promise<AnalyzerEntry[]> {
    const [analyzers, health, state] = await Promise.all([
      installedAnalyzers(this.pool, this.builtins),
      this.pool.query<HealthRow>(HEALTH_SQL, [HEALTH_WINDOW_DAYS]),
      this.pool.query<StateRow>('SELECT * FROM scanner_analyzers'),
    ]);
    const healthOf = new Map(health.rows.map((r) => [r.analyzer, r]));
    const stateOf = new Map(state.rows.map((r) => [r.id, r]));
    return analyzers.map((analyzer) => toEntry(analyzer, healthOf.get(analyzer.id), stateOf.get(analyzer.id)));
  }

  async get(id: string): Promise<AnalyzerEntry> {
    const entry = (await this.list()).find((a) => a.id === id);
    if (!entry) throw new ScannerNotFoundError(`analyzer ${id}`);
    return entry;
  }

  /** Audited; the last enabled analyzer cannot be disabled (a scan needs one). Takes effect for the next scan. */
  async setEnabled(id: string, enabled: boolean, tenant: string, operator: OperatorContext): Promise<AnalyzerEntry> {
    const before = await this.get(id);
    await withTransaction(this.pool, async (client) => {
      await client.query('SELECT 1 FROM scanner_settings WHERE singleton FOR UPDATE');
      const { rows } = await client.query<{ id: string }>('SELECT id FROM scanner_analyzers WHERE NOT enabled');
      const disabled = new Set(rows.map((r) => r.id));
      const analyzers = await installedAnalyzers(client, this.builtins);
      if (!enabled && analyzers.every((a) => a.id === id || disabled.has(a.id))) {
        throw new ScannerConflictError(`analyzer ${id} is the last enabled one; enable another first`);
      }
      await client.query(SET_ENABLED_SQL, [id, enabled]);
      await recordAudit(client, [
        {
          tenant,
          operator,
          action: enabled ? 'scanner.analyzer.enable' : 'scanner.analyzer.disable',
          targetType: 'scanner_analyzer',
          targetId: id,
          before: { enabled: before.enabled },
          after: { enabled },
        },
      ]);
    });
    return this.get(id);
  }

  /** Re-probes every analyzer: its self-check on its tiny sample, recorded and audited. */
  async refresh(tenant: string, operator: OperatorContext): Promise<AnalyzerEntry[]> {
    const probes = (await installedAnalyzers(this.pool, this.builtins)).map((analyzer) => ({ id: analyzer.id, ...selfCheck(analyzer) }));
    await withTransaction(this.pool, async (client) => {
      for (const probe of probes) await client.query(SET_PROBE_SQL, [probe.id, probe.ok, probe.durationMs, probe.message]);
      await recordAudit(
        client,
        probes.map((probe) => ({
          tenant,
          operator,
          action: 'scanner.analyzer.refresh',
          targetType: 'scanner_analyzer',
          targetId: probe.id,
          after: { ok: probe.ok, message: probe.message },
        })),
      );
    });
    return this.list();
  }
}

/** Runs the analyzer on its sample: ok when it reports the sample's package. */
export function selfCheck(analyzer: Analyzer): Omit<AnalyzerProbe, 'at'> {
  const sample = sampleOf(analyzer);
  if (!sample) {
    const why = analyzer.kit ? `no sample: the kit's definition of ${analyzer.id} carries none` : `no self-check sample for ${analyzer.id}`;
    return { ok: false, durationMs: 0, message: why };
  }
  const started = performance.now();
  try {
    const files = filesFor(analyzer, sample.files);
    const { components, problems } = analyzer.analyze(files);
    const durationMs = Math.round(performance.now() - started);
    const found = components.some((c) => c.name === sample.expect.name && c.version === sample.expect.version);
    if (found && problems.length === 0) return { ok: true, durationMs, message: `found ${sample.expect.name} ${sample.expect.version}` };
    const why = problems.map((p) => `${p.path}: ${p.message}`).join('; ') || `${components.length} components, none is ${sample.expect.name} ${sample.expect.version}`;
    return { ok: false, durationMs, message: why };
  } catch (error) {
    return { ok: false, durationMs: Math.round(performance.now() - started), message: error instanceof Error ? error.message : String(error) };
  }
}

function toEntry(analyzer: Analyzer, health: HealthRow | undefined, state: StateRow | undefined): AnalyzerEntry {
  return {
    id: analyzer.id,
    version: analyzer.version,
    ecosystem: analyzer.ecosystem,
    source: analyzer.kit ? 'kit' : 'builtin',
    kitVersion: analyzer.kit?.kitVersion ?? null,
    enabled: state?.enabled ?? true,
    health: health
      ? {
          runs: health.runs,
          lastRunAt: health.last_run_at?.toISOString() ?? null,
          lastOutcome: health.last_outcome,
          successRate: health.success_rate,
          p95DurationMs: health.p95_ms,
          cacheHitRate: health.cache_hit_rate,
          lastError: health.last_error,
          lastErrorAt: health.last_error_at?.toISOString() ?? null,
        }
      : EMPTY_HEALTH,
    probe:
      state?.probe_at && state.probe_ok !== null
        ? { at: state.probe_at.toISOString(), ok: state.probe_ok, durationMs: state.probe_duration_ms ?? 0, message: state.probe_message ?? '' }
        : null,
  };
}
