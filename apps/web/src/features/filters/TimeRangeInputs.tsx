import { TextInput } from '@mantine/core';
import type { TimeRangeDraft } from './use-time-range-draft.ts';

/** The after/before inputs of a filter form, e.g. "Created after (UTC)"; they sit in the form's grid. */
export function TimeRangeInputs({ label, range }: { label: string; range: TimeRangeDraft }) {
  return (
    <>
      <TextInput
        ref={range.afterRef}
        type="datetime-local"
        label={`${label} after (${range.zoneLabel})`}
        value={range.after}
        onChange={(event) => range.setAfter(event.currentTarget.value)}
      />
      <TextInput
        type="datetime-local"
        label={`${label} before (${range.zoneLabel})`}
        value={range.before}
        onChange={(event) => range.setBefore(event.currentTarget.value)}
      />
    </>
  );
}
