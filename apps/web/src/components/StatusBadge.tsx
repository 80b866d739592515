import { Badge, type MantineColor } from '@mantine/core';
import type { Icon } from '@tabler/icons-react';

/** How one status value looks: its colour and its icon. */
export interface StatusStyle {
  color: MantineColor;
  icon: Icon;
  /** Shown on hover when the status word alone does not say enough. */
  meaning?: string;
}

export type StatusStyleTable<S extends string> = Record<S, StatusStyle>;

interface StatusBadgeProps<S extends string> {
  status: S;
  styles: StatusStyleTable<S>;
  testId: string;
}

/** A status as icon + text, styled from the caller's table (job states, dead-letter statuses, …). */
export function StatusBadge<S extends string>({ status, styles, testId }: StatusBadgeProps<S>) {
  const { color, icon: StatusIcon, meaning } = styles[status];
  return (
    // Never truncated: the status must stay readable as text, not only as an icon, in narrow table cells.
    <Badge
      color={color}
      variant="light"
      tt="none"
      title={meaning}
      styles={{ label: { overflow: 'visible' } }}
      leftSection={<StatusIcon size={12} />}
      data-testid={testId}
    >
      {status}
    </Badge>
  );
}
