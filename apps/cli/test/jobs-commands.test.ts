import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PgStore } from '@execops/engine';
import { createTestDatabase, databaseTargets, type TestDatabase } from '@execops/engine/testing';
import { buildApp } from '@execops/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CLI = fileURLToPath(new URL('../bin/execops.js', import.meta.url));
let db: TestDatabase;
let app: FastifyInstance;
let server: string;

beforeAll(async () => {
  db = await createTestDatabase(databaseTargets()[0]!);
  app = await buildApp({
    store: new PgStore({ pool: db.pool }),
    db: db.pool,
    storage: 'embedded',
    webDist: '/nonexistent',
    bodyLimitBytes: 1024 * 1024,
    logLevel: 'silent',
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  server = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});

afterAll(async () => {
  await app.close();
  await db.drop();
});

async function execops(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, '--server', server, ...args]);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('execops jobs', () => {
  it('lists sorted by priority in the order asked for, and refuses an unknown sort', async () => {
    const ids: string[] = [];
    for (const priority of [4, -6, 0]) {
      const enqueued = await execops('jobs', 'enqueue', 'cli.sorted', '--priority', String(priority), '--json');
      ids.push((JSON.parse(enqueued.stdout) as { job: { id: string } }).job.id);
    }
    const listed = async (order: string) => {
      const result = await execops('jobs', 'list', '--type', 'cli.sorted', '--sort', 'priority', '--order', order, '--json');
      expect(result.code).toBe(0);
      return (JSON.parse(result.stdout) as { items: Array<{ id: string }> }).items.map((j) => j.id);
    };
    expect(await listed('asc')).toEqual([ids[1], ids[2], ids[0]]);
    expect(await listed('desc')).toEqual([ids[0], ids[2], ids[1]]);
    const table = await execops('jobs', 'list', '--type', 'cli.sorted', '--sort', 'priority', '--order', 'asc');
    expect(table.stdout.indexOf(ids[1]!)).toBeLessThan(table.stdout.indexOf(ids[0]!));
    const bad = await execops('jobs', 'list', '--sort', 'state');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--sort');
  });

  it('enqueues, lists, shows and cancels a job', async () => {
    const enqueued = await execops('jobs', 'enqueue', 'cli.demo', '--payload', '{"n":1}', '--priority', '3', '--json');
    expect(enqueued.code).toBe(0);
    const id = (JSON.parse(enqueued.stdout) as { job: { id: string } }).job.id;

    const listed = await execops('jobs', 'list', '--type', 'cli.demo', '--state', 'queued');
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(id);

    const shown = await execops('jobs', 'get', id);
    expect(shown.stdout).toMatch(/state\s+queued/);
    expect(shown.stdout).toContain('{"n":1}');

    const canceled = await execops('jobs', 'cancel', id, '--reason', 'demo over');
    expect(canceled).toMatchObject({ code: 0, stdout: `canceled ${id}\n` });
    expect((await execops('jobs', 'get', id, '--json')).stdout).toContain('"state": "canceled"');
  });

  it('replays, re-prioritizes and acts in bulk with a dry run first', async () => {
    const first = JSON.parse((await execops('jobs', 'enqueue', 'cli.bulk', '--queue', 'cliq', '--json')).stdout).job.id as string;
    await execops('jobs', 'enqueue', 'cli.bulk', '--queue', 'cliq');
    expect((await execops('jobs', 'priority', first, '-5', '--reason', 'urgent')).stdout).toBe(`priority of ${first}: 0 → -5\n`);

    const dry = await execops('jobs', 'bulk', 'cancel', '--type', 'cli.bulk', '--queue', 'cliq', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: 'cancel would apply to 2 of 2 selected job(s)\n' });
    const real = await execops('jobs', 'bulk', 'cancel', '--type', 'cli.bulk', '--reason', 'cleanup', '--ticket', 'OPS-1');
    expect(real.stdout).toMatch(/^cancel: 2 job\(s\) changed/);

    const replayed = await execops('jobs', 'replay', first, '--reason', 'try again', '--priority', '2');
    expect(replayed.stdout).toMatch(new RegExp(`^replayed ${first} as [0-9a-f-]{36} \\(priority 2, queued\\)\\n$`));
    const bulkReplay = await execops('jobs', 'bulk', 'replay', '--id', first, '--reason', 'once more', '--json');
    expect(JSON.parse(bulkReplay.stdout)).toMatchObject({ affected: 1, results: [{ id: first, outcome: 'replayed' }] });
  });

  it('refuses an operator action without a reason or with a muddled selection', async () => {
    const id = JSON.parse((await execops('jobs', 'enqueue', 'cli.refuse', '--json')).stdout).job.id as string;
    const noReason = await execops('jobs', 'cancel', id);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toMatch(/--reason/);
    const both = await execops('jobs', 'bulk', 'cancel', '--id', id, '--type', 'cli.refuse', '--reason', 'x');
    expect(both).toMatchObject({ code: 1 });
    expect(both.stderr).toMatch(/not both/);
    const reasonless = await execops('jobs', 'bulk', 'cancel', '--id', id);
    expect(reasonless).toMatchObject({ code: 1 });
    expect(reasonless.stderr).toMatch(/--reason is required/);
    const priorityless = await execops('jobs', 'bulk', 'priority', '--id', id, '--reason', 'x');
    expect(priorityless.stderr).toMatch(/--priority/);
    expect((await execops('jobs', 'get', id, '--json')).stdout).toContain('"state": "queued"');
  });

  it('exits non-zero with the API message and trace id on bad input', async () => {
    const again = await execops('jobs', 'get', '0190a5c4-0000-7000-8000-000000000000');
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/not found.*trace/i);

    const badPayload = await execops('jobs', 'enqueue', 'cli.demo', '--payload', '{nope');
    expect(badPayload.code).toBe(1);
    expect(badPayload.stderr).toMatch(/payload/i);

    const badState = await execops('jobs', 'list', '--state', 'sleeping');
    expect(badState.code).toBe(1);
    expect(badState.stderr).toMatch(/state/);
  });

  it('says clearly when no server answers', async () => {
    const result = await promisify(execFile)(process.execPath, [CLI, '--server', 'http://127.0.0.1:9', 'jobs', 'list']).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect('code' in result && result.code).toBe(1);
    expect(result.stderr).toMatch(/127\.0\.0\.1:9/);
  });
});
