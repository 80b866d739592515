import { BulkJobsResponse, ChangePriorityResponse, ErrorEnvelope, ReplayJobResponse } from '@execops/contract';
import { DagResolver, PgStore } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const reason = { 'x-operator-reason': 'api test' };

async function enqueue(jobType: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: { jobType, ...extra } });
  expect(res.statusCode).toBe(201);
  return res.json().job.id;
}

async function cancel(id: string) {
  const res = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/cancel`, headers: reason });
  expect(res.statusCode).toBe(200);
}

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
}

describe('POST /api/v1/jobs/:id/replay', () => {
  it('creates the replay with 201, optionally with a priority', async () => {
    const id = await enqueue('api.replay');
    await cancel(id);
    const res = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/replay`, headers: reason });
    expect(res.statusCode).toBe(201);
    expect(ReplayJobResponse.parse(res.json())).toMatchObject({ replayOf: id, job: { state: 'queued', replayOf: id, priority: -100 } });
    const withPriority = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/replay`, headers: reason, payload: { priority: 3 } });
    expect(withPriority.json().job.priority).toBe(3);
  });

  it('answers 400 without a reason, 409 for an unfinished job, 404 for an unknown one', async () => {
    const id = await enqueue('api.replay-bad');
    expectError(await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/replay` }), 400, 'validation_failed');
    expectError(await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/replay`, headers: reason }), 409, 'conflict');
    const unknown = '0190a5c4-0000-7000-8000-000000000000';
    expectError(await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${unknown}/replay`, headers: reason }), 404, 'not_found');
    expectError(
      await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/replay`, headers: reason, payload: { priority: 'high' } }),
      400,
      'validation_failed',
    );
  });
});

describe('POST /api/v1/jobs/:id/replay with withDownstream', () => {
  const resolve = () => new DagResolver({ pool: fx.db.pool }).resolvePending();
  const stateOf = async (id: string) => (await fx.app.inject({ url: `/api/v1/jobs/${id}` })).json().state;
  const replay = (id: string, payload?: object) => fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/replay`, headers: reason, ...(payload ? { payload } : {}) });

  async function skippedChain(prefix: string) {
    const parent = await enqueue(`${prefix}.parent`);
    const child = await enqueue(`${prefix}.child`, { dependsOn: [parent] });
    await cancel(parent);
    await resolve();
    expect(await stateOf(child)).toBe('skipped');
    return { parent, child };
  }

  it('takes the original’s place: the skipped child goes back to blocked and is named in resetJobIds and the audit', async () => {
    const { parent, child } = await skippedChain('api.down');
    const res = await replay(parent, { withDownstream: true });
    expect(res.statusCode).toBe(201);
    const body = ReplayJobResponse.parse(res.json());
    expect(body).toMatchObject({ replayOf: parent, resetJobIds: [child], job: { state: 'queued', replayOf: parent } });
    expect(await stateOf(child)).toBe('blocked');
    const dag = (await fx.app.inject({ url: `/api/v1/jobs/${child}/dag` })).json();
    expect(dag.edges).toEqual([{ parent: body.job.id, child, onParentFailure: 'skip' }]);
    const audit = (await fx.app.inject({ url: `/api/v1/audit?targetId=${parent}&action=job.replay` })).json();
    expect(audit.items).toMatchObject([{ action: 'job.replay', after: { withDownstream: true, resetJobIds: [child], replayJobId: body.job.id } }]);
  });

  it('leaves the graph alone by default and for withDownstream false', async () => {
    for (const payload of [undefined, { withDownstream: false }]) {
      const { parent, child } = await skippedChain('api.nodown');
      const res = await replay(parent, payload);
      expect(res.statusCode).toBe(201);
      expect(ReplayJobResponse.parse(res.json()).resetJobIds).toEqual([]);
      expect(await stateOf(child)).toBe('skipped');
    }
  });

  it('rejects a non-boolean withDownstream with 400 and writes nothing', async () => {
    const { parent } = await skippedChain('api.baddown');
    expectError(await replay(parent, { withDownstream: 'yes' }), 400, 'validation_failed');
    const { rows } = await fx.db.pool.query('SELECT 1 FROM jobs WHERE replay_of = $1', [parent]);
    expect(rows).toEqual([]);
  });
});

describe('POST /api/v1/jobs/:id/priority', () => {
  it('changes a waiting job and rejects bad values', async () => {
    const id = await enqueue('api.prio');
    const res = await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/priority`, headers: reason, payload: { priority: -7 } });
    expect(ChangePriorityResponse.parse(res.json())).toMatchObject({ previousPriority: 0, job: { priority: -7 } });
    for (const payload of [{}, { priority: 5000 }, { priority: 1.5 }, { priority: 1, extra: true }]) {
      expectError(await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/priority`, headers: reason, payload }), 400, 'validation_failed');
    }
    await cancel(id);
    expectError(await fx.app.inject({ method: 'POST', url: `/api/v1/jobs/${id}/priority`, headers: reason, payload: { priority: 1 } }), 409, 'conflict');
  });
});

