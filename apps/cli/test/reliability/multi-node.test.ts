import { RunPage, Schedule, SchedulerStatus, type Run } from '@execops/contract';
import { createTestDatabase, databaseTargets, TEST_ADMIN_TOKEN, type TestDatabase } from '@execops/engine/testing';
import { Worker } from '@execops/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures } from '../../../../packages/engine/test/reliability/figures.ts';
import { reliabilityMode } from '../../../../packages/engine/test/reliability/reliability-mode.ts';
import { spawnNode, type Child } from '../../../../packages/engine/test/support/child-process.ts';
import { waitFor } from '../../../../packages/engine/test/support/wait.ts';
import { CLI } from '../support/live-api.ts';
import { openEventStream, type OpenStream } from './event-stream-client.ts';
import { ProtocolClient } from './protocol-client.ts';

const SCHEDULER_LEASE_SECONDS = 3;
const WORKER_LEASE_SECONDS = 3;
const TICK = 'mn.tick';
const WORK = 'mn.work';
const reason = { 'x-operator-reason': 'multi-node reliability test' };
const mode = reliabilityMode();
/** Cron slots fired after the takeover before the schedule is disabled: a few in smoke mode, a minute in full. */
const SLOTS_AFTER_TAKEOVER = mode.full ? 60 : 3;

interface ServerNode {
  child: Child;
  client: ProtocolClient;
  worker: Worker;
  stream: OpenStream;
}

