import { describe, expect, it } from 'vitest';
import { bulkSelectionOf, dryRunSummary, outcomeSummary } from '../src/features/dead-letter/dead-letter-bulk.ts';
import {
  DeadLetterSearchSchema,
  bulkFilterOf,
  hasFilters,
  toExportQuery,
  toListQuery,
} from '../src/features/dead-letter/dead-letter-search.ts';

const ID_A = '01a23034-1b23-705b-9f96-77c60b714060';
const ID_B = '01a23034-1b23-705a-a3de-ba1a56f80a3f';

describe('dead-letter queue search params', () => {
  it('reads the overview deep links as the API spells them', () => {
    expect(DeadLetterSearchSchema.parse({ status: 'open', cluster: 'e2e_broken: broken after <n> tries' })).toEqual({
      status: 'open',
      cluster: 'e2e_broken: broken after <n> tries',
    });
    // The router hands `?retryable=true` over as a boolean and numeric-looking values as numbers.
    expect(DeadLetterSearchSchema.parse({ retryable: true, jobType: 42, cursor: 7 })).toEqual({
      retryable: 'true',
      jobType: '42',
      cursor: '7',
    });
  });

  it('keeps known statuses and classes once each, and drops unknown values and non-instants', () => {
    expect(
      DeadLetterSearchSchema.parse({
        status: 'resolved, bogus,open,resolved',
        class: 'timeout,nope',
        retryable: 'maybe',
        deadLetteredAfter: 'yesterday',
        deadLetteredBefore: '2026-01-01T00:00:00Z',
        text: '  ',
      }),
    ).toEqual({ status: 'resolved,open', class: 'timeout', deadLetteredBefore: '2026-01-01T00:00:00Z' });
  });

  it('lists and exports with the filters, and the cursor only pages', () => {
    const search = DeadLetterSearchSchema.parse({ status: 'open', retryable: 'false', cursor: 'c1' });
    expect(toListQuery(search)).toMatchObject({ status: 'open', retryable: 'false', cursor: 'c1' });
    expect(toExportQuery(search, 'ndjson')).toEqual(expect.objectContaining({ status: 'open', retryable: 'false', format: 'ndjson' }));
    expect(toExportQuery(search, 'csv')).not.toHaveProperty('cursor');
    expect(hasFilters(DeadLetterSearchSchema.parse({ cursor: 'c1' }))).toBe(false);
    expect(hasFilters(search)).toBe(true);
  });
});

describe('dead-letter bulk actions', () => {
  it('sends the filters as lists and a boolean, without the cursor', () => {
    const search = DeadLetterSearchSchema.parse({ status: 'open,replayed', class: 'permanent', retryable: 'true', jobType: 'x.y', cursor: 'c' });
    expect(bulkFilterOf(search)).toEqual({ status: ['open', 'replayed'], class: ['permanent'], retryable: true, jobType: 'x.y' });
    expect(bulkFilterOf(DeadLetterSearchSchema.parse({ retryable: 'false' }))).toEqual({ retryable: false });
    expect(bulkSelectionOf({ kind: 'ids', ids: [ID_A] }, search)).toEqual({ ids: [ID_A] });
    expect(bulkSelectionOf({ kind: 'filter' }, search)).toEqual({ filter: bulkFilterOf(search) });
    expect(bulkSelectionOf({ kind: 'none' }, search)).toBeUndefined();
  });

  it('says how many of the selected entries will change, and why not the rest', () => {
    expect(dryRunSummary('replay', { selected: 5, matched: 3 })).toBe('3 of the 5 selected entries will be replayed as new jobs; 2 are resolved.');
    expect(dryRunSummary('resolve', { selected: 1, matched: 0 })).toBe('0 of the 1 selected entry will be resolved; 1 is already resolved.');
    expect(dryRunSummary('resolve', { selected: 4, matched: 4 })).toBe('4 of the 4 selected entries will be resolved.');
  });

  it('sums up the outcomes of a real run', () => {
    expect(
      outcomeSummary([
        { id: ID_A, outcome: 'replayed', status: 'replayed', newJobId: ID_B },
        { id: ID_B, outcome: 'not_applicable', status: 'resolved' },
        { id: ID_A, outcome: 'replayed', status: 'replayed', newJobId: ID_B },
      ]),
    ).toBe('2 replayed, 1 left alone (already resolved)');
    expect(outcomeSummary([])).toBe('No entry was changed.');
  });
});
