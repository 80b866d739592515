import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LeasedJob } from '@execops/contract';
import { TEST_ADMIN_TOKEN } from '@execops/engine/testing';
import { Worker } from '@execops/worker';
import { afterEach, expect, it } from 'vitest';
import { killGroup, spawnNode, type Child } from '../../../../packages/engine/test/support/child-process.ts';
import { recordFigures } from '../../../../packages/engine/test/reliability/figures.ts';
import { waitFor } from '../../../../packages/engine/test/support/wait.ts';
import { CLI } from '../support/live-api.ts';
import { ProtocolClient } from './protocol-client.ts';

const JOB_TYPE = 'crash.server';
const LEASE_SECONDS = 2;
/** The server's rescuer interval (apps/server/src/start.ts). */
const SERVER_RESCUE_MS = 5_000;
/** Enough traffic that the kill lands mid-stream; below the listing's page of 500. */
const ENQUEUE_TARGET = 250;
const COMPLETE_TARGET = 60;
/** A lease to run out and a rescue pass, plus a generous allowance for a loaded two-core machine. */
const RECOVERY_BOUND_MS = LEASE_SECONDS * 1000 + SERVER_RESCUE_MS + 30_000;

const children: Child[] = [];
const folders: string[] = [];

afterEach(async () => {
  for (const child of children.splice(0)) killGroup(child);
  for (const dir of folders.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** `execops start` on the embedded PostgreSQL in its own process group, so a group kill takes PostgreSQL down too. */
async function startServerProcess(dataDir: string): Promise<{ child: Child; client: ProtocolClient }> {
  const child = await spawnNode([CLI, 'start', '--port', '0', '--data-dir', dataDir, '--no-workers'], {
    env: { DATABASE_URL: '', EXECOPS_LOG_LEVEL: 'silent', EXECOPS_ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    ready: /API\s+(http:\/\/\S+)\/api\/v1/,
    detached: true,
  });
  children.push(child);
  return { child, client: new ProtocolClient(child.ready[1] as string) };
}

it('kill -9 of the whole server (with its embedded PostgreSQL) mid-traffic loses no acknowledged enqueue or completion', async () => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'execops-crash-'));
  folders.push(dataDir);
  const first = await startServerProcess(dataDir);
  const workerId = await first.client.register([JOB_TYPE]);

  // Four producers and one consumer hammer the server; only answered calls count as acknowledged.
  const enqueued: string[] = [];
  const completed: string[] = [];
  let leasedAtKill: LeasedJob[] = [];
  let traffic = true;
  const trafficErrors: unknown[] = [];
  // Calls in flight at the kill fail (they were never acknowledged); a failure before it is the test's.
  const untilKilled = (loop: Promise<void>) => loop.catch((error: unknown) => void (traffic && trafficErrors.push(error)));
  const producers = [0, 1, 2, 3].map(() =>
    untilKilled(
      (async () => {
        while (traffic) enqueued.push(await first.client.enqueue(JOB_TYPE));
      })(),
    ),
  );
  const consumer = untilKilled(
    (async () => {
      while (traffic) {
        leasedAtKill = await first.client.lease(workerId, [JOB_TYPE], LEASE_SECONDS);
        for (const job of leasedAtKill) {
          await first.client.complete(job);
          completed.push(job.jobId);
        }
      }
    })(),
  );
  await waitFor(() => enqueued.length >= ENQUEUE_TARGET && completed.length >= COMPLETE_TARGET, {
    timeoutMs: 60_000,
    description: 'traffic before the kill',
  });
  // No new calls from here on; the ones in flight meet the kill.
  traffic = false;
  killGroup(first.child);
  const killed = await first.child.exited;
  await Promise.all([...producers, consumer]);
  expect(trafficErrors).toEqual([]);
  expect(killed.signal).toBe('SIGKILL');

  const second = await startServerProcess(dataDir);
  const readyAt = Date.now();
  const known = new Map((await second.client.jobsOfType(JOB_TYPE)).map((j) => [j.id, j.state]));
  expect(enqueued.filter((id) => !known.has(id)), 'acknowledged enqueues missing after the restart').toEqual([]);
  expect(completed.filter((id) => known.get(id) !== 'succeeded'), 'acknowledged completions not succeeded').toEqual([]);

  // An SDK worker finishes the rest: queued jobs at once, the jobs leased at the kill once their lease expired.
  const worker = new Worker({ url: second.client.url, token: TEST_ADMIN_TOKEN, leaseSeconds: LEASE_SECONDS, pollWaitMs: 500 });
  worker.register(JOB_TYPE, () => ({ ok: true }));
  await worker.start();
  try {
    await waitFor(async () => (await second.client.jobsOfType(JOB_TYPE)).every((j) => j.state === 'succeeded'), {
      timeoutMs: RECOVERY_BOUND_MS,
      description: 'every job to succeed after the restart',
    });
  } finally {
    await worker.stop();
  }
  const recoveredMs = Date.now() - readyAt;
  // Completed exactly once: one succeeded attempt each, and a job completed before the kill was never run again.
  const completedBefore = new Set(completed);
  for (const id of enqueued) {
    const job = await second.client.job(id);
    const succeeded = job?.attempts.filter((a) => a.outcome === 'succeeded') ?? [];
    expect(succeeded, id).toHaveLength(1);
    if (completedBefore.has(id)) expect(job?.attempts, id).toHaveLength(1);
  }
  expect(recoveredMs).toBeLessThanOrEqual(RECOVERY_BOUND_MS);
  await recordFigures('server-crash', {
    acknowledgedEnqueues: enqueued.length,
    acknowledgedCompletions: completed.length,
    leasedAtKill: leasedAtKill.length,
    unacknowledgedEnqueuesCommitted: known.size - enqueued.length,
    restartReadyToAllSucceededMs: recoveredMs,
  });
}, 180_000);
