import { scheduleState, type Schedule } from '@execops/contract';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { ListTable } from '../../components/ListTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { misfireText, OVERLAP_LABELS, targetSummary } from './schedule-labels.ts';
import { ScheduleStateBadge } from './ScheduleStateBadge.tsx';

const COLUMNS = ['Name', 'Cron', 'Time zone', 'State', 'Next fire', 'Last fire', 'Misfire', 'Overlap', 'Target'];

export function SchedulesTable({ schedules, selected }: { schedules: readonly Schedule[]; selected: string | undefined }) {
  return (
    <ListTable columns={COLUMNS} minWidth={1200} testId="schedules-table">
      {schedules.map((schedule) => (
        <Table.Tr
          key={schedule.id}
          data-testid="schedule-row"
          data-schedule-id={schedule.id}
          bg={schedule.id === selected ? 'var(--mantine-primary-color-light)' : undefined}
        >
          <Table.Td>
            <Anchor
              renderRoot={(props) => (
                <Link from="/ops/operations/scheduler/schedules" search={(prev) => ({ ...prev, schedule: schedule.id })} {...props} />
              )}
              fz="sm"
              fw={500}
            >
              {schedule.name}
            </Anchor>
            {schedule.description && (
              <Text size="xs" c="dimmed" lineClamp={1}>
                {schedule.description}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text ff="monospace" size="sm">
              {schedule.cron}
            </Text>
            <Text size="xs" c="dimmed" data-testid="schedule-label">
              {schedule.label}
            </Text>
          </Table.Td>
          <Table.Td fz="sm">{schedule.timezone}</Table.Td>
          <Table.Td>
            <ScheduleStateBadge state={scheduleState(schedule)} />
          </Table.Td>
          <Table.Td fz="sm" data-testid="schedule-next-fire">
            <Timestamp iso={schedule.nextFireAt} />
          </Table.Td>
          <Table.Td fz="sm">
            <Timestamp iso={schedule.lastFireAt} />
          </Table.Td>
          <Table.Td fz="sm">{misfireText(schedule)}</Table.Td>
          <Table.Td fz="sm">{OVERLAP_LABELS[schedule.overlapPolicy]}</Table.Td>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {targetSummary(schedule.target)}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
