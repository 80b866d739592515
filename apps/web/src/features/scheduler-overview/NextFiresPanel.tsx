import type { NextFire } from '@execops/contract';
import { Anchor, Code, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { DetailSection } from '../../components/DetailSection.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { Countdown } from './Countdown.tsx';

/** The soonest fires of active schedules, each opening its schedule. */
export function NextFiresPanel({ fires }: { fires: readonly NextFire[] }) {
  return (
    <DetailSection title="Next fires">
      {fires.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="next-fires-empty">
          No active schedule: nothing will fire until one is created, enabled or resumed.
        </Text>
      ) : (
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Cron</Table.Th>
              <Table.Th>Fires</Table.Th>
              <Table.Th>In</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {fires.map((fire) => (
              <Table.Tr key={fire.scheduleId} data-testid="next-fire" data-schedule-id={fire.scheduleId}>
                <Table.Td>
                  <Anchor
                    fz="sm"
                    renderRoot={(props) => <Link to="/ops/operations/scheduler/schedules" search={{ schedule: fire.scheduleId }} {...props} />}
                  >
                    {fire.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Code>{fire.cron}</Code>{' '}
                  <Text span size="xs" c="dimmed">
                    {fire.timezone}
                  </Text>
                </Table.Td>
                <Table.Td fz="sm">
                  <Timestamp iso={fire.nextFireAt} />
                </Table.Td>
                <Table.Td fz="sm">
                  <Countdown iso={fire.nextFireAt} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </DetailSection>
  );
}
