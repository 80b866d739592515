import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  AnalyzerList,
  CompareResult,
  ErrorEnvelope,
  PerfReport,
  ScanDetail,
  ScanFindingList,
  ScannerSettings,
  ScanUpload,
  StartScanResponse,
  type ScanSummary,
} from '@execops/contract';
import { DagResolver, PgStore, WorkerRuntime } from '@execops/engine';
import { waitFor } from '../../../packages/engine/test/support/wait.ts';
import { BUILTIN_ANALYZERS, ensureDemoFeed, registerScanJobs, writeTarGz } from '@execops/scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';

const reason = { 'x-operator-reason': 'scanner test', 'x-operator-ticket': 'SEC-7' };

const lockfile = (lodash: string, extra: Record<string, string> = {}) =>
  JSON.stringify({
    name: 'shop',
    lockfileVersion: 3,
    packages: {
      '': { name: 'shop', dependencies: { lodash, minimist: '1.2.5', ...extra } },
      'node_modules/lodash': { version: lodash },
      'node_modules/minimist': { version: '1.2.5' },
      ...Object.fromEntries(Object.entries(extra).map(([name, version]) => [`node_modules/${name}`, { version }])),
    },
  });

/** The built-in analyzers and the one the demo feed's kit carries. */
const ANALYZER_IDS = [...BUILTIN_ANALYZERS.map((a) => a.id), 'composer'];

const CARGO_LOCK = 'version = 3\n\n[[package]]\nname = "smallvec"\nversion = "1.6.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\n';

async function fixtureProject(lodash: string): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'execops-scan-'));
  await writeFile(path.join(dir, 'package-lock.json'), lockfile(lodash));
  await writeFile(path.join(dir, 'requirements.txt'), 'requests==2.30.0\n');
  await writeFile(path.join(dir, 'Cargo.lock'), CARGO_LOCK);
  // The Go advisory names the package golang.org/x/text/language; the analyzer reports the module.
  await writeFile(path.join(dir, 'go.mod'), 'module example.com/shop\n\ngo 1.21\n\nrequire golang.org/x/text v0.3.5\n');
  return dir;
}

