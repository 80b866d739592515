import { z } from 'zod';
import { oneOf, searchText } from '../jobs/jobs-search.ts';

export const ENTRY_TABS = ['error', 'payload', 'attempts', 'replays', 'audit'] as const;
export type EntryTab = (typeof ENTRY_TABS)[number];
export const DEFAULT_ENTRY_TAB: EntryTab = 'error';

/** `?tab=replays&replayJob=<id>`: an unknown tab falls back to the error tab. */
export const EntrySearchSchema = z.object({
  tab: oneOf(ENTRY_TABS),
  /** The replay just made: its hand-off panel stays on the page (and comes back with the browser's Back button). */
  replayJob: searchText,
});
export type EntrySearch = z.output<typeof EntrySearchSchema>;

export const isEntryTab = (value: string | null): value is EntryTab => ENTRY_TABS.some((tab) => tab === value);
