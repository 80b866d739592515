import type { MissedFire, SchedulerStatus } from '@execops/contract';
import { Anchor, Group, Paper, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Timestamp } from '../../components/Timestamp.tsx';

const WHY: Record<MissedFire['type'], string> = {
  'schedule.misfired': 'misfire policy',
  'schedule.fire_skipped': 'overlap policy',
};

function what(fire: MissedFire) {
  if (fire.type === 'schedule.fire_skipped') return 'skipped: the previous run was unfinished';
  return `${fire.slots} missed slot${fire.slots === 1 ? '' : 's'} dropped`;
}

/** Slots of the last 24 h that did not fire: dropped by the misfire policy or skipped for overlap. */
export function MissedFiresPanel({ status }: { status: SchedulerStatus }) {
  const { missedFires } = status;
  return (
    <Paper withBorder p="md" data-testid="missed-fires">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4">
          Missed fires, last 24 h
        </Title>
        <Text size="sm" data-testid="missed-fires-totals">
          <b>{missedFires.slots}</b> slot{missedFires.slots === 1 ? '' : 's'} in <b>{missedFires.events}</b> event{missedFires.events === 1 ? '' : 's'}
        </Text>
      </Group>
      {missedFires.latest.length === 0 ? (
        <Text size="sm" c="dimmed" data-testid="missed-fires-empty">
          Every slot of the last 24 hours fired.
        </Text>
      ) : (
        <Table verticalSpacing={6}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>When</Table.Th>
              <Table.Th>Schedule</Table.Th>
              <Table.Th>Why</Table.Th>
              <Table.Th>What</Table.Th>
              <Table.Th>Runs</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {missedFires.latest.map((fire) => (
              <Table.Tr key={fire.eventId} data-testid="missed-fire" data-schedule-id={fire.scheduleId}>
                <Table.Td fz="sm">
                  <Timestamp iso={fire.at} />
                </Table.Td>
                <Table.Td>
                  {fire.scheduleName === null ? (
                    <Text size="sm" c="dimmed">
                      deleted schedule
                    </Text>
                  ) : (
                    <Anchor
                      fz="sm"
                      renderRoot={(props) => <Link to="/ops/operations/scheduler/schedules" search={{ schedule: fire.scheduleId }} {...props} />}
                    >
                      {fire.scheduleName}
                    </Anchor>
                  )}
                </Table.Td>
                <Table.Td fz="sm" style={{ whiteSpace: 'nowrap' }}>
                  {WHY[fire.type]}
                </Table.Td>
                <Table.Td fz="sm">
                  {what(fire)}
                  {fire.fireAt && (
                    <Text size="xs" c="dimmed">
                      slot <Timestamp iso={fire.fireAt} />
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <Anchor
                    fz="sm"
                    renderRoot={(props) => (
                      <Link to="/ops/operations/scheduler/runs" search={{ scheduleId: fire.scheduleId, createdAfter: status.since }} {...props} />
                    )}
                  >
                    runs
                  </Anchor>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Paper>
  );
}
