import { SegmentedControl } from '@mantine/core';
import type { TimeZoneMode } from '../time/format-timestamp.ts';
import { useTimeZoneMode } from '../time/time-zone-mode.ts';

const OPTIONS: { label: string; value: TimeZoneMode }[] = [
  { label: 'UTC', value: 'utc' },
  { label: 'Local', value: 'local' },
];

export function TimeZoneToggle() {
  const [mode, setMode] = useTimeZoneMode();
  return (
    <SegmentedControl
      size="xs"
      aria-label="Time zone for timestamps"
      data={OPTIONS}
      value={mode}
      onChange={(value) => setMode(value === 'local' ? 'local' : 'utc')}
    />
  );
}