describe('POST /api/v1/jobs/bulk/*', () => {
  it('dry-runs and applies a bulk cancel by filter', async () => {
    for (let i = 0; i < 3; i++) await enqueue('api.bulk', { queue: 'bq' });
    const body = { filter: { jobType: 'api.bulk', state: ['queued'] } };
    const dry = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs/bulk/cancel', headers: reason, payload: { ...body, dryRun: true } });
    expect(BulkJobsResponse.parse(dry.json())).toEqual({ dryRun: true, selected: 3, matched: 3, affected: 0, results: [] });
    const real = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs/bulk/cancel', headers: reason, payload: body });
    expect(BulkJobsResponse.parse(real.json())).toMatchObject({ dryRun: false, matched: 3, affected: 3 });
    const audit = await fx.app.inject({ url: '/api/v1/audit?action=job.cancel' });
    expect(audit.json().items.filter((e: { after: { bulk?: boolean } }) => e.after.bulk)).toHaveLength(3);
  });

  it('dry-runs every bulk action without a reason, but refuses the real run without one', async () => {
    const waiting = await enqueue('api.bulk-dry');
    const finished = await enqueue('api.bulk-dry');
    await cancel(finished);
    const cases = [
      ['cancel', { ids: [waiting, finished] }, 1],
      ['replay', { ids: [waiting, finished] }, 1],
      ['priority', { filter: { jobType: 'api.bulk-dry' }, priority: 7 }, 1],
    ] as const;
    for (const [action, payload, matched] of cases) {
      const url = `/api/v1/jobs/bulk/${action}`;
      const dry = await fx.app.inject({ method: 'POST', url, payload: { ...payload, dryRun: true } });
      expect(dry.statusCode).toBe(200);
      expect(BulkJobsResponse.parse(dry.json())).toEqual({ dryRun: true, selected: 2, matched, affected: 0, results: [] });
      expectError(await fx.app.inject({ method: 'POST', url, payload }), 400, 'validation_failed');
      expectError(await fx.app.inject({ method: 'POST', url, payload: { ...payload, dryRun: false }, headers: { 'x-operator-reason': '' } }), 400, 'validation_failed');
    }
    const job = (await fx.app.inject({ url: `/api/v1/jobs/${waiting}` })).json();
    expect(job).toMatchObject({ state: 'queued', priority: 0 });
    const audit = await fx.app.inject({ url: `/api/v1/audit?targetType=job&targetId=${waiting}` });
    expect(audit.json().items).toEqual([]);
  });

  it('replays and reprioritizes by ids', async () => {
    const done = await enqueue('api.bulk-ids');
    await cancel(done);
    const waiting = await enqueue('api.bulk-ids');
    const replay = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs/bulk/replay', headers: reason, payload: { ids: [done, waiting] } });
    expect(BulkJobsResponse.parse(replay.json()).results.map((r) => r.outcome)).toEqual(['replayed', 'not_applicable']);
    const prio = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs/bulk/priority', headers: reason, payload: { ids: [waiting], priority: 4 } });
    expect(BulkJobsResponse.parse(prio.json()).results).toEqual([{ id: waiting, outcome: 'reprioritized', state: 'queued' }]);
  });

  it('rejects a selection that is not exactly one of ids or filter, and too many ids', async () => {
    const id = await enqueue('api.bulk-bad');
    const url = '/api/v1/jobs/bulk/cancel';
    for (const payload of [{}, { ids: [id], filter: {} }, { ids: [] }, { ids: ['nope'] }, { filter: { state: ['sleeping'] } }]) {
      expectError(await fx.app.inject({ method: 'POST', url, headers: reason, payload }), 400, 'validation_failed');
    }
    expectError(await fx.app.inject({ method: 'POST', url, payload: { ids: [id] } }), 400, 'validation_failed');
    expect((await fx.app.inject({ url: `/api/v1/jobs/${id}` })).json().state).toBe('queued');
  });

  it('answers 422 when a filter matches more than 5,000 jobs', async () => {
    const store = new PgStore({ pool: fx.db.pool });
    for (let i = 0; i < 6; i++) await store.enqueueBatch('default', Array.from({ length: 1000 }, () => ({ jobType: 'api.bulk-huge' })));
    const res = await fx.app.inject({ method: 'POST', url: '/api/v1/jobs/bulk/cancel', headers: reason, payload: { filter: { jobType: 'api.bulk-huge' } } });
    expectError(res, 422, 'too_many_jobs');
  });
});
