import { formatTimestamp } from '../time/format-timestamp.ts';
import { useTimeZoneMode } from '../time/time-zone-mode.ts';

interface TimestampProps {
  iso: string | null | undefined;
}

/** An instant in the operator's chosen zone, with the other zone on hover. */
export function Timestamp({ iso }: TimestampProps) {
  const [mode] = useTimeZoneMode();
  if (!iso) return <>—</>;
  const other = mode === 'utc' ? 'local' : 'utc';
  return (
    <time dateTime={iso} title={formatTimestamp(iso, other)}>
      {formatTimestamp(iso, mode)}
    </time>
  );
}