describe('scanner scans API', () => {
  let fx: AppFixture;
  let runtime: WorkerRuntime;
  let resolver: DagResolver;

  beforeAll(async () => {
    fx = await createAppFixture();
    await ensureDemoFeed(fx.db.pool);
    const store = new PgStore({ pool: fx.db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
    runtime = new WorkerRuntime({ store, connectionString: fx.db.connectionString, concurrency: 4, pollIntervalMs: 100 });
    registerScanJobs(runtime, { pool: fx.db.pool, insert: store.insert, analyzers: BUILTIN_ANALYZERS, toolVersion: 'test' });
    await runtime.start();
    resolver = new DagResolver({ pool: fx.db.pool, connectionString: fx.db.connectionString, intervalMs: 100 });
    await resolver.start();
  });

  afterAll(async () => {
    await runtime?.stop();
    await resolver?.stop();
    await fx?.close();
  });

  const start = async (body: Record<string, unknown>) => {
    const res = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/scans', payload: body });
    expect(res.statusCode, res.body).toBe(201);
    return StartScanResponse.parse(res.json());
  };

  const finished = (scanId: string): Promise<ScanDetail> =>
    waitFor(
      async () => {
        const scan = ScanDetail.parse((await fx.app.inject({ method: 'GET', url: `/api/v1/scanner/scans/${scanId}` })).json());
        return ['queued', 'running'].includes(scan.state) ? null : scan;
      },
      { timeoutMs: 25_000, description: `scan ${scanId} to finish` },
    );

  const advisories = async (scanId: string) =>
    ScanFindingList.parse((await fx.app.inject({ method: 'GET', url: `/api/v1/scanner/scans/${scanId}/findings` })).json())
      .items.map((f) => `${f.advisoryId} ${f.name}@${f.version}`)
      .sort();

  let first: ScanSummary;
  let project: string;

  it('scans a directory through the pipeline: findings from the active feed, a CycloneDX report and one recorded run per analyzer', async () => {
    project = await fixtureProject('4.17.11');
    const started = await start({ target: { kind: 'path', path: project }, targetName: 'shop' });
    expect(Object.keys(started.jobIds).sort()).toEqual(
      ['resolve', 'match', 'report', 'compare', ...ANALYZER_IDS.map((id) => `analyze:${id}`)].sort(),
    );
    const scan = await finished(started.scan.id);
    expect(scan).toMatchObject({ state: 'succeeded', targetName: 'shop', trigger: 'manual', components: 5, findings: 5, error: null });
    expect(scan.feed).toMatchObject({ version: '0.1' });
    expect(scan.analyzers.map((a) => [a.analyzer, a.outcome, a.cacheHit])).toEqual(
      ANALYZER_IDS.map((id) => [id, 'ok', false]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(await advisories(scan.id)).toEqual([
      'GHSA-69ch-w2m2-3vjp golang.org/x/text@v0.3.5',
      'GHSA-j8r2-6x86-q33q requests@2.30.0',
      'GHSA-jf85-cpcp-j695 lodash@4.17.11',
      'GHSA-xvch-5gv4-984h minimist@1.2.5',
      'RUSTSEC-2021-0003 smallvec@1.6.0',
    ]);
    const sbom = await fx.app.inject({ method: 'GET', url: `/api/v1/scanner/scans/${scan.id}/sbom` });
    expect(sbom.statusCode).toBe(200);
    const bom = JSON.parse(sbom.body) as { bomFormat: string; components: unknown[]; vulnerabilities: { id: string }[]; metadata: Record<string, unknown> };
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.components).toHaveLength(5);
    expect(bom.vulnerabilities.map((v) => v.id).sort()).toEqual(['GHSA-69ch-w2m2-3vjp', 'GHSA-j8r2-6x86-q33q', 'GHSA-jf85-cpcp-j695', 'GHSA-xvch-5gv4-984h', 'RUSTSEC-2021-0003']);
    expect(bom.metadata).not.toHaveProperty('timestamp');
    const { rows } = await fx.db.pool.query('SELECT count(*)::int AS n FROM jobs WHERE run_id = $1 AND state = $2', [scan.runId, 'succeeded']);
    expect(rows[0]).toEqual({ n: 4 + ANALYZER_IDS.length });
    first = scan;
  });

  it('promotes a scan to baseline (audited) and compares a rescan after a change: new, fixed, unchanged', async () => {
    const refused = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/baselines', payload: { scanId: first.id } });
    expect(refused.statusCode).toBe(400);
    const promoted = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/baselines', headers: reason, payload: { scanId: first.id } });
    expect(promoted.statusCode, promoted.body).toBe(200);
    expect(promoted.json()).toMatchObject({ targetName: 'shop', scanId: first.id, reason: 'scanner test', ticket: 'SEC-7', findings: 5 });
    const audit = await fx.db.pool.query('SELECT action, target_id, after FROM audit_log WHERE target_type = $1', ['scan_baseline']);
    expect(audit.rows).toEqual([{ action: 'scanner.baseline.promote', target_id: 'shop', after: expect.objectContaining({ scanId: first.id }) }]);

    // lodash is upgraded past the fix; lodash-es, affected by the same advisory, comes in.
    await writeFile(path.join(project, 'package-lock.json'), lockfile('4.17.21', { 'lodash-es': '4.17.13' }));
    const rescan = await finished((await start({ target: { kind: 'path', path: project }, targetName: 'shop' })).scan.id);
    expect(rescan.state).toBe('succeeded');
    expect(rescan.comparison).toEqual({ baselineScanId: first.id, new: 1, fixed: 1, unchanged: 4, notCompared: 0 });
    // Unchanged inputs are not analysed again.
    const cacheHits = Object.fromEntries(rescan.analyzers.map((a) => [a.analyzer, a.cacheHit]));
    expect(cacheHits).toMatchObject({ python: true, cargo: true, npm: false });

    const compared = CompareResult.parse((await fx.app.inject({ method: 'GET', url: `/api/v1/scanner/scans/${rescan.id}/compare` })).json());
    expect(compared.baselineScanId).toBe(first.id);
    expect(compared.new.map((f) => `${f.advisoryId} ${f.name}@${f.version}`)).toEqual(['GHSA-jf85-cpcp-j695 lodash-es@4.17.13']);
    expect(compared.fixed.map((f) => `${f.advisoryId} ${f.version}`)).toEqual(['GHSA-jf85-cpcp-j695 4.17.11']);
    expect(compared.unchanged.map((f) => f.advisoryId).sort()).toEqual(['GHSA-69ch-w2m2-3vjp', 'GHSA-j8r2-6x86-q33q', 'GHSA-xvch-5gv4-984h', 'RUSTSEC-2021-0003']);
    expect(compared.counts).toEqual({ new: 1, fixed: 1, unchanged: 4 });
    expect(compared.notCompared).toEqual([]);
  });

  it('validates settings field by field (422), persists a valid change and audits before and after', async () => {
    const current = ScannerSettings.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/settings' })).json());
    const { updatedAt: _u, updatedBy: _b, ...input } = current;
    const bad = await fx.app.inject({
      method: 'PUT',
      url: '/api/v1/scanner/settings',
      headers: reason,
      payload: { ...input, concurrency: 0, maxTargetBytes: 10, enabledAnalyzers: ['npm', 'nope'], deterministicOutput: undefined, color: 'red' },
    });
    expect(bad.statusCode).toBe(422);
    const envelope = ErrorEnvelope.parse(bad.json());
    expect((envelope.error.details as { fields: { field: string; message: string }[] }).fields).toEqual(
      expect.arrayContaining([
        { field: 'concurrency', message: 'concurrency must be at least 1' },
        { field: 'maxTargetBytes', message: 'maxTargetBytes must be at least 1048576' },
        { field: 'deterministicOutput', message: 'deterministicOutput is required' },
        { field: 'color', message: 'color is not a setting' },
      ]),
    );
    const unknownAnalyzer = await fx.app.inject({ method: 'PUT', url: '/api/v1/scanner/settings', headers: reason, payload: { ...input, enabledAnalyzers: ['npm', 'nope'] } });
    expect(unknownAnalyzer.statusCode).toBe(422);
    expect(unknownAnalyzer.json().error.details.fields).toEqual([{ field: 'enabledAnalyzers', message: 'enabledAnalyzers names unknown analyzers: nope' }]);
    expect(ScannerSettings.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/settings' })).json())).toEqual(current);

    const saved = await fx.app.inject({ method: 'PUT', url: '/api/v1/scanner/settings', headers: reason, payload: { ...input, concurrency: 2, feedStalenessDays: 14 } });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = ScannerSettings.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/settings' })).json());
    expect(after).toMatchObject({ concurrency: 2, feedStalenessDays: 14, updatedBy: expect.any(String) });
    const audit = await fx.db.pool.query('SELECT before, after FROM audit_log WHERE action = $1', ['scanner.settings.update']);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0].before).toMatchObject({ concurrency: current.concurrency, feedStalenessDays: current.feedStalenessDays });
    expect(audit.rows[0].after).toMatchObject({ concurrency: 2, feedStalenessDays: 14 });
  });

  it('a disabled analyzer has no job in the next scan’s DAG; its health and the self-checks are reported', async () => {
    const disabled = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/analyzers/go/disable', headers: reason });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ id: 'go', enabled: false });
    const started = await start({ target: { kind: 'path', path: project }, targetName: 'shop' });
    expect(started.jobIds).not.toHaveProperty('analyze:go');
    expect(started.jobIds).toHaveProperty('analyze:npm');
    const scan = await finished(started.scan.id);
    expect(scan.analyzers.map((a) => a.analyzer)).not.toContain('go');
    // With go off, the baseline's Go finding is not judged (not "fixed"): go ran in only one of the two scans.
    expect(scan.comparison).toEqual({ baselineScanId: first.id, new: 1, fixed: 1, unchanged: 3, notCompared: 1 });
    const compared = CompareResult.parse((await fx.app.inject({ method: 'GET', url: `/api/v1/scanner/scans/${scan.id}/compare` })).json());
    expect(compared.fixed.map((f) => `${f.advisoryId} ${f.name}@${f.version}`)).toEqual(['GHSA-jf85-cpcp-j695 lodash@4.17.11']);
    expect(compared.notCompared).toEqual([{ analyzer: 'go', from: 'baseline', findings: 1 }]);
    // Against the go-less scan, the baseline's Go finding is not "new" either.
    const reverse = CompareResult.parse((await fx.app.inject({ method: 'GET', url: `/api/v1/scanner/scans/${first.id}/compare?against=${scan.id}` })).json());
    expect(reverse.counts).toEqual({ new: 1, fixed: 1, unchanged: 3 });
    expect(reverse.notCompared).toEqual([{ analyzer: 'go', from: 'scan', findings: 1 }]);

    const refreshed = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/analyzers/refresh', headers: reason });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const registry = AnalyzerList.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/analyzers' })).json());
    for (const entry of registry.items) expect(entry.probe, `${entry.id}: ${entry.probe?.message}`).toMatchObject({ ok: true });
    const npm = registry.items.find((a) => a.id === 'npm');
    expect(npm?.health).toMatchObject({ runs: 3, lastOutcome: 'ok', successRate: 1 });
    expect(npm?.health.cacheHitRate).toBeCloseTo(1 / 3);
    expect(registry.items.find((a) => a.id === 'go')).toMatchObject({ enabled: false, health: { runs: 2 } });
    const audit = await fx.db.pool.query('SELECT action FROM audit_log WHERE target_type = $1 ORDER BY id', ['scanner_analyzer']);
    expect(audit.rows[0]).toEqual({ action: 'scanner.analyzer.disable' });
    expect(audit.rows.filter((r) => r.action === 'scanner.analyzer.refresh')).toHaveLength(ANALYZER_IDS.length);
  });

  it('sets a performance baseline from a window and reports series with the regression ratio, and CSV', async () => {
    const empty = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/performance/baselines',
      headers: reason,
      payload: { from: '2020-01-01T00:00:00Z', to: '2020-01-02T00:00:00Z' },
    });
    expect(empty.statusCode).toBe(422);
    const set = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/performance/baselines',
      headers: reason,
      payload: { from: new Date(Date.now() - 3_600_000).toISOString(), to: new Date(Date.now() + 1000).toISOString() },
    });
    expect(set.statusCode, set.body).toBe(200);
    const report = PerfReport.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/performance' })).json());
    const scanSeries = report.series.find((s) => s.metric === 'scan');
    expect(scanSeries?.points).toHaveLength(3);
    // The baseline came from these very runs, so nothing is slower than it.
    expect(scanSeries?.regression).toMatchObject({ ratio: 0, alert: false });
    expect(report.series.map((s) => s.metric)).toContain('analyzer:npm');
    const csv = await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/performance/export' });
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    const lines = csv.body.trim().split('\r\n');
    expect(lines[0]).toBe('metric,at,scanId,durationMs,cacheHit,baselineMaxMs,ratio,alert');
    expect(lines.filter((l) => l.startsWith('scan,'))).toHaveLength(3);
  });

  it('scans an uploaded tar.gz stored in PostgreSQL, and refuses an upload over maxTargetBytes', async () => {
    const archive = writeTarGz([{ path: 'app/requirements.txt', data: Buffer.from('requests==2.30.0\n') }]);
    const uploaded = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/uploads?fileName=app.tar.gz',
      headers: { 'content-type': 'application/octet-stream' },
      payload: archive,
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const upload = ScanUpload.parse(uploaded.json());
    expect(upload).toMatchObject({ fileName: 'app.tar.gz', sizeBytes: archive.length });
    const scan = await finished((await start({ target: { kind: 'upload', uploadId: upload.id } })).scan.id);
    expect(scan).toMatchObject({ state: 'succeeded', targetName: 'app.tar.gz', components: 1, findings: 1 });

    const garbage = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/uploads?fileName=notes.txt',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.from('requests==2.30.0\n'.repeat(64)),
    });
    expect(garbage.statusCode).toBe(422);
    expect(ErrorEnvelope.parse(garbage.json()).error.message).toBe('notes.txt is not a tar or tar.gz archive (a docker save or OCI layout tarball is one)');
    const { rows } = await fx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM scanner_uploads');
    expect(rows[0]).toEqual({ n: 1 });

    const settings = ScannerSettings.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/settings' })).json());
    const { updatedAt: _u, updatedBy: _b, ...input } = settings;
    await fx.app.inject({ method: 'PUT', url: '/api/v1/scanner/settings', headers: reason, payload: { ...input, maxTargetBytes: 1024 * 1024 } });
    const tooLarge = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/uploads?fileName=big.tar',
      headers: { 'content-type': 'application/octet-stream' },
      payload: Buffer.alloc(1024 * 1024 + 1),
    });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().error.code).toBe('payload_too_large');
  });

  it('a schedule targeting scanner.scan starts a scan whose pipeline joins the schedule run', async () => {
    const created = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/schedules',
      headers: reason,
      payload: {
        name: 'nightly-shop-scan',
        cron: '0 3 * * *',
        target: { kind: 'job', job: { jobType: 'scanner.scan', payload: { target: { kind: 'path', path: project }, targetName: 'shop' } } },
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const triggered = await fx.app.inject({ method: 'POST', url: `/api/v1/schedules/${created.json().id}/trigger`, headers: reason });
    expect(triggered.statusCode, triggered.body).toBe(201);
    const runId = triggered.json().id as string;
    const scheduled = await waitFor(
      async () => (await fx.db.pool.query<{ id: string }>("SELECT id FROM scans WHERE trigger = 'schedule' AND run_id = $1", [runId])).rows[0],
      { timeoutMs: 25_000, description: 'the scheduled scan' },
    );
    const scan = await finished(scheduled.id);
    expect(scan).toMatchObject({ state: 'succeeded', trigger: 'schedule', targetName: 'shop', runId });
  });

  it('refuses a target that is not on the server or not absolute, and an unknown upload', async () => {
    const missing = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/scans', payload: { target: { kind: 'path', path: '/nonexistent/x' } } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.fields[0].field).toBe('target.path');
    const relative = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/scans', payload: { target: { kind: 'path', path: 'x' } } });
    expect(relative.statusCode).toBe(422);
    const noUpload = await fx.app.inject({
      method: 'POST',
      url: '/api/v1/scanner/scans',
      payload: { target: { kind: 'upload', uploadId: '01890000-0000-7000-8000-000000000000' } },
    });
    expect(noUpload.statusCode).toBe(404);
  });

  it('refuses a path to a file that is not an archive at start (422, with the message uploads get), and writes nothing', async () => {
    const notes = path.join(await mkdtemp(path.join(os.tmpdir(), 'execops-scan-notes-')), 'notes.txt');
    await writeFile(notes, 'requests==2.30.0\n'.repeat(64));
    const count = async () => (await fx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM scans')).rows[0]?.n;
    const before = await count();
    const refused = await fx.app.inject({ method: 'POST', url: '/api/v1/scanner/scans', payload: { target: { kind: 'path', path: notes } } });
    expect(refused.statusCode).toBe(422);
    expect(ErrorEnvelope.parse(refused.json()).error.details).toEqual({
      fields: [{ field: 'target.path', message: `${notes} is not a tar or tar.gz archive (a docker save or OCI layout tarball is one)` }],
    });
    expect(await count()).toBe(before);
  });
  it('runs the kit analyzer as a job of its own beside the built-in ones and matches it against the kit feed', async () => {
    const target = fileURLToPath(new URL('../../../packages/scanner/test/fixtures/targets/debian-12', import.meta.url));
    const started = await start({ target: { kind: 'path', path: target }, targetName: 'php-shop' });
    expect(started.jobIds).toHaveProperty('analyze:composer');
    const scan = await finished(started.scan.id);
    expect(scan.state).toBe('succeeded');
    expect(scan.analyzers.find((a) => a.analyzer === 'composer')).toMatchObject({ analyzerVersion: '1.0.0', outcome: 'ok', components: 3 });
    expect(await advisories(scan.id)).toEqual(['DSA-5514-1 libc6@2.36-9', 'GHSA-f2wf-25xc-69c9 guzzlehttp/guzzle@7.4.3']);
    const registry = AnalyzerList.parse((await fx.app.inject({ method: 'GET', url: '/api/v1/scanner/analyzers' })).json());
    expect(registry.items.find((a) => a.id === 'composer')).toMatchObject({ source: 'kit', kitVersion: '0.1', health: { lastOutcome: 'ok' } });
  });
});
