import { formatDuration } from '../time/format-duration.ts';

/** A duration for reading, with the raw milliseconds on hover. */
export function Duration({ ms }: { ms: number | null }) {
  if (ms === null) return <>—</>;
  return (
    <span title={`${ms.toLocaleString('en-US')} ms`} data-testid="duration">
      {formatDuration(ms)}
    </span>
  );
}
