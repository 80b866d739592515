import { describe, expect, it } from 'vitest';
import { bulkFilterOf, bulkSelectionOf, dryRunSummary, outcomeSummary } from '../src/features/jobs/bulk-actions.ts';
import { JobsSearchSchema } from '../src/features/jobs/jobs-search.ts';

const ID_A = '01a23034-1b23-705b-9f96-77c60b714060';
const ID_B = '01a23034-1b23-705a-a3de-ba1a56f80a3f';

describe('bulk actions', () => {
  it('selects by ids, or by the page filters without sort, order and cursor', () => {
    const search = JobsSearchSchema.parse({ state: 'failed,queued', jobType: 'x.y', sort: 'priority', cursor: 'c' });
    expect(bulkSelectionOf({ kind: 'ids', ids: [ID_A] }, search)).toEqual({ ids: [ID_A] });
    expect(bulkSelectionOf({ kind: 'filter' }, search)).toEqual({ filter: { state: ['failed', 'queued'], jobType: 'x.y' } });
    expect(bulkSelectionOf({ kind: 'none' }, search)).toBeUndefined();
    expect(bulkFilterOf(JobsSearchSchema.parse({}))).toEqual({});
  });

  it('says how many of the selected jobs the action applies to, and why not the rest', () => {
    expect(dryRunSummary('cancel', { selected: 3, matched: 1 })).toBe('1 of the 3 selected jobs can be canceled; 2 are already finished.');
    expect(dryRunSummary('cancel', { selected: 2, matched: 2 })).toBe('2 of the 2 selected jobs can be canceled.');
    expect(dryRunSummary('priority', { selected: 1, matched: 0 })).toBe(
      '0 of the 1 selected job can be re-prioritized; 1 is already running or finished.',
    );
  });

  it('sums up the outcomes of a real run', () => {
    expect(
      outcomeSummary([
        { id: ID_A, outcome: 'canceled', state: 'canceled' },
        { id: ID_B, outcome: 'not_applicable', state: 'succeeded' },
        { id: ID_A, outcome: 'canceled', state: 'canceled' },
      ]),
    ).toBe('2 canceled, 1 left alone (state does not allow it)');
    expect(outcomeSummary([])).toBe('No job was changed.');
  });
});
