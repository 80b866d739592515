import { formatDuration } from '../time/format-duration.ts';

/** A duration in human units with the raw milliseconds on hover; a dash when there is none. */
export function Duration({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined) return <>—</>;
  return (
    <span title={`${ms} ms`} data-testid="duration">
      {formatDuration(ms)}
    </span>
  );
}
