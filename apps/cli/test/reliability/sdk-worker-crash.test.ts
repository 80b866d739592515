import { fileURLToPath } from 'node:url';
import type { FaultPointName } from '@execops/contract/fault-points';
import { LeaseRescuer } from '@execops/engine';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordFigures } from '../../../../packages/engine/test/reliability/figures.ts';
import { reliabilityMode } from '../../../../packages/engine/test/reliability/reliability-mode.ts';
import { exitStatus, spawnNode } from '../../../../packages/engine/test/support/child-process.ts';
import { waitFor } from '../../../../packages/engine/test/support/wait.ts';
import { useLiveApi } from '../support/live-api.ts';
import { SDK_CRASH_JOB_TYPE, SDK_LEASE_SECONDS } from './sdk-crash-settings.ts';

const NODE = fileURLToPath(new URL('./sdk-worker-node.ts', import.meta.url));
const RESCUE_MS = 500;
const JOBS_PER_STAGE = 8;
const live = useLiveApi();
const mode = reliabilityMode();
/** SDK worker processes dying in turn: after a lease answer arrived, and after a handler returned but before its report. */
const stages: Array<[FaultPointName, number]> = Array.from({ length: mode.iterations }, (_, i): Array<[FaultPointName, number]> => [
  ['sdk-after-lease', i + 1],
  ['sdk-after-handler', i + 2],
]).flat();
let rescuer: LeaseRescuer;

beforeAll(() => {
  // The live API has no rescuer of its own; a server process runs one like this.
  rescuer = new LeaseRescuer(live.store, RESCUE_MS);
  rescuer.start();
});
afterAll(() => rescuer.stop());

it(`SDK workers SIGKILLed after a lease and before a report: every acknowledged job succeeds exactly once (${mode.name})`, async () => {
  const env = { SDK_SERVER_URL: live.server };
  const acknowledged: string[] = [];
  let killedAt = 0;
  for (const [point, hit] of stages) {
    const enqueued = await live.store.enqueueBatch('default', Array.from({ length: JOBS_PER_STAGE }, () => ({ jobType: SDK_CRASH_JOB_TYPE, payload: { ms: 200 } })));
    acknowledged.push(...enqueued.map((r) => r.job.id));
    const crashing = await spawnNode([NODE], { env: { ...env, EXECOPS_FAULT_POINT: `${point}:${hit}` }, ready: /ready/ });
    const ended = await waitFor(() => exitStatus(crashing), { timeoutMs: 30_000, description: `the worker to die at ${point}:${hit}` });
    expect(ended, crashing.output()).toEqual({ code: null, signal: 'SIGKILL' });
    killedAt = Date.now();
  }
  const recovering = await spawnNode([NODE], { env, ready: /ready/ });
  const readyAt = Date.now();
  try {
    await waitFor(
      async () => {
        const { rows } = await live.db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs WHERE id = ANY($1) AND state = 'succeeded'`, [acknowledged]);
        return rows[0]?.n === acknowledged.length;
      },
      { timeoutMs: 60_000, description: 'every acknowledged job to succeed' },
    );
  } finally {
    recovering.process.kill('SIGTERM');
    await recovering.exited;
  }
  const recoveredAt = Date.now();
  const { rows } = await live.db.pool.query<{ id: string; succeeded: number; expired: number; attempts: number }>(
    `SELECT job_id AS id, count(*) FILTER (WHERE outcome = 'succeeded')::int AS succeeded,
            count(*) FILTER (WHERE outcome = 'lease_expired')::int AS expired, count(*)::int AS attempts
       FROM job_attempts WHERE job_id = ANY($1) GROUP BY job_id`,
    [acknowledged],
  );
  expect(rows).toHaveLength(acknowledged.length);
  // Completed once; any other attempt is one a dead worker held until its lease expired (at-least-once).
  expect(rows.filter((r) => r.succeeded !== 1 || r.attempts !== r.succeeded + r.expired)).toEqual([]);
  // Lease and rescue, the jobs' work, and a generous allowance for a loaded machine.
  expect(recoveredAt - readyAt).toBeLessThanOrEqual(SDK_LEASE_SECONDS * 1000 + RESCUE_MS + acknowledged.length * 200 + 30_000);
  await recordFigures(`sdk-worker-crash-${mode.name}`, {
    stages: stages.map(([point, hit]) => `${point}:${hit}`),
    acknowledged: acknowledged.length,
    rescuedAttempts: rows.reduce((sum, r) => sum + r.expired, 0),
    killToRecoveredMs: recoveredAt - killedAt,
    readyToRecoveredMs: recoveredAt - readyAt,
    leaseSeconds: SDK_LEASE_SECONDS,
    rescueIntervalMs: RESCUE_MS,
  });
}, 60_000 + stages.length * 30_000);