/** `execops start` (in-process workers on) against the shared database; the scheduler lease is short. */
async function startNode(databaseUrl: string, index: number): Promise<ServerNode> {
  const child = await spawnNode([CLI, 'start', '--port', '0', '--database-url', databaseUrl], {
    env: { EXECOPS_SCHEDULER_LEASE_SECONDS: String(SCHEDULER_LEASE_SECONDS), EXECOPS_LOG_LEVEL: 'silent', EXECOPS_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    ready: /API\s+(http:\/\/\S+)\/api\/v1/,
  });
  const client = new ProtocolClient(child.ready[1] as string);
  // One SDK worker per node, talking to that node only; its handlers say which worker ran the job.
  const worker = new Worker({ url: client.url, token: TEST_ADMIN_TOKEN, name: `sdk-${index}`, leaseSeconds: WORKER_LEASE_SECONDS, pollWaitMs: 500 });
  worker.register(TICK, () => ({ worker: index }));
  worker.register(WORK, () => ({ worker: index }));
  await worker.start();
  return { child, client, worker, stream: await openEventStream(client.url, 'jobs') };
}

describe(`three server processes and three SDK workers on one PostgreSQL (${mode.name})`, () => {
  let db: TestDatabase;
  const nodes: ServerNode[] = [];

  beforeAll(async () => {
    db = await createTestDatabase(databaseTargets().at(-1)!);
    nodes.push(...(await Promise.all([0, 1, 2].map((i) => startNode(db.connectionString, i)))));
  }, 120_000);

  afterAll(async () => {
    for (const node of nodes) {
      node.stream.close();
      await node.worker.stop();
      if (node.child.process.exitCode === null && node.child.process.signalCode === null) node.child.process.kill('SIGTERM');
      await node.child.exited;
    }
    await db?.drop();
  }, 60_000);

  it('an SSE client on any node sees the events of jobs enqueued on every node', async () => {
    const ids = await Promise.all(nodes.map((node) => node.client.enqueue(WORK)));
    for (const [i, node] of nodes.entries()) {
      await waitFor(() => ids.every((id) => node.stream.events.some((e) => e.subjectId === id && e.type === 'job.succeeded')), {
        timeoutMs: 20_000,
        description: `node ${i}'s stream to carry every job's job.succeeded`,
      });
      for (const id of ids) expect(node.stream.events.some((e) => e.subjectId === id && e.type === 'job.enqueued'), `node ${i} saw ${id} enqueued`).toBe(true);
    }
  }, 30_000);

  it('fires an every-second schedule exactly once per slot across a SIGKILL of the leader; every fired job succeeds once; survivors keep streaming each other', async () => {
    const [first] = nodes as [ServerNode];
    const schedule = Schedule.parse(await first.client.post('/schedules', { name: 'every-second', cron: '* * * * * *', target: { kind: 'job', job: { jobType: TICK } } }, reason));
    const runs = async (node: ServerNode): Promise<Run[]> => RunPage.parse((await node.client.get(`/runs?scheduleId=${schedule.id}&limit=500`)).body).items;
    await waitFor(async () => (await runs(first)).length >= 3, { timeoutMs: 20_000, description: 'the first three runs' });

    const status = SchedulerStatus.parse((await first.client.get('/scheduler/status')).body);
    const holder = status.leader?.holder ?? '';
    const leader = nodes.find((n) => n.child.process.pid === Number(/:(\d+):[0-9a-f-]{36}$/.exec(holder)?.[1]));
    if (!leader) throw new Error(`leader ${holder} is none of our processes`);
    leader.child.process.kill('SIGKILL');
    await leader.child.exited;
    const killedAt = Date.now();
    const survivors = nodes.filter((n) => n !== leader);

    const takeover = await waitFor(
      async () => {
        const now = SchedulerStatus.parse((await survivors[0]!.client.get('/scheduler/status')).body);
        return now.leader && now.leader.holder !== holder && now.leader.live ? now.leader : undefined;
      },
      { timeoutMs: (SCHEDULER_LEASE_SECONDS + 15) * 1000, description: 'a survivor to take the scheduler lease over' },
    );
    const takeoverMs = Date.now() - killedAt;
    expect(takeover.term).toBe((status.leader?.term ?? 0) + 1);
    await waitFor(async () => (await runs(survivors[0]!)).filter((r) => new Date(r.fireAt ?? 0).getTime() > killedAt + takeoverMs).length >= SLOTS_AFTER_TAKEOVER, {
      timeoutMs: SLOTS_AFTER_TAKEOVER * 1000 + 20_000,
      description: `${SLOTS_AFTER_TAKEOVER} runs fired by the new leader`,
    });
    await survivors[0]!.client.post(`/schedules/${schedule.id}/disable`, {}, reason);

    const fired = (await runs(survivors[0]!)).map((r) => new Date(r.fireAt ?? 0).getTime()).sort((a, b) => a - b);
    expect(new Set(fired).size).toBe(fired.length);
    // The slots missed during the takeover are within the misfire grace, so the new leader fires them: no gaps.
    expect(fired.slice(1).map((t, i) => t - (fired[i] as number)).filter((d) => d !== 1000)).toEqual([]);

    // Every fired job succeeds exactly once, those the dead node's SDK worker held after their lease ran out.
    await waitFor(
      async () => (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE job_type = $1 AND state <> 'succeeded'`, [TICK])).rows[0]?.n === 0,
      { timeoutMs: (WORKER_LEASE_SECONDS + 5) * 1000 * 4, description: 'every cron job to succeed' },
    );
    const { rows } = await db.pool.query<{ jobs: number; runs: number; succeeded: number; workers: number }>(
      `SELECT count(*)::int AS jobs, count(DISTINCT run_id)::int AS runs,
              (SELECT count(*)::int FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE j.job_type = $1 AND a.outcome = 'succeeded') AS succeeded,
              count(DISTINCT result->>'worker')::int AS workers
         FROM jobs WHERE job_type = $1`,
      [TICK],
    );
    expect(rows[0]).toMatchObject({ jobs: fired.length, runs: fired.length, succeeded: fired.length });

    // The survivors' streams carry each other's jobs after the kill.
    const ids = await Promise.all(survivors.map((node) => node.client.enqueue(WORK)));
    for (const node of survivors) {
      await waitFor(() => ids.every((id) => node.stream.events.some((e) => e.subjectId === id && e.type === 'job.succeeded')), {
        timeoutMs: 20_000,
        description: 'the survivors to stream each other’s jobs',
      });
    }
    await recordFigures(`multi-node-${mode.name}`, {
      cronSlots: fired.length,
      sdkWorkersThatRanTicks: rows[0]?.workers,
      leaderKilledToTakeoverMs: takeoverMs,
      schedulerLeaseSeconds: SCHEDULER_LEASE_SECONDS,
      eventsSeenPerNode: nodes.map((n) => n.stream.events.length),
    });
  }, 180_000);
});
