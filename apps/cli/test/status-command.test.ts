import { Overview } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
const execops = (...args: string[]) => runCli(live.server, ...args);

describe('execops status', () => {
  it('prints every area with its status, and the reasons with the console page that shows them', async () => {
    await live.store.enqueueBatch('cli-status', Array.from({ length: 12 }, () => ({ jobType: 'cli.status', maxAttempts: 1 })));
    for (const lease of await live.store.claim({ workerId: 'cli-test', jobTypes: ['cli.status'], limit: 12, leaseSeconds: 30 })) {
      await live.store.fail({ ...lease, error: { code: 'gone', message: 'order 5 is gone', class: 'permanent', retryable: false } });
    }
    const table = await execops('--tenant', 'cli-status', 'status');
    expect(table.code).toBe(0);
    // No worker is registered on this server: nothing claims jobs.
    expect(table.stdout).toMatch(/^tenant cli-status: BLOCKING\n/);
    expect(table.stdout).toMatch(/Dead-Letter\s+DEGRADED\s+12 open entries to replay or resolve/);
    expect(table.stdout).toMatch(/Scanner\s+INFO\s+No scanner data: no offline kit imported/);
    expect(table.stdout).toMatch(/DEGRADED\s+Dead-Letter\s+12 open entries \(warn at 10\)\s+\/ops\/operations\/dead-letter\/queue\?status=open/);
    expect(table.stdout).toMatch(/BLOCKING\s+Worker fleet\s+No active worker: nothing claims jobs \(none registered\)\s+-/);

    const json = Overview.parse(JSON.parse((await execops('--tenant', 'cli-status', 'status', '--json')).stdout));
    expect(json.areas.find((a) => a.area === 'deadLetter')?.status).toBe('DEGRADED');
  });
});
