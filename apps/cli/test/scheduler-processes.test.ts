import { spawn, type ChildProcess } from 'node:child_process';
import { RunPage, Schedule, type Run } from '@execops/contract';
import { createTestDatabase, databaseTargets, TEST_ADMIN_TOKEN, type TestDatabase } from '@execops/engine/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../packages/engine/test/support/wait.ts';
import { CLI } from './support/live-api.ts';

const LEASE_SECONDS = 3;
const reason = { 'content-type': 'application/json', 'x-operator-reason': 'multi-process scheduler test' };

interface Node {
  child: ChildProcess;
  url: string;
  exited: Promise<void>;
}

/** `execops start --no-workers` on a free port against the shared database; resolves once it printed its URL. */
function startNode(databaseUrl: string): Promise<Node> {
  const child = spawn(process.execPath, [CLI, 'start', '--no-workers', '--port', '0', '--database-url', databaseUrl], {
    env: { ...process.env, EXECOPS_SCHEDULER_LEASE_SECONDS: String(LEASE_SECONDS), EXECOPS_LOG_LEVEL: 'warn', EXECOPS_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /API\s+(http:\/\/[\d.]+:\d+)\/api\/v1/.exec(output);
      if (match?.[1]) resolve({ child, url: match[1], exited });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    void exited.then(() => reject(new Error(`execops start exited before it was up:\n${output}`)));
  });
}

async function api<T>(node: Node, path: string, parse: (body: unknown) => T, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${node.url}/api/v1${path}`, { ...init, headers: { ...init.headers, authorization: `Bearer ${TEST_ADMIN_TOKEN}` } });
  const body: unknown = await response.json();
  if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(body)}`);
  return parse(body);
}

describe('scheduler across three server processes on one PostgreSQL', () => {
  let db: TestDatabase;
  const nodes: Node[] = [];

  beforeAll(async () => {
    const targets = databaseTargets();
    db = await createTestDatabase(targets.at(-1)!);
    nodes.push(...(await Promise.all([0, 1, 2].map(() => startNode(db.connectionString)))));
  }, 60_000);

  afterAll(async () => {
    for (const node of nodes) if (node.child.exitCode === null && node.child.signalCode === null) node.child.kill('SIGTERM');
    await Promise.all(nodes.map((n) => n.exited));
    await db?.drop();
  }, 30_000);

  it('fires an every-second schedule exactly once per slot while the leader is killed and another takes over', async () => {
    const [first] = nodes as [Node];
    const schedule = await api(first, '/schedules', Schedule.parse, {
      method: 'POST',
      headers: reason,
      body: JSON.stringify({ name: 'every-second', cron: '* * * * * *', target: { kind: 'job', job: { jobType: 'mp.tick' } } }),
    });
    const runs = (node: Node) => api(node, `/runs?scheduleId=${schedule.id}&limit=500`, (b) => RunPage.parse(b).items);
    await waitFor(async () => (await runs(first)).length >= 3, { timeoutMs: 15_000, description: 'the first three runs' });

    const leaderRow = async () => (await db.pool.query<{ holder: string; term: string }>('SELECT holder, term FROM scheduler_leader')).rows[0];
    const before = await leaderRow();
    const leaderPid = Number(/:(\d+):[0-9a-f-]{36}$/.exec(before?.holder ?? '')?.[1]);
    const leader = nodes.find((n) => n.child.pid === leaderPid);
    expect(leader, `leader ${before?.holder} is one of our processes`).toBeDefined();
    leader?.child.kill('SIGKILL');
    await leader?.exited;
    const killedAt = Date.now();

    const after = await waitFor(async () => {
      const row = await leaderRow();
      return row && row.holder !== before?.holder ? row : undefined;
    }, { timeoutMs: (LEASE_SECONDS + 10) * 1000, description: 'another process to take the lease over' });
    expect(Number(after.term)).toBe(Number(before?.term) + 1);
    const survivor = nodes.find((n) => n !== leader) as Node;
    await waitFor(async () => (await runs(survivor)).some((r) => new Date(r.fireAt ?? 0).getTime() > killedAt + LEASE_SECONDS * 1000 + 2000), {
      timeoutMs: 15_000,
      description: 'runs fired by the new leader',
    });
    await api(survivor, `/schedules/${schedule.id}/disable`, Schedule.parse, { method: 'POST', headers: reason });

    const fired = (await runs(survivor)).map((r: Run) => {
      expect(r.progress.total).toBe(1);
      return new Date(r.fireAt ?? 0).getTime();
    });
    fired.sort((a, b) => a - b);
    expect(new Set(fired).size).toBe(fired.length);
    // The new leader fires the slots missed during the takeover (they are within the misfire grace): no gaps at all.
    const gaps = fired.slice(1).map((t, i) => t - (fired[i] as number)).filter((d) => d !== 1000);
    expect(gaps).toEqual([]);
    const { rows } = await db.pool.query<{ jobs: number; runs: number }>(
      `SELECT count(*)::int AS jobs, count(DISTINCT run_id)::int AS runs FROM jobs WHERE job_type = 'mp.tick'`,
    );
    expect(rows[0]).toEqual({ jobs: fired.length, runs: fired.length });
  }, 60_000);
});
