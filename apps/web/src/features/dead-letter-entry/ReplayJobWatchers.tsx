import { FINISHED_STATES, type DeadLetterReplay } from '@execops/contract';
import { useRefetchEntryOnJobEvents } from '../../api/dead-letter-queries.ts';

/**
 * The event stream takes at most 50 topics per tab; a replay job that has not finished is all that can still move,
 * and the newest few of those are what an operator watches.
 */
const MAX_WATCHED = 10;

function ReplayJobWatcher({ entryId, jobId }: { entryId: string; jobId: string }) {
  useRefetchEntryOnJobEvents(entryId, jobId);
  return null;
}

/** Follows the live events of the entry's unfinished replay jobs, so their states in the page stay current. */
export function ReplayJobWatchers({ entryId, replays }: { entryId: string; replays: readonly DeadLetterReplay[] }) {
  const moving = replays.filter((replay) => replay.state !== null && !FINISHED_STATES.includes(replay.state)).slice(-MAX_WATCHED);
  return moving.map((replay) => <ReplayJobWatcher key={replay.jobId} entryId={entryId} jobId={replay.jobId} />);
}
