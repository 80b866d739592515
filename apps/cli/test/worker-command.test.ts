import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { waitFor, waitForJobState } from '../../../packages/engine/test/support/wait.ts';
import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { CLI, useLiveApi } from './support/live-api.ts';

const HANDLERS = fileURLToPath(new URL('./fixtures/echo-handlers.ts', import.meta.url));
const live = useLiveApi();

it('execops worker runs a handler module, completes a job and exits 0 on SIGTERM', async () => {
  const child = spawn(process.execPath, [CLI, '--server', live.server, '--token', TEST_ADMIN_TOKEN, 'worker', HANDLERS, '--concurrency', '2', '--job-type', 'cli.echo', '--name', 'cli-test'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    await waitFor(() => stdout.includes('running cli.echo'), { timeoutMs: 20_000, description: `worker start (stderr: ${stderr})` });
    const [enqueued] = await live.store.enqueueBatch('default', [{ jobType: 'cli.echo', payload: { hello: 'cli' } }]);
    const job = await waitForJobState(live.store, 'default', enqueued!.job.id, 'succeeded');
    expect(job.result).toEqual({ echo: { hello: 'cli' } });
    const { rows } = await live.db.pool.query<{ name: string; state: string }>('SELECT name, state FROM workers');
    expect(rows).toEqual([{ name: 'cli-test', state: 'active' }]);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(stdout).toContain('worker stopped');
    const after = await live.db.pool.query<{ state: string }>('SELECT state FROM workers');
    expect(after.rows).toEqual([{ state: 'offline' }]);
  } finally {
    child.kill('SIGKILL');
  }
});
