import { formatDuration, formatRawMs } from '../time/format-duration.ts';

/** A human-readable duration with the raw milliseconds on hover; `—` when there is nothing to measure. */
export function Duration({ ms }: { ms: number | null | undefined }) {
  if (ms === null || ms === undefined) return <>—</>;
  return (
    <span title={formatRawMs(ms)} data-testid="duration" data-raw-ms={Math.round(ms)} style={{ whiteSpace: 'nowrap' }}>
      {formatDuration(ms)}
    </span>
  );
}
