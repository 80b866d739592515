import { BulkDeadLetterResponse, DEAD_LETTER_CSV_COLUMNS, DeadLetterEntry, ErrorEnvelope } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppFixture, type AppFixture } from './app-fixture.ts';
import { deadLetterHelpers } from './dead-letter-fixture.ts';
import { insertGeneratedEntries } from './dead-letter-generated.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

const { post, failJobs, entryIds } = deadLetterHelpers(() => fx);
const operator = { 'x-operator-reason': 'bulk fix', 'x-operator-ticket': 'OPS-9' };
const missing = '0190a5c4-0000-7000-8000-000000000000';

function expectError(res: { statusCode: number; json(): unknown }, status: number, code: string) {
  expect(res.statusCode).toBe(status);
  expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
}

const statuses = async (jobType: string) =>
  (await fx.db.pool.query<{ status: string }>('SELECT status FROM dead_letter WHERE job_type = $1 ORDER BY status', [jobType])).rows.map((r) => r.status);
const auditCount = async (action: string, ids: string[]) =>
  (await fx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log WHERE action = $1 AND target_id = ANY($2)', [action, ids])).rows[0]?.n;

/** A minimal RFC 4180 reader: records of fields, honouring quotes, doubled quotes and line breaks inside quotes. */
function readCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ',') {
      record.push(field);
      field = '';
    } else if (!quoted && c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

describe('POST /api/v1/dead-letter/bulk/replay', () => {
  it('counts on a dry run without a reason, then replays each replayable entry by ids in one go, audited', async () => {
    await failJobs('api.dlq.bulk-replay', 3);
    const [a, b, resolved] = await entryIds('api.dlq.bulk-replay');
    expect((await post(`/dead-letter/${resolved}/resolve`, { note: 'gone' }, operator)).statusCode).toBe(200);
    const ids = [a!, b!, resolved!, missing];
    const dry = await post('/dead-letter/bulk/replay', { ids, dryRun: true });
    expect(BulkDeadLetterResponse.parse(dry.json())).toEqual({ dryRun: true, selected: 3, matched: 2, affected: 0, results: [] });
    expect(await statuses('api.dlq.bulk-replay')).toEqual(['open', 'open', 'resolved']);

    const res = await post('/dead-letter/bulk/replay', { ids, priority: -5 }, operator);
    const body = BulkDeadLetterResponse.parse(res.json());
    expect(body).toMatchObject({ dryRun: false, selected: 3, matched: 2, affected: 2 });
    expect(body.results).toMatchObject([
      { id: a, outcome: 'replayed', status: 'replayed', newJobId: expect.any(String) },
      { id: b, outcome: 'replayed', status: 'replayed' },
      { id: resolved, outcome: 'not_applicable', status: 'resolved' },
      { id: missing, outcome: 'not_found', status: null },
    ]);
    const { rows } = await fx.db.pool.query('SELECT priority, state FROM jobs WHERE id = $1', [body.results[0]?.newJobId]);
    expect(rows).toEqual([{ priority: -5, state: 'queued' }]);
    expect(await auditCount('deadletter.replay', [a!, b!, resolved!])).toBe(2);
  });

  it('replays by filter; answers 400 without a reason, with both or neither selection, or a bad filter', async () => {
    await failJobs('api.dlq.bulk-filter', 2);
    const filter = { jobType: 'api.dlq.bulk-filter', status: 'open' };
    expectError(await post('/dead-letter/bulk/replay', { filter }), 400, 'validation_failed');
    expectError(await post('/dead-letter/bulk/replay', { filter, ids: [missing] }, operator), 400, 'validation_failed');
    expectError(await post('/dead-letter/bulk/replay', {}, operator), 400, 'validation_failed');
    expectError(await post('/dead-letter/bulk/replay', { filter: { status: 'lost' } }, operator), 400, 'validation_failed');
    const res = BulkDeadLetterResponse.parse((await post('/dead-letter/bulk/replay', { filter }, operator)).json());
    expect(res).toMatchObject({ selected: 2, matched: 2, affected: 2 });
    expect(await statuses('api.dlq.bulk-filter')).toEqual(['replayed', 'replayed']);
    expect(BulkDeadLetterResponse.parse((await post('/dead-letter/bulk/replay', { filter, dryRun: true })).json())).toMatchObject({ selected: 0, matched: 0 });
  });

  it('refuses a filter matching more than 5,000 entries with 422 and changes nothing', async () => {
    await insertGeneratedEntries(fx.db, 'dlq-many', 'api.dlq.many', 5001);
    const headers = { ...operator, 'x-tenant': 'dlq-many' };
    const dry = BulkDeadLetterResponse.parse((await post('/dead-letter/bulk/resolve', { filter: {}, dryRun: true }, headers)).json());
    expect(dry).toMatchObject({ selected: 5001, matched: 5001, affected: 0 });
    expectError(await post('/dead-letter/bulk/resolve', { filter: {}, note: 'all of them' }, headers), 422, 'too_many_jobs');
    expectError(await post('/dead-letter/bulk/replay', { filter: { status: 'open' } }, headers), 422, 'too_many_jobs');
    expect(await statuses('api.dlq.many').then((s) => s.every((x) => x === 'open'))).toBe(true);
  });
});

describe('POST /api/v1/dead-letter/bulk/resolve', () => {
  it('resolves by filter with one note, skipping resolved entries; a note is required unless dryRun', async () => {
    await failJobs('api.dlq.bulk-resolve', 3);
    const [first] = await entryIds('api.dlq.bulk-resolve');
    await post(`/dead-letter/${first}/resolve`, { note: 'earlier' }, operator);
    const filter = { jobType: 'api.dlq.bulk-resolve' };
    expect(BulkDeadLetterResponse.parse((await post('/dead-letter/bulk/resolve', { filter, dryRun: true })).json())).toEqual({
      dryRun: true,
      selected: 3,
      matched: 2,
      affected: 0,
      results: [],
    });
    expectError(await post('/dead-letter/bulk/resolve', { filter }, operator), 400, 'validation_failed');
    expectError(await post('/dead-letter/bulk/resolve', { filter, note: 'fixed upstream' }), 400, 'validation_failed');
    const res = BulkDeadLetterResponse.parse((await post('/dead-letter/bulk/resolve', { filter, note: 'fixed upstream' }, operator)).json());
    expect(res).toMatchObject({ selected: 3, matched: 2, affected: 2 });
    expect(res.results.every((r) => r.outcome === 'resolved')).toBe(true);
    const { rows } = await fx.db.pool.query('SELECT resolution_note, resolution_ticket FROM dead_letter WHERE job_type = $1 AND id <> $2', ['api.dlq.bulk-resolve', first]);
    expect(rows).toEqual([
      { resolution_note: 'fixed upstream', resolution_ticket: 'OPS-9' },
      { resolution_note: 'fixed upstream', resolution_ticket: 'OPS-9' },
    ]);
    const byIds = BulkDeadLetterResponse.parse((await post('/dead-letter/bulk/resolve', { ids: [first!, missing], note: 'again' }, operator)).json());
    expect(byIds).toMatchObject({ selected: 1, matched: 0, affected: 0, results: [{ id: first, outcome: 'not_applicable', status: 'resolved' }, { id: missing, outcome: 'not_found' }] });
  });
});

describe('GET /api/v1/dead-letter/export', () => {
  const tenant = 'dlq-export';
  const total = 12_000;
  beforeAll(async () => insertGeneratedEntries(fx.db, tenant, 'api.dlq.export', total));
  const download = (query: string) => fx.app.inject({ url: `/api/v1/dead-letter/export?${query}`, headers: { 'x-tenant': tenant } });

  it('streams every entry as CSV with the contract columns and RFC 4180 quoting, as a named download', async () => {
    const res = await download('format=csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-length']).toBeUndefined();
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="dead-letter-dlq-export-\d{4}-\d{2}-\d{2}T[\d-]+Z\.csv"$/);
    const [header, ...records] = readCsv(res.body);
    expect(header).toEqual([...DEAD_LETTER_CSV_COLUMNS]);
    expect(records).toHaveLength(total);
    expect(records.every((r) => r.length === DEAD_LETTER_CSV_COLUMNS.length)).toBe(true);
    const message = DEAD_LETTER_CSV_COLUMNS.indexOf('errorMessage');
    expect(records[999]?.[message]).toBe('row 1000, "quoted"\nsecond line');
    expect(records[0]?.[message]).toBe('row 1');
  });

  it('streams a JSON array and NDJSON of entries, honouring the filters', async () => {
    const json = await download('format=json');
    expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
    const entries = DeadLetterEntry.array().parse(json.json());
    expect(entries).toHaveLength(total);
    expect(entries[0]?.error.message).toBe('row 1');
    const ndjson = await download('format=ndjson&text=row%2011');
    expect(ndjson.headers['content-disposition']).toMatch(/\.ndjson"$/);
    const lines = ndjson.body.trimEnd().split('\n').map((line) => DeadLetterEntry.parse(JSON.parse(line)));
    expect(lines.map((e) => e.error.message).every((m) => m.startsWith('row 11'))).toBe(true);
    expect(lines).toHaveLength(1 + 10 + 100 + 1000); // row 11, 110–119, 1100–1199, 11000–11999
    const none = await download('format=json&status=resolved');
    expect(none.json()).toEqual([]);
  });

  it('answers 400 for an unknown format or filter', async () => {
    expectError(await download('format=xml'), 400, 'validation_failed');
    expectError(await download('format=csv&class=nope'), 400, 'validation_failed');
  });
});
