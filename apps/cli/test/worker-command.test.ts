import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PgStore } from '@execops/engine';
import { createTestDatabase, databaseTargets, type TestDatabase } from '@execops/engine/testing';
import { buildApp } from '@execops/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { waitFor, waitForJobState } from '../../../packages/engine/test/support/wait.ts';

const CLI = fileURLToPath(new URL('../bin/execops.js', import.meta.url));
const HANDLERS = fileURLToPath(new URL('./fixtures/echo-handlers.ts', import.meta.url));
let db: TestDatabase;
let store: PgStore;
let app: FastifyInstance;
let server: string;

beforeAll(async () => {
  db = await createTestDatabase(databaseTargets()[0]!);
  store = new PgStore({ pool: db.pool });
  app = await buildApp({ store, db: db.pool, storage: 'embedded', webDist: '/nonexistent', bodyLimitBytes: 1024 * 1024, logLevel: 'silent' });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  server = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

it('execops worker runs a handler module, completes a job and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, '--server', server, 'worker', HANDLERS, '--concurrency', '2', '--job-type', 'cli.echo', '--name', 'cli-test'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => stdout.includes('running cli.echo'), { timeoutMs: 20_000, description: `worker start (stderr: ${stderr})` });
    const [enqueued] = await store.enqueueBatch('default', [{ jobType: 'cli.echo', payload: { hello: 'cli' } }]);
    const job = await waitForJobState(store, 'default', enqueued!.job.id, 'succeeded');
    expect(job.result).toEqual({ echo: { hello: 'cli' } });
    const { rows } = await db.pool.query<{ name: string; state: string }>('SELECT name, state FROM workers');
    expect(rows).toEqual([{ name: 'cli-test', state: 'active' }]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('worker stopped');
    const after = await db.pool.query<{ state: string }>('SELECT state FROM workers');
    expect(after.rows).toEqual([{ state: 'offline' }]);
  } finally {
    child.kill('SIGKILL');
  }
});
