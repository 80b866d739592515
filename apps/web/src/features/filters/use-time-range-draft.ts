import { useRef, useState } from 'react';
import { fromDateTimeInputValue, toDateTimeInputValue } from '../../time/format-timestamp.ts';
import { useTimeZoneMode } from '../../time/time-zone-mode.ts';

/** The draft of an after/before filter pair, typed in the chosen time zone, read back as UTC ISO timestamps. */
export function useTimeRangeDraft(afterIso: string | undefined, beforeIso: string | undefined) {
  const [mode] = useTimeZoneMode();
  const [after, setAfter] = useState(toDateTimeInputValue(afterIso, mode));
  const [before, setBefore] = useState(toDateTimeInputValue(beforeIso, mode));
  const afterRef = useRef<HTMLInputElement>(null);
  return {
    zoneLabel: mode === 'utc' ? 'UTC' : 'local',
    after,
    setAfter,
    before,
    setBefore,
    afterRef,
    afterIso: () => fromDateTimeInputValue(after, mode),
    beforeIso: () => fromDateTimeInputValue(before, mode),
  };
}

export type TimeRangeDraft = ReturnType<typeof useTimeRangeDraft>;
