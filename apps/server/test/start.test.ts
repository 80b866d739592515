import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobPage, Readiness } from '@execops/contract';
import { DataDirLockedError } from '@execops/engine';
import { createTestDatabase, databaseTargets, TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { startServer, type RunningServer } from '../src/start.ts';

const CLI = fileURLToPath(new URL('../../cli/bin/execops.js', import.meta.url));
const running: RunningServer[] = [];
/** A child `execops start` runs initdb and every migration before it answers; on a loaded machine that alone can pass 20 s. */
const CHILD_PROCESS_TIMEOUT_MS = 90_000;
const folders: string[] = [];
/** `execops start` children: killed after each test, so a failed or timed-out case leaves no server behind. */
const children: ChildProcess[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  for (const server of running.splice(0)) await server.stop();
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dataFolder(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'execops-start-'));
  folders.push(dir);
  return dir;
}

/** Every start seeds the admin token from EXECOPS_ADMIN_TOKEN, as automation would. */
const auth = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

function embeddedConfig(dataDir: string) {
  return loadConfig({ EXECOPS_ADMIN_TOKEN: TEST_ADMIN_TOKEN }, { dataDir, port: 0, workers: false, logLevel: 'silent' });
}

async function start(config: ReturnType<typeof loadConfig>): Promise<RunningServer> {
  const server = await startServer(config);
  running.push(server);
  return server;
}

async function enqueue(server: RunningServer, jobType: string): Promise<string> {
  const res = await fetch(`${server.url}/api/v1/jobs`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify({ jobType }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { job: { id: string } }).job.id;
}

async function listIds(server: RunningServer, jobType: string, token = TEST_ADMIN_TOKEN): Promise<string[]> {
  const page = JobPage.parse(await (await fetch(`${server.url}/api/v1/jobs?jobType=${jobType}`, { headers: { authorization: `Bearer ${token}` } })).json());
  return page.items.map((j) => j.id);
}

describe('startServer on the embedded PostgreSQL', () => {
  it('keeps jobs across a restart on the same folder', async () => {
    const dataDir = await dataFolder();
    const first = await start(embeddedConfig(dataDir));
    const id = await enqueue(first, 'restart.keep');
    await first.stop();
    running.splice(running.indexOf(first), 1);

    const second = await start(embeddedConfig(dataDir));
    expect(await listIds(second, 'restart.keep')).toEqual([id]);
  });

  it('refuses a second server on a folder in use and leaves the first one working', async () => {
    const dataDir = await dataFolder();
    const first = await start(embeddedConfig(dataDir));
    await expect(startServer(embeddedConfig(dataDir))).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(startServer(embeddedConfig(dataDir))).rejects.toThrow(/already using the data folder/);
    const ready = Readiness.parse(await (await fetch(`${first.url}/api/v1/readyz`)).json());
    expect(ready).toMatchObject({ status: 'ready', storage: 'embedded' });
  });

  it('starts again after the previous server was killed with SIGKILL', async () => {
    const dataDir = await dataFolder();
    const { child, url } = await spawnCli(dataDir);
    const id = await enqueue({ url } as RunningServer, 'killed.keep');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const restarted = await start(embeddedConfig(dataDir));
    expect(await listIds(restarted, 'killed.keep')).toEqual([id]);
  }, CHILD_PROCESS_TIMEOUT_MS);

  it('stops cleanly on SIGTERM: exit code 0, PostgreSQL down, data folder unlocked', async () => {
    const dataDir = await dataFolder();
    const { child } = await spawnCli(dataDir);
    const pgPid = Number((await readFile(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8')).split('\n')[0]);
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(0);
    expect(existsSync(path.join(dataDir, 'server.lock'))).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
    expect(() => process.kill(pgPid, 0)).toThrow();
  }, CHILD_PROCESS_TIMEOUT_MS);
});

/** `execops start` in a child process on a free port; resolves once it prints its API address. */
async function spawnCli(dataDir: string) {
  const child = spawn(process.execPath, [CLI, 'start', '--port', '0', '--data-dir', dataDir, '--no-workers'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DATABASE_URL: '', EXECOPS_LOG_LEVEL: 'silent', EXECOPS_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
  });
  children.push(child);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /API\s+(http:\/\/\S+)\/api\/v1/.exec(out);
      if (match?.[1]) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited with ${code} before it was up: ${out}`)));
  });
  return { child, url };
}

/** Exchanges a login URL's one-time code for a console session; answers the HTTP status. */
async function loginWith(serverUrl: string, loginUrl: string | undefined): Promise<number> {
  const code = new URL(loginUrl ?? '').searchParams.get('code');
  const res = await fetch(`${serverUrl}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
  return res.status;
}

describe('startServer with DATABASE_URL', () => {
  it('uses the external PostgreSQL and migrates it; its first start creates the admin token and a one-time login URL; a later start issues a fresh one only when asked', async () => {
    const target = databaseTargets().at(-1);
    if (!target) throw new Error('no database target');
    const db = await createTestDatabase(target, { migrated: false });
    try {
      const server = await start(loadConfig({ DATABASE_URL: db.connectionString }, { port: 0, workers: false, logLevel: 'silent' }));
      const ready = Readiness.parse(await (await fetch(`${server.url}/api/v1/readyz`)).json());
      expect(ready).toMatchObject({ status: 'ready', storage: 'external' });
      const firstStart = server.firstStart;
      if (!firstStart) throw new Error('the first start created no admin token');
      expect(firstStart).toMatchObject({ preset: false });
      expect(server.loginUrl).toMatch(new RegExp(`^${server.url}/login\\?code=.+`));
      expect(await listIds(server, 'nothing.here', firstStart.adminToken)).toEqual([]);
      expect(await loginWith(server.url, server.loginUrl)).toBe(200);
      // The code is spent: the same URL signs nobody in again.
      expect(await loginWith(server.url, server.loginUrl)).toBe(401);
      await server.stop();
      running.splice(0);

      // A later start prints no token and no login URL, unless asked to (the operator lost the token).
      const config = { port: 0, workers: false, logLevel: 'silent' };
      const again = await start(loadConfig({ DATABASE_URL: db.connectionString }, config));
      expect(again.firstStart).toBeUndefined();
      expect(again.loginUrl).toBeUndefined();
      await again.stop();
      running.splice(0);
      const asked = await start(loadConfig({ DATABASE_URL: db.connectionString }, { ...config, loginUrl: true }));
      expect(asked.firstStart).toBeUndefined();
      expect(await loginWith(asked.url, asked.loginUrl)).toBe(200);
    } finally {
      for (const server of running.splice(0)) await server.stop();
      await db.drop();
    }
  });
});
