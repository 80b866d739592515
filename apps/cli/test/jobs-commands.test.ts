import { describe, expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
const execops = (...args: string[]) => runCli(live.server, ...args);

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
    const result = await runCli('http://127.0.0.1:9', 'jobs', 'list');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/127\.0\.0\.1:9/);
  });
});
