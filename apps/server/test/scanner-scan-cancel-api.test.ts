import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CancelScanResponse, ErrorEnvelope } from '@execops/contract';
import { DagResolver, PgStore, WorkerRuntime, type PoolClient } from '@execops/engine';
import { BUILTIN_ANALYZERS, ensureDemoFeed, registerScanJobs } from '@execops/scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../packages/engine/test/support/wait.ts';
import { readScan, startPathScan } from './scan-requests.ts';
import { createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';

const reason = { 'x-operator-reason': 'wrong target', 'x-operator-ticket': 'SEC-9' };
const LOCKFILE = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  packages: { '': { name: 'shop', dependencies: { lodash: '4.17.11' } }, 'node_modules/lodash': { version: '4.17.11' } },
});

describe('cancel a scan', () => {
  let fx: AppFixture;
  let runtime: WorkerRuntime;
  let resolver: DagResolver;
  let project: string;

  beforeAll(async () => {
    fx = await createAppFixture();
    await ensureDemoFeed(fx.db.pool);
    const store = new PgStore({ pool: fx.db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
    // A short lease: the heartbeat that tells a running job it was canceled comes every second.
    runtime = new WorkerRuntime({ store, connectionString: fx.db.connectionString, concurrency: 4, pollIntervalMs: 100, leaseSeconds: 3 });
    registerScanJobs(runtime, { pool: fx.db.pool, insert: store.insert, analyzers: BUILTIN_ANALYZERS, toolVersion: 'test' });
    resolver = new DagResolver({ pool: fx.db.pool, connectionString: fx.db.connectionString, intervalMs: 100 });
    project = await mkdtemp(path.join(os.tmpdir(), 'execops-scan-cancel-'));
    await writeFile(path.join(project, 'package-lock.json'), LOCKFILE);
    await writeFile(path.join(project, 'requirements.txt'), 'requests==2.30.0\n');
  });

  afterAll(async () => {
    await runtime?.stop();
    await resolver?.stop();
    await fx?.close();
  });

  const start = () => startPathScan(fx, project);
  const getScan = (scanId: string) => readScan(fx, scanId);
  const cancel = (scanId: string, headers: Record<string, string> = reason) =>
    fx.app.inject({ method: 'POST', url: `/api/v1/scanner/scans/${scanId}/cancel`, headers });
  const jobState = async (jobId: string) =>
    (await fx.db.pool.query<{ state: string }>('SELECT state FROM jobs WHERE id = $1', [jobId])).rows[0]?.state;

  it('cancels a running scan: unfinished jobs canceled, the running match stopped, and its late finish writes nothing', async () => {
    const started = await start();
    const scanId = started.scan.id;
    const matchJob = started.jobIds.match as string;
    let canceledJobs: string[] = [];
    // The feed's advisories are held locked, so the match job stays running (before writing anything) until the test lets go.
    const holder: PoolClient = await fx.db.pool.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE scanner_advisories IN ACCESS EXCLUSIVE MODE');
      await runtime.start();
      await resolver.start();
      await waitFor(async () => (await jobState(matchJob)) === 'running', { timeoutMs: 20_000, description: 'the match job running' });
      const running = await getScan(scanId);
      expect(running.state).toBe('running');
      expect(running.analyzers.find((a) => a.analyzer === 'npm')).toMatchObject({ outcome: 'ok', components: 1 });

      expect((await cancel(scanId, {})).statusCode).toBe(400);
      const res = await cancel(scanId);
      expect(res.statusCode, res.body).toBe(200);
      const canceled = CancelScanResponse.parse(res.json());
      canceledJobs = canceled.jobIds;
      expect(canceled.scan).toMatchObject({ id: scanId, state: 'canceled', finishedAt: expect.any(String) });
      expect(canceled.jobIds).toEqual([matchJob, started.jobIds.report, started.jobIds.compare]);
      for (const key of ['report', 'compare']) expect(await jobState(started.jobIds[key] as string)).toBe('canceled');

      // The running job takes the engine's cancel path: its heartbeat learns of it and the job ends canceled.
      await waitFor(async () => (await jobState(matchJob)) === 'canceled', { timeoutMs: 15_000, description: 'the match job canceled' });
    } finally {
      await holder.query('COMMIT');
      holder.release();
    }
    // The match handler is still at work and now reads the feed (milliseconds of queries); what it would write must
    // not reach the canceled scan.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const scan = await getScan(scanId);
    expect(scan).toMatchObject({ state: 'canceled', components: null, findings: null, comparison: null });
    const { rows } = await fx.db.pool.query<{ report: string | null; files: number; components: number }>(
      `SELECT report, (SELECT count(*)::int FROM scan_target_files WHERE scan_id = $1) AS files,
              (SELECT count(*)::int FROM scan_components WHERE scan_id = $1) AS components FROM scans WHERE id = $1`,
      [scanId],
    );
    expect(rows[0]).toEqual({ report: null, files: 0, components: 0 });

    const audit = await fx.db.pool.query('SELECT action, target_id, reason, ticket, before, after FROM audit_log WHERE target_type = $1', ['scan']);
    expect(audit.rows).toEqual([
      {
        action: 'scanner.scan.cancel',
        target_id: scanId,
        reason: 'wrong target',
        ticket: 'SEC-9',
        before: { state: 'running' },
        after: { state: 'canceled', jobIds: canceledJobs },
      },
    ]);
    const again = await cancel(scanId);
    expect(again.statusCode).toBe(409);
    expect(ErrorEnvelope.parse(again.json()).error.message).toContain('is canceled');
  });

  it('refuses a finished scan with 409 and an unknown one with 404', async () => {
    const { scan } = await start();
    const finished = await waitFor(
      async () => {
        const current = await getScan(scan.id);
        return ['queued', 'running'].includes(current.state) ? null : current;
      },
      { timeoutMs: 25_000, description: 'the scan to finish' },
    );
    expect(finished.state).toBe('succeeded');
    const refused = await cancel(scan.id);
    expect(refused.statusCode).toBe(409);
    expect(ErrorEnvelope.parse(refused.json()).error).toMatchObject({ code: 'conflict', message: expect.stringContaining('is succeeded'), traceId: expect.any(String) });
    expect((await getScan(scan.id)).state).toBe('succeeded');

    const unknown = await cancel('01890000-0000-7000-8000-000000000000');
    expect(unknown.statusCode).toBe(404);
    expect(ErrorEnvelope.parse(unknown.json()).error.code).toBe('not_found');
  });
});
