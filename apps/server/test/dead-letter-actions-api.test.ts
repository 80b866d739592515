import { DeadLetterEntry, DeadLetterEntryDetail, ErrorEnvelope, ReplayDeadLetterResponse } from '@execops/contract';
import { currentCursor, readEvents } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';
import { deadLetterHelpers } from './dead-letter-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const { post, failJobs, entryIds } = deadLetterHelpers(() => fx);
const operator = { 'x-operator-reason': 'upstream fixed', 'x-operator-ticket': 'OPS-7' };

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
}

async function oneEntry(jobType: string): Promise<{ jobId: string; entryId: string }> {
  const [jobId] = await failJobs(jobType, 1);
  const [entryId] = await entryIds(jobType);
  return { jobId: jobId!, entryId: entryId! };
}

const count = async (sql: string, params: unknown[]) => (await fx.db.pool.query<{ n: number }>(sql, params)).rows[0]?.n;
const auditOf = async (targetId: string) =>
  (await fx.db.pool.query('SELECT action, target_type, reason, ticket, actor, after FROM audit_log WHERE target_id = $1 ORDER BY id', [targetId])).rows;
const eventsOf = async (entryId: string) =>
  (await fx.db.pool.query<{ type: string }>('SELECT type FROM events WHERE subject_id = $1 ORDER BY id', [entryId])).rows.map((r) => r.type);

describe('POST /api/v1/dead-letter/:id/replay', () => {
  it('creates a new job ahead of the failed one and records it on the entry, audited, with its event', async () => {
    const { jobId, entryId } = await oneEntry('api.dlq.replay');
    const res = await post(`/dead-letter/${entryId}/replay`, undefined, operator);
    expect(res.statusCode).toBe(201);
    const { entry, job, created } = ReplayDeadLetterResponse.parse(res.json());
    expect(created).toBe(true);
    expect(job).toMatchObject({ jobType: 'api.dlq.replay', state: 'queued', replayOf: jobId, priority: -100, attempt: 0 });
    expect(entry).toMatchObject({ id: entryId, status: 'replayed', replayedJobIds: [job.id] });
    expect(await auditOf(entryId)).toMatchObject([
      { action: 'deadletter.replay', target_type: 'deadletter', reason: 'upstream fixed', ticket: 'OPS-7', actor: 'admin', after: { replayJobId: job.id } },
    ]);
    expect(await auditOf(jobId)).toMatchObject([{ action: 'job.replay', after: { replayJobId: job.id, deadLetterEntryId: entryId } }]);
    expect(await eventsOf(entryId)).toEqual(['deadletter.created', 'deadletter.replayed']);
    const withPriority = await post(`/dead-letter/${entryId}/replay`, { priority: 7 }, operator);
    expect(withPriority.statusCode).toBe(201);
    expect(ReplayDeadLetterResponse.parse(withPriority.json()).entry.replayedJobIds).toEqual([job.id, withPriority.json().job.id]);
    expect(withPriority.json().job.priority).toBe(7);
    const detail = DeadLetterEntryDetail.parse((await fx.app.inject({ url: `/api/v1/dead-letter/${entryId}` })).json());
    expect(detail.replays).toMatchObject([
      { jobId: job.id, state: 'queued', by: 'admin', reason: 'upstream fixed', ticket: 'OPS-7' },
      { jobId: withPriority.json().job.id, state: 'queued' },
    ]);
  });

  it('returns the same job for the same Idempotency-Key and writes nothing more', async () => {
    const { jobId, entryId } = await oneEntry('api.dlq.idem');
    const headers = { ...operator, 'idempotency-key': 'click-1' };
    const first = await post(`/dead-letter/${entryId}/replay`, undefined, headers);
    expect(first.statusCode).toBe(201);
    const again = await post(`/dead-letter/${entryId}/replay`, undefined, headers);
    expect(again.statusCode).toBe(200);
    expect(ReplayDeadLetterResponse.parse(again.json())).toMatchObject({ created: false, job: { id: first.json().job.id }, entry: { replayedJobIds: [first.json().job.id] } });
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE replay_of = $1', [jobId])).toBe(1);
    expect(await auditOf(entryId)).toHaveLength(1);
    expect(await eventsOf(entryId)).toEqual(['deadletter.created', 'deadletter.replayed']);
    const otherKey = await post(`/dead-letter/${entryId}/replay`, undefined, { ...operator, 'idempotency-key': 'click-2' });
    expect(otherKey.statusCode).toBe(201);
    expect(otherKey.json().job.id).not.toBe(first.json().job.id);
  });

  it('replays once when two requests with the same key race', async () => {
    const { jobId, entryId } = await oneEntry('api.dlq.idem-race');
    const headers = { ...operator, 'idempotency-key': 'double-click' };
    const answers = await Promise.all([1, 2, 3].map(() => post(`/dead-letter/${entryId}/replay`, undefined, headers)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 201]);
    expect(new Set(answers.map((a) => a.json().job.id)).size).toBe(1);
    expect(await count('SELECT count(*)::int AS n FROM jobs WHERE replay_of = $1', [jobId])).toBe(1);
  });

  it('answers 400 without a reason or with a bad body, 404 for an unknown entry, 409 once resolved or when the job was pruned', async () => {
    const { entryId } = await oneEntry('api.dlq.replay-bad');
    expectError(await post(`/dead-letter/${entryId}/replay`, undefined), 400, 'validation_failed');
    expectError(await post(`/dead-letter/${entryId}/replay`, { priority: 'high' }, operator), 400, 'validation_failed');
    expectError(await post(`/dead-letter/${entryId}/replay`, { bogus: 1 }, operator), 400, 'validation_failed');
    expectError(await post('/dead-letter/0190a5c4-0000-7000-8000-000000000000/replay', undefined, operator), 404, 'not_found');
    expect((await post(`/dead-letter/${entryId}/resolve`, { note: 'known issue' }, operator)).statusCode).toBe(200);
    expectError(await post(`/dead-letter/${entryId}/replay`, undefined, operator), 409, 'conflict');

    const pruned = await oneEntry('api.dlq.replay-pruned');
    await fx.db.pool.query('DELETE FROM jobs WHERE id = $1', [pruned.jobId]);
    expectError(await post(`/dead-letter/${pruned.entryId}/replay`, undefined, operator), 409, 'conflict');
    expect(await auditOf(pruned.entryId)).toEqual([]);
  });
});

