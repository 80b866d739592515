import type { ErrorClass } from '@execops/contract';
import { Badge, Group, type MantineColor } from '@mantine/core';
import { IconAlertOctagon, IconClockExclamation, IconHelp, IconPlugConnectedX, IconRefresh, IconRefreshOff, IconRepeat, type Icon } from '@tabler/icons-react';

const CLASS_STYLE: Record<ErrorClass, { color: MantineColor; icon: Icon }> = {
  transient: { color: 'yellow', icon: IconRepeat },
  permanent: { color: 'red', icon: IconAlertOctagon },
  timeout: { color: 'orange', icon: IconClockExclamation },
  lease_expired: { color: 'grape', icon: IconPlugConnectedX },
  unknown: { color: 'gray', icon: IconHelp },
};

// Badges truncate their label when squeezed; a table cell or card must make room for the whole word instead.
const WHOLE_LABEL = { root: { flexShrink: 0 }, label: { overflow: 'visible' } } as const;

/** The error's class and whether retrying it can help, each as icon + text. */
export function ErrorClassBadges({ errorClass, retryable }: { errorClass: ErrorClass; retryable: boolean }) {
  const { color, icon: ClassIcon } = CLASS_STYLE[errorClass];
  return (
    <Group gap={4}>
      <Badge color={color} variant="light" styles={WHOLE_LABEL} leftSection={<ClassIcon size={12} />} data-testid="error-class">
        {errorClass}
      </Badge>
      <Badge
        color={retryable ? 'teal' : 'gray'}
        variant="outline"
        styles={WHOLE_LABEL}
        leftSection={retryable ? <IconRefresh size={12} /> : <IconRefreshOff size={12} />}
        data-testid="error-retryable"
      >
        {retryable ? 'retryable' : 'not retryable'}
      </Badge>
    </Group>
  );
}
