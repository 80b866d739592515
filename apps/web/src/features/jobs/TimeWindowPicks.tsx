import { Button, Group, Text } from '@mantine/core';
import { TIME_WINDOWS, type TimeWindow } from './time-window.ts';

interface TimeWindowPicksProps {
  /** "Created in the last", "Dead-lettered in the last". */
  label: string;
  onPick: (window: TimeWindow) => void;
  /** Custom: the caller focuses its own "after" field. */
  onCustom: () => void;
}

export function TimeWindowPicks({ label, onPick, onCustom }: TimeWindowPicksProps) {
  return (
    <Group mt="sm" gap="xs" role="group" aria-label={label}>
      <Text size="sm">{label}</Text>
      <Button.Group>
        {TIME_WINDOWS.map((window) => (
          <Button key={window.label} variant="default" size="xs" onClick={() => onPick(window)}>
            {window.label}
          </Button>
        ))}
        <Button variant="default" size="xs" onClick={onCustom}>
          Custom
        </Button>
      </Button.Group>
    </Group>
  );
}
