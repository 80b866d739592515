// Every CLI call is a process start (tsx compiling the sources), seconds each on a busy machine.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CompareResult, ScanSummary, StartScanResponse } from '@execops/contract';
import { DagResolver, WorkerRuntime } from '@execops/engine';
import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { BUILTIN_ANALYZERS, ensureDemoFeed, registerScanJobs } from '@execops/scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
const execops = (...args: string[]) => runCli(live.server, ...args);
/** A hang guard for cases of several CLI calls (seconds each on a loaded machine), not a timing check. */
const SLOW = 300_000;

const LODASH_ADVISORY = 'GHSA-jf85-cpcp-j695';
const MINIMIST_ADVISORY = 'GHSA-xvch-5gv4-984h';
const REQUESTS_ADVISORY = 'GHSA-j8r2-6x86-q33q';

async function writeLockfile(dir: string, packages: Record<string, string>): Promise<void> {
  const lock = {
    name: 'shop',
    lockfileVersion: 3,
    packages: {
      '': { name: 'shop', dependencies: packages },
      ...Object.fromEntries(Object.entries(packages).map(([name, version]) => [`node_modules/${name}`, { version }])),
    },
  };
  await writeFile(path.join(dir, 'package-lock.json'), JSON.stringify(lock));
}

/** Through the API directly: each CLI call starts a process, so tests only spend them on the commands they test. */
async function api(method: 'GET' | 'POST', url: string, body?: object): Promise<Response> {
  return fetch(`${live.server}/api/v1${url}`, {
    method,
    headers: { authorization: `Bearer ${TEST_ADMIN_TOKEN}`, 'x-operator-reason': 'cli test', ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
}

let runtime: WorkerRuntime;
let resolver: DagResolver;
let project: string;

beforeAll(async () => {
  await ensureDemoFeed(live.db.pool);
  runtime = new WorkerRuntime({ store: live.store, connectionString: live.db.connectionString, concurrency: 4, pollIntervalMs: 100 });
  registerScanJobs(runtime, { pool: live.db.pool, insert: live.store.insert, analyzers: BUILTIN_ANALYZERS, toolVersion: 'test' });
  await runtime.start();
  resolver = new DagResolver({ pool: live.db.pool, connectionString: live.db.connectionString, intervalMs: 100 });
  await resolver.start();
  project = await mkdtemp(path.join(os.tmpdir(), 'execops-cli-scan-'));
  await writeLockfile(project, { lodash: '4.17.11' });
  await writeFile(path.join(project, 'requirements.txt'), 'requests==2.30.0\n');
});

afterAll(async () => {
  await runtime?.stop();
  await resolver?.stop();
  await rm(project, { recursive: true, force: true });
});

describe('execops scan, scans and baselines', () => {
  it('scans a directory, lists, gets and shows findings, promotes a baseline and compares a rescan', { timeout: SLOW }, async () => {
    const scanned = await execops('scan', project, '--name', 'shop', '--wait');
    expect(scanned.code, scanned.stderr).toBe(0);
    const [, firstId] = /^scan (\S+) of shop: succeeded, 2 components, 2 findings$/m.exec(scanned.stdout) ?? [];
    expect(firstId).toBeDefined();
    const first = firstId as string;

    const listed = await execops('scans', 'list', '--target', 'shop');
    expect(listed.stdout).toMatch(new RegExp(`${first}\\s+shop\\s+succeeded\\s+2\\s+2`));
    const got = await execops('scans', 'get', first);
    expect(got.stdout).toMatch(/npm\s+\S+\s+ok/);
    expect(got.stdout).toMatch(/python\s+\S+\s+ok/);
    const findings = await execops('scans', 'findings', first);
    expect(findings.stdout).toMatch(new RegExp(`${LODASH_ADVISORY}\\s+\\w+\\s+lodash@4\\.17\\.11\\s+4\\.17\\.12`));
    expect(findings.stdout).toContain(`${REQUESTS_ADVISORY}`);

    const unreasoned = await execops('baselines', 'promote', first);
    expect(unreasoned.code).not.toBe(0);
    expect(unreasoned.stderr).toContain("required option '--reason <text>' not specified");
    const promoted = await execops('baselines', 'promote', first, '--reason', 'release 4.2 accepted', '--ticket', 'SEC-7');
    expect(promoted.stdout).toBe(`scan ${first} is the baseline of shop\n`);

    // lodash upgraded past its fix, minimist (affected) added, and the python analyzer switched off.
    await writeLockfile(project, { lodash: '4.17.21', minimist: '1.2.5' });
    expect((await api('POST', '/scanner/analyzers/python/disable')).status).toBe(200);
    const rescanned = await execops('scan', project, '--name', 'shop', '--wait', '--json');
    expect(rescanned.code, rescanned.stderr).toBe(0);
    const second = ScanSummary.parse(JSON.parse(rescanned.stdout));
    expect(second).toMatchObject({ state: 'succeeded', comparison: { baselineScanId: first, new: 1, fixed: 1, unchanged: 0, notCompared: 1 } });

    const compared = await execops('scans', 'compare', second.id);
    expect(compared.stdout).toContain(`against ${first}: 1 new, 1 fixed, 0 unchanged\n`);
    expect(compared.stdout).toContain('python analyzer did not run in this scan: 1 baseline findings not compared\n');
    expect(compared.stdout).toMatch(new RegExp(`new\\s+${MINIMIST_ADVISORY}\\s+\\w+\\s+minimist@1\\.2\\.5`));
    expect(compared.stdout).toMatch(new RegExp(`fixed\\s+${LODASH_ADVISORY}\\s+\\w+\\s+lodash@4\\.17\\.11`));
    const against = CompareResult.parse(JSON.parse((await execops('scans', 'compare', first, '--against', second.id, '--json')).stdout));
    expect(against.counts).toEqual({ new: 1, fixed: 1, unchanged: 0 });
    expect(against.notCompared).toEqual([{ analyzer: 'python', from: 'scan', findings: 1 }]);
    expect((await api('POST', '/scanner/analyzers/python/enable')).status).toBe(200);
  });

  it('cancels a queued scan with a reason; canceling it again is refused (409)', { timeout: SLOW }, async () => {
    // With the resolve queue paused the scan stays queued until it is canceled.
    expect((await api('POST', '/queues/scanner.resolve/pause')).status).toBe(200);
    try {
      const started = StartScanResponse.parse(await (await api('POST', '/scanner/scans', { target: { kind: 'path', path: project }, targetName: 'queued' })).json());
      const canceled = await execops('scans', 'cancel', started.scan.id, '--reason', 'wrong target');
      expect(canceled.code, canceled.stderr).toBe(0);
      expect(canceled.stdout).toBe(`scan ${started.scan.id} of queued: canceled, ${Object.keys(started.jobIds).length} jobs canceled\n`);
      const again = await execops('scans', 'cancel', started.scan.id, '--reason', 'twice');
      expect(again.code).toBe(1);
      expect(again.stderr).toContain(`scan ${started.scan.id} is canceled; only a queued or running scan can be canceled (conflict, HTTP 409`);
    } finally {
      await api('POST', '/queues/scanner.resolve/resume');
    }
  });

  it('bad input: unknown scan, a path not on the server, no target, invalid ids and flags', { timeout: SLOW }, async () => {
    const unknown = await execops('scans', 'get', '01890000-0000-7000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('scan 01890000-0000-7000-8000-000000000000 was not found (not_found, HTTP 404');
    const notUuid = await execops('scans', 'findings', 'nope');
    expect(notUuid.code).toBe(1);
    expect(notUuid.stderr).toMatch(/id: .*\(validation_failed, HTTP 400/);

    const missing = await execops('scan', '/nonexistent/execops-target');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('target.path: /nonexistent/execops-target is not a file or directory on the server');
    const noTarget = await execops('scan');
    expect(noTarget.code).toBe(1);
    expect(noTarget.stderr).toContain('give a path or --upload <file> (one of them)');
    const noUpload = await execops('scan', '--upload', path.join(project, 'no-such.tar.gz'));
    expect(noUpload.code).toBe(1);
    expect(noUpload.stderr).toContain(`cannot read ${path.join(project, 'no-such.tar.gz')}`);

    const badFlag = await execops('scans', 'list', '--bogus');
    expect(badFlag.code).not.toBe(0);
    expect(badFlag.stderr).toContain("unknown option '--bogus'");
    const badState = await execops('scans', 'list', '--state', 'sleeping');
    expect(badState.code).toBe(1);
    expect(badState.stderr).toMatch(/state.*\(validation_failed, HTTP 400/);
  });
});