describe('POST /api/v1/dead-letter/:id/resolve', () => {
  it('resolves with the note, the ticket and the operator; audited; then refuses with 409', async () => {
    const { entryId } = await oneEntry('api.dlq.resolve');
    const res = await post(`/dead-letter/${entryId}/resolve`, { note: '  customer deleted the order  ' }, operator);
    expect(res.statusCode).toBe(200);
    const entry = DeadLetterEntry.parse(res.json());
    expect(entry).toMatchObject({ status: 'resolved', resolution: { note: 'customer deleted the order', ticket: 'OPS-7', by: 'admin' } });
    expect(await auditOf(entryId)).toMatchObject([{ action: 'deadletter.resolve', reason: 'upstream fixed', ticket: 'OPS-7', after: { note: 'customer deleted the order' } }]);
    expect(await eventsOf(entryId)).toEqual(['deadletter.created', 'deadletter.resolved']);
    expectError(await post(`/dead-letter/${entryId}/resolve`, { note: 'again' }, operator), 409, 'conflict');
    expect(await auditOf(entryId)).toHaveLength(1);
  });

  it('answers 400 without a note or a reason, 404 for an unknown entry', async () => {
    const { entryId } = await oneEntry('api.dlq.resolve-bad');
    expectError(await post(`/dead-letter/${entryId}/resolve`, { note: '   ' }, operator), 400, 'validation_failed');
    expectError(await post(`/dead-letter/${entryId}/resolve`, {}, operator), 400, 'validation_failed');
    expectError(await post(`/dead-letter/${entryId}/resolve`, { note: 'x' }), 400, 'validation_failed');
    expectError(await post(`/dead-letter/${entryId}/resolve`, { note: 'x'.repeat(2001) }, operator), 400, 'validation_failed');
    expectError(await post('/dead-letter/0190a5c4-0000-7000-8000-000000000000/resolve', { note: 'x' }, operator), 404, 'not_found');
    expect((await fx.app.inject({ url: `/api/v1/dead-letter/${entryId}` })).json().status).toBe('open');
  });
});

describe('live events', () => {
  it('puts created, replayed and resolved on the deadletter topic of the stream, with the entry as subject', async () => {
    const from = await currentCursor(fx.db.pool);
    const { jobId, entryId } = await oneEntry('api.dlq.events');
    await post(`/dead-letter/${entryId}/replay`, undefined, operator);
    await post(`/dead-letter/${entryId}/resolve`, { note: 'done' }, operator);
    const events = (await readEvents(fx.db.pool, from, 500)).filter((e) => e.topic === 'deadletter');
    expect(events.map((e) => [e.type, e.subjectId, e.tenant])).toEqual([
      ['deadletter.created', entryId, 'default'],
      ['deadletter.replayed', entryId, 'default'],
      ['deadletter.resolved', entryId, 'default'],
    ]);
    expect(events[0]?.data).toMatchObject({ jobId, jobType: 'api.dlq.events', code: 'bad_input' });
  });
});
