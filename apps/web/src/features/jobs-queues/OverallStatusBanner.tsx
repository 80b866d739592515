import type { Overview } from '@execops/contract';
import { Alert, Group, Text } from '@mantine/core';
import { AREA_STATUS_STYLE, AreaStatusBadge } from './AreaStatusBadge.tsx';

const HEADLINE = {
  BLOCKING: 'Work is blocked',
  DEGRADED: 'Work is degraded',
  INFO: 'Nothing blocks or degrades execution',
} as const;

/** The worst area status, and which areas have it. */
export function OverallStatusBanner({ overview }: { overview: Overview }) {
  const { color } = AREA_STATUS_STYLE[overview.status];
  const affected = overview.areas.filter((area) => area.status === overview.status && overview.status !== 'INFO');
  return (
    <Alert color={color} variant="light" data-testid="overall-status" data-status={overview.status}>
      <Group gap="sm" wrap="wrap">
        <AreaStatusBadge status={overview.status} testId="overall-status-badge" />
        <Text fw={600}>{HEADLINE[overview.status]}</Text>
        {affected.length > 0 && <Text size="sm">{affected.map((area) => area.title).join(', ')}</Text>}
        <Text size="sm" c="dimmed">
          tenant {overview.tenant}
        </Text>
      </Group>
    </Alert>
  );
}
