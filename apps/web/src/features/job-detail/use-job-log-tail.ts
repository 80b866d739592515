import type { JobLogLine } from '@execops/contract';
import { useCallback, useEffect, useRef, useState } from 'react';
import { jobDetailApi } from '../../api/job-detail-api.ts';
import { jobTopic } from '../../api/job-detail-queries.ts';
import { useLiveEvents } from '../../live/use-live-events.ts';

const doNothing = () => undefined;

export interface JobLogTail {
  lines: readonly JobLogLine[];
  /** The first load has not answered yet. */
  loading: boolean;
  /** The last fetch failed; the lines loaded before stay. */
  error: Error | null;
  /** Live: new lines are fetched on each `job.logged` event. Off once the job is finished and everything is loaded. */
  following: boolean;
  /** Fetches whatever was written after the last line loaded (nothing before the tail has started). */
  pull: () => void;
}

/**
 * A job's log, loaded from the start and then tailed: every `job.logged` event of the job fetches the lines after
 * the last id seen. At most one fetch is in flight; a request that arrives meanwhile runs right after it, so lines
 * written during a fetch are never missed. Nothing loads until `wanted` is first true; from then on the tail keeps
 * up even while hidden, so showing it again costs nothing. Mount it per job (key by job id).
 */
export function useJobLogTail(jobId: string, jobFinished: boolean, wanted: boolean): JobLogTail {
  const [started, setStarted] = useState(wanted);
  if (wanted && !started) setStarted(true);
  const [lines, setLines] = useState<readonly JobLogLine[]>([]);
  const [loading, setLoading] = useState(true);
  const [fetching, setFetching] = useState(true);
  const [error, setError] = useState<Error | null>(null);
  const tail = useRef({ afterId: 0, inFlight: false, again: false, mounted: true });

  const pull = useCallback(() => {
    const state = tail.current;
    if (state.inFlight) {
      state.again = true;
      return;
    }
    state.inFlight = true;
    setFetching(true);
    void (async () => {
      try {
        do {
          state.again = false;
          const page = await jobDetailApi.logs(jobId, state.afterId);
          if (!state.mounted) return;
          state.afterId = page.nextAfterId;
          if (page.items.length > 0) setLines((previous) => [...previous, ...page.items]);
          if (page.hasMore) state.again = true;
        } while (state.again);
        setError(null);
      } catch (cause) {
        setError(cause instanceof Error ? cause : new Error(String(cause)));
      } finally {
        state.inFlight = false;
        setLoading(false);
        setFetching(false);
      }
    })();
  }, [jobId]);

  useEffect(() => {
    const state = tail.current;
    state.mounted = true;
    return () => {
      state.mounted = false;
    };
  }, []);

  // On start, and once more when the job finishes: lines written just before the end are fetched with it.
  useEffect(() => {
    if (started) pull();
  }, [pull, started, jobFinished]);

  useLiveEvents(
    !started || jobFinished ? null : jobTopic(jobId),
    (event) => {
      if (event.type === 'job.logged') pull();
    },
    pull,
  );

  return { lines, loading, error, following: !jobFinished || fetching, pull: started ? pull : doNothing };
}
