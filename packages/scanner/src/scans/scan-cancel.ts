import { CANCELABLE_STATES, type CancelScanResponse, type OperatorContext } from '@execops/contract';
import { cancelJobsInTransaction, recordAudit, withTransaction, type Pool } from '@execops/engine';
import { recordScanEvent } from './scan-events.ts';
import { ScanStore } from './scan-store.ts';
import { ScannerConflictError, ScannerNotFoundError } from './scanner-errors.ts';

const LOCK_SCAN_SQL = 'SELECT id FROM scans WHERE tenant = $1 AND id = $2 FOR UPDATE';
// Pipeline order (parents before children), the order the DAG's locks are taken in.
const UNFINISHED_JOBS_SQL = `
SELECT j.id FROM scans s CROSS JOIN LATERAL unnest(s.job_ids) WITH ORDINALITY AS p(job_id, ord)
JOIN jobs j ON j.id = p.job_id
WHERE s.id = $1 AND j.state = ANY ($2::text[]) ORDER BY p.ord`;
const MARK_CANCELED_SQL = `UPDATE scans SET state = 'canceled', finished_at = now() WHERE id = $1`;
const CANCEL_ANALYZER_RUNS_SQL = `UPDATE scan_analyzer_runs SET outcome = 'canceled', finished_at = now() WHERE scan_id = $1 AND outcome IS NULL`;

/**
 * Cancels a queued or running scan: its unfinished pipeline jobs go through the engine's job cancel (a running one
 * is asked to stop), the scan and its unfinished analyzer runs are marked canceled (its jobs' late writes check that)
 * and its resolved files dropped.
 * Audited as `scanner.scan.cancel` beside each job's `job.cancel`.
 */
export function cancelScan(pool: Pool, tenant: string, scanId: string, operator: OperatorContext): Promise<CancelScanResponse> {
  return withTransaction(pool, async (client) => {
    if ((await client.query(LOCK_SCAN_SQL, [tenant, scanId])).rowCount === 0) throw new ScannerNotFoundError(`scan ${scanId}`);
    const scans = new ScanStore(client);
    const before = await scans.summary(tenant, scanId);
    if (before.state !== 'queued' && before.state !== 'running') {
      throw new ScannerConflictError(`scan ${scanId} is ${before.state}; only a queued or running scan can be canceled`);
    }
    const { rows } = await client.query<{ id: string }>(UNFINISHED_JOBS_SQL, [scanId, CANCELABLE_STATES]);
    const jobIds = await cancelJobsInTransaction(client, tenant, rows.map((r) => r.id), operator);
    await client.query(MARK_CANCELED_SQL, [scanId]);
    await client.query(CANCEL_ANALYZER_RUNS_SQL, [scanId]);
    await recordScanEvent(client, scanId, { type: 'scan.canceled', data: { error: null } });
    await client.query('DELETE FROM scan_target_files WHERE scan_id = $1', [scanId]);
    const scan = await scans.summary(tenant, scanId);
    await recordAudit(client, [
      { tenant, operator, action: 'scanner.scan.cancel', targetType: 'scan', targetId: scanId, before: { state: before.state }, after: { state: scan.state, jobIds } },
    ]);
    return { scan, jobIds };
  });
}
