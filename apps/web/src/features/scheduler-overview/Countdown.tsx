import { useInterval } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { formatDuration } from '../../time/format-duration.ts';

const TICK_MS = 1_000;

/** "in 4 min 05 s", counting down each second; "due now" once the instant has passed. */
export function Countdown({ iso }: { iso: string }) {
  const [now, setNow] = useState(() => Date.now());
  const interval = useInterval(() => setNow(Date.now()), TICK_MS);
  useEffect(() => {
    interval.start();
    return interval.stop;
  }, [interval]);
  const left = Date.parse(iso) - now;
  return (
    <span data-testid="countdown" style={{ whiteSpace: 'nowrap' }}>
      {left <= 0 ? 'due now' : `in ${formatDuration(left)}`}
    </span>
  );
}
