import type { Baseline, CompareResult, OperatorContext } from '@execops/contract';
import { recordAudit, withTransaction, type Pool } from '@execops/engine';
import { compareScans } from './scan-comparison.ts';
import { toScanFinding } from './scan-findings.ts';
import { ScanStore } from './scan-store.ts';
import { ScannerConflictError } from './scanner-errors.ts';

interface BaselineRow {
  tenant: string;
  target_name: string;
  scan_id: string;
  promoted_at: Date;
  promoted_by: string;
  reason: string;
  ticket: string | null;
  findings: number | null;
  severities: Baseline['severities'];
}

const SELECT_SQL = `
SELECT b.*, s.findings, s.severities FROM scan_baselines b JOIN scans s ON s.id = b.scan_id WHERE b.tenant = $1`;

const UPSERT_SQL = `
INSERT INTO scan_baselines (tenant, target_name, scan_id, promoted_by, reason, ticket) VALUES ($1, $2, $3, $4, $5, $6)
ON CONFLICT (tenant, target_name) DO UPDATE SET scan_id = excluded.scan_id, promoted_at = now(),
  promoted_by = excluded.promoted_by, reason = excluded.reason, ticket = excluded.ticket`;

const toBaseline = (row: BaselineRow): Baseline => ({
  tenant: row.tenant,
  targetName: row.target_name,
  scanId: row.scan_id,
  promotedAt: row.promoted_at.toISOString(),
  promotedBy: row.promoted_by,
  reason: row.reason,
  ticket: row.ticket,
  findings: row.findings,
  severities: row.severities,
});

/** One baseline per (tenant, target); promoting replaces it, audited with the scan before and after. */
export class Baselines {
  constructor(private readonly pool: Pool) {}

  async list(tenant: string): Promise<Baseline[]> {
    const { rows } = await this.pool.query<BaselineRow>(`${SELECT_SQL} ORDER BY b.target_name`, [tenant]);
    return rows.map(toBaseline);
  }

  async promote(tenant: string, scanId: string, operator: OperatorContext): Promise<Baseline> {
    return withTransaction(this.pool, async (client) => {
      const scan = await new ScanStore(client).summary(tenant, scanId);
      if (scan.state !== 'succeeded' && scan.state !== 'partial') {
        throw new ScannerConflictError(`scan ${scanId} is ${scan.state}; only a finished scan (succeeded or partial) can be a baseline`);
      }
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scan_baseline:${tenant}:${scan.targetName}`]);
      const before = await client.query<BaselineRow>(`${SELECT_SQL} AND b.target_name = $2`, [tenant, scan.targetName]);
      await client.query(UPSERT_SQL, [tenant, scan.targetName, scanId, operator.actor, operator.reason, operator.ticket ?? null]);
      const { rows } = await client.query<BaselineRow>(`${SELECT_SQL} AND b.target_name = $2`, [tenant, scan.targetName]);
      const after = toBaseline(rows[0] as BaselineRow);
      await recordAudit(client, [
        {
          tenant,
          operator,
          action: 'scanner.baseline.promote',
          targetType: 'scan_baseline',
          targetId: scan.targetName,
          before: before.rows[0] ? toBaseline(before.rows[0]) : null,
          after,
        },
      ]);
      return after;
    });
  }

  /** A scan against another scan, or against its target's baseline (no baseline: everything is new). */
  async compare(tenant: string, scanId: string, againstScanId?: string): Promise<CompareResult> {
    const scans = new ScanStore(this.pool);
    const scan = await scans.summary(tenant, scanId);
    let baselineScanId = againstScanId ?? null;
    if (againstScanId) await scans.summary(tenant, againstScanId);
    else {
      const { rows } = await this.pool.query<{ scan_id: string }>('SELECT scan_id FROM scan_baselines WHERE tenant = $1 AND target_name = $2', [
        tenant,
        scan.targetName,
      ]);
      baselineScanId = rows[0]?.scan_id ?? null;
    }
    const result = await compareScans(this.pool, baselineScanId, scanId);
    return {
      scanId,
      targetName: scan.targetName,
      baselineScanId,
      new: result.new.map(toScanFinding),
      fixed: result.fixed.map(toScanFinding),
      unchanged: result.unchanged.map((u) => toScanFinding(u.current)),
      counts: { new: result.new.length, fixed: result.fixed.length, unchanged: result.unchanged.length },
      notCompared: result.notCompared,
    };
  }
}
