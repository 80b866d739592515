import {
  PERF_REGRESSION_ALERT_RATIO,
  type OperatorContext,
  type PerfBaseline,
  type PerfPoint,
  type PerfRegression,
  type PerfReport,
  type SetPerfBaselineRequest,
} from '@execops/contract';
import { ScannerValidationError } from './scanner-errors.ts';
import { recordAudit, withTransaction, type Pool, type Queryable } from '@execops/engine';

const DEFAULT_WINDOW_MS = 7 * 86_400_000;

interface PointRow {
  metric: string;
  at: Date;
  scan_id: string;
  duration_ms: number;
  cache_hit: boolean;
}

interface BaselineRow {
  metric: string;
  from_at: Date;
  to_at: Date;
  max_ms: number;
  samples: number;
  set_at: Date;
  set_by: string;
}

// Finished scans (queue wait included: what an operator waits for) and finished analyzer runs, site-wide.
const POINTS_SQL = `
SELECT 'scan' AS metric, finished_at AS at, id AS scan_id,
       (extract(epoch FROM finished_at - created_at) * 1000)::int AS duration_ms, false AS cache_hit
FROM scans WHERE finished_at >= $1 AND finished_at < $2
UNION ALL
SELECT 'analyzer:' || analyzer, finished_at, scan_id, duration_ms, cache_hit
FROM scan_analyzer_runs WHERE finished_at >= $1 AND finished_at < $2 AND duration_ms IS NOT NULL
ORDER BY metric, at, scan_id`;

const UPSERT_BASELINE_SQL = `
INSERT INTO scanner_perf_baselines (metric, from_at, to_at, max_ms, samples, set_by) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (metric) DO UPDATE SET from_at = excluded.from_at, to_at = excluded.to_at, max_ms = excluded.max_ms,
  samples = excluded.samples, set_at = now(), set_by = excluded.set_by`;

/** SPEC §9: max / baselineMax − 1 over the window; an alert at ≥ 20 %. */
export function regression(points: readonly Pick<PerfPoint, 'durationMs'>[], baselineMaxMs: number | null): PerfRegression {
  const maxMs = points.length > 0 ? Math.max(...points.map((p) => p.durationMs)) : null;
  const ratio = maxMs === null || baselineMaxMs === null || baselineMaxMs <= 0 ? null : maxMs / baselineMaxMs - 1;
  // 1,200 / 1,000 − 1 is 0.19999999999999996 in floating point: exactly 20 % must alert.
  return { maxMs, baselineMaxMs, ratio, alert: ratio !== null && ratio >= PERF_REGRESSION_ALERT_RATIO - 1e-12 };
}

const toBaseline = (row: BaselineRow): PerfBaseline => ({
  metric: row.metric,
  from: row.from_at.toISOString(),
  to: row.to_at.toISOString(),
  maxMs: row.max_ms,
  samples: row.samples,
  setAt: row.set_at.toISOString(),
  setBy: row.set_by,
});

async function points(db: Queryable, since: Date, until: Date): Promise<Map<string, PerfPoint[]>> {
  const { rows } = await db.query<PointRow>(POINTS_SQL, [since, until]);
  const byMetric = new Map<string, PerfPoint[]>();
  for (const row of rows) {
    const list = byMetric.get(row.metric) ?? [];
    list.push({ at: row.at.toISOString(), scanId: row.scan_id, durationMs: row.duration_ms, cacheHit: row.cache_hit });
    byMetric.set(row.metric, list);
  }
  return byMetric;
}

/** Scan and per-analyzer durations over time against their performance baselines. */
export class ScannerPerformance {
  constructor(private readonly pool: Pool) {}

  async report(query: { since?: string; until?: string }): Promise<PerfReport> {
    const until = query.until ? new Date(query.until) : new Date();
    const since = query.since ? new Date(query.since) : new Date(until.getTime() - DEFAULT_WINDOW_MS);
    const [byMetric, baselines] = await Promise.all([points(this.pool, since, until), this.baselines()]);
    const baselineOf = new Map(baselines.map((b) => [b.metric, b]));
    const metrics = [...new Set(['scan', ...byMetric.keys(), ...baselineOf.keys()])].sort((a, b) => (a === 'scan' ? -1 : b === 'scan' ? 1 : a.localeCompare(b)));
    const series = metrics.map((metric) => {
      const list = byMetric.get(metric) ?? [];
      const baseline = baselineOf.get(metric) ?? null;
      return { metric, points: list, baseline, regression: regression(list, baseline?.maxMs ?? null) };
    });
    return { since: since.toISOString(), until: until.toISOString(), series, alerts: series.filter((s) => s.regression.alert).length };
  }

  async baselines(): Promise<PerfBaseline[]> {
    const { rows } = await this.pool.query<BaselineRow>('SELECT * FROM scanner_perf_baselines ORDER BY metric');
    return rows.map(toBaseline);
  }

  /** Every metric with runs in the window gets their slowest duration as its baseline; audited per metric. */
  async setBaseline(window: SetPerfBaselineRequest, tenant: string, operator: OperatorContext): Promise<PerfBaseline[]> {
    return withTransaction(this.pool, async (client) => {
      const byMetric = await points(client, new Date(window.from), new Date(window.to));
      if (byMetric.size === 0) throw new ScannerValidationError([{ field: 'from', message: 'no scan or analyzer run finished in this window' }]);
      const { rows: before } = await client.query<BaselineRow>('SELECT * FROM scanner_perf_baselines');
      const beforeOf = new Map(before.map((r) => [r.metric, toBaseline(r)]));
      for (const [metric, list] of byMetric) {
        await client.query(UPSERT_BASELINE_SQL, [metric, window.from, window.to, Math.max(...list.map((p) => p.durationMs)), list.length, operator.actor]);
      }
      const { rows } = await client.query<BaselineRow>('SELECT * FROM scanner_perf_baselines WHERE metric = ANY ($1) ORDER BY metric', [[...byMetric.keys()]]);
      const after = rows.map(toBaseline);
      await recordAudit(
        client,
        after.map((b) => ({ tenant, operator, action: 'scanner.perf_baseline.set', targetType: 'scanner_perf_baseline', targetId: b.metric, before: beforeOf.get(b.metric) ?? null, after: b })),
      );
      return after;
    });
  }
}
