import { mkdtemp, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DeadLetterEntry, DeadLetterPage, DeadLetterStats } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
const execops = (...args: string[]) => runCli(live.server, ...args);

/** Fails `count` jobs of `jobType` for good (one attempt each) and returns their entries, newest first. */
async function deadLetter(jobType: string, count: number, message = 'order 5 is gone'): Promise<DeadLetterEntry[]> {
  await live.store.enqueueBatch('default', Array.from({ length: count }, () => ({ jobType, maxAttempts: 1 })));
  for (const lease of await live.store.claim({ workerId: 'cli-test', jobTypes: [jobType], limit: count, leaseSeconds: 30 })) {
    await live.store.fail({ ...lease, error: { code: 'gone', message, class: 'permanent', retryable: false } });
  }
  const listed = await execops('dlq', 'list', '--type', jobType, '--json');
  return DeadLetterPage.parse(JSON.parse(listed.stdout)).items;
}

describe('execops dlq', () => {
  it('lists with filter flags, shows one entry and the stats', async () => {
    const [entry] = await deadLetter('cli.dlq.list', 2);
    const table = await execops('dlq', 'list', '--type', 'cli.dlq.list', '--status', 'open', '--class', 'permanent', '--retryable', 'false', '--since', '1h');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(entry!.id);
    expect(table.stdout.match(/cli\.dlq\.list/g)).toHaveLength(2);
    const none = await execops('dlq', 'list', '--type', 'cli.dlq.list', '--status', 'resolved');
    expect(none.stdout).toBe('no dead-letter entries match\n');
    const shown = await execops('dlq', 'get', entry!.id);
    expect(shown.stdout).toMatch(/status\s+open/);
    expect(shown.stdout).toContain('gone (permanent): order 5 is gone');
    expect(shown.stdout).toContain('gone: order <n> is gone');
    const stats = DeadLetterStats.parse(JSON.parse((await execops('dlq', 'stats', '--json')).stdout));
    expect(stats.byJobType).toContainEqual({ jobType: 'cli.dlq.list', open: 2, total: 2 });
    expect((await execops('dlq', 'stats')).stdout).toMatch(/^open \d+ \(retryable \d+\), oldest /);
    const bad = await execops('dlq', 'list', '--status', 'lost');
    expect(bad.code).not.toBe(0);
  });

  it('replays and resolves one entry with reason and ticket, and reports the API refusal with its traceId', async () => {
    const [entry] = await deadLetter('cli.dlq.one', 1);
    const noReason = await execops('dlq', 'replay', entry!.id);
    expect(noReason.code).not.toBe(0);
    expect(noReason.stderr).toContain('--reason is required');
    const replayed = await execops('dlq', 'replay', entry!.id, '--reason', 'fixed', '--ticket', 'OPS-3', '--idempotency-key', 'k1');
    expect(replayed.stdout).toMatch(/^replayed .+: new job [0-9a-f-]{36} \(queued, priority -100\)\n$/);
    const again = await execops('dlq', 'replay', entry!.id, '--reason', 'fixed', '--idempotency-key', 'k1');
    expect(again.stdout).toContain('already replayed with this key');
    const resolved = await execops('dlq', 'resolve', entry!.id, '--note', 'customer informed', '--reason', 'done', '--ticket', 'OPS-3', '--json');
    expect(DeadLetterEntry.parse(JSON.parse(resolved.stdout)).resolution).toMatchObject({ note: 'customer informed', ticket: 'OPS-3' });
    const refused = await execops('dlq', 'resolve', entry!.id, '--note', 'again', '--reason', 'again');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/already resolved \(conflict, HTTP 409, traceId [0-9a-f]+\)/);
  });

  it('bulk-replays by filter after a dry run that needs no reason, and bulk-resolves by ids', async () => {
    const entries = await deadLetter('cli.dlq.bulk', 3);
    const dry = await execops('dlq', 'replay', '--type', 'cli.dlq.bulk', '--dry-run');
    expect(dry).toMatchObject({ code: 0, stdout: 'replay would apply to 3 of 3 selected entr(y/ies)\n' });
    const both = await execops('dlq', 'replay', entries[0]!.id, '--type', 'cli.dlq.bulk', '--reason', 'x');
    expect(both.stderr).toContain('one way only');
    const real = await execops('dlq', 'replay', '--type', 'cli.dlq.bulk', '--status', 'open', '--reason', 'upstream back');
    expect(real.stdout).toContain('replay: 3 entr(y/ies) changed');
    const ids = entries.slice(0, 2).map((e) => e.id);
    const resolved = await execops('dlq', 'resolve', '--id', ...ids, '--note', 'handled', '--reason', 'cleanup');
    expect(resolved.stdout).toContain('resolve: 2 entr(y/ies) changed');
    const statuses = DeadLetterPage.parse(JSON.parse((await execops('dlq', 'list', '--type', 'cli.dlq.bulk', '--json')).stdout)).items.map((e) => e.status);
    expect(statuses.sort()).toEqual(['replayed', 'resolved', 'resolved']);
  });

  it('exports the filtered entries to a file as NDJSON and CSV', async () => {
    await deadLetter('cli.dlq.export', 3, 'needs "quotes", commas');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'execops-dlq-'));
    const ndjson = path.join(dir, 'dlq.ndjson');
    const written = await execops('dlq', 'export', '--type', 'cli.dlq.export', '--format', 'ndjson', '--out', ndjson);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^wrote \d+ bytes of ndjson to /);
    const lines = (await readFile(ndjson, 'utf8')).trimEnd().split('\n').map((l) => DeadLetterEntry.parse(JSON.parse(l)));
    expect(lines).toHaveLength(3);
    expect(lines.every((e) => e.jobType === 'cli.dlq.export')).toBe(true);
    const csv = path.join(dir, 'dlq.csv');
    await execops('dlq', 'export', '--type', 'cli.dlq.export', '--out', csv);
    const text = await readFile(csv, 'utf8');
    expect(text.split('\r\n')[0]).toMatch(/^id,jobId,jobType,/);
    expect(text).toContain('"needs ""quotes"", commas"');
    const refused = await execops('dlq', 'export', '--text', 'x'.repeat(201), '--out', path.join(dir, 'no.csv'));
    expect(refused.stderr).toMatch(/validation_failed, HTTP 400, traceId/);
  });
});
