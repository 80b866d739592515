import { scheduleState, type Schedule } from '@execops/contract';
import { Anchor, Button, Code, DataList, Drawer, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconBolt, IconCircleOff, IconEdit, IconPlayerPause, IconPlayerPlay, IconPower, IconTrash } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import type { ScheduleAction } from '../../api/scheduler-api.ts';
import { useRuns, useSchedule, useSchedulePreview } from '../../api/scheduler-queries.ts';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { DataField } from '../../components/DataField.tsx';
import { DrawerSection } from '../../components/DrawerSection.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { AuditTrail } from '../audit/AuditTrail.tsx';
import { RunIdLink } from '../runs/RunIdLink.tsx';
import { RunProgress } from '../runs/RunProgress.tsx';
import { RunStateBadge } from '../runs/RunStateBadge.tsx';
import { FirePreview } from './FirePreview.tsx';
import { misfireText, OVERLAP_LABELS, targetSummary } from './schedule-labels.ts';
import { ScheduleStateBadge } from './ScheduleStateBadge.tsx';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';

export type ScheduleEditorAction = ScheduleAction | 'edit';

const RECENT_RUNS = 10;

interface ScheduleDetailDrawerProps {
  scheduleId: string | undefined;
  onClose: () => void;
  onAction: (action: ScheduleEditorAction, schedule: Schedule) => void;
  /** Shown above the panel: where a manual trigger's run can be followed. */
  handOff?: ReactNode;
}

/** The selected schedule (`?schedule=`): definition, actions, next fires, recent runs and audit trail. */
export function ScheduleDetailDrawer({ scheduleId, onClose, onAction, handOff }: ScheduleDetailDrawerProps) {
  const detail = useSchedule(scheduleId);
  const notFound = detail.error instanceof ApiError && detail.error.isNotFound;
  return (
    <Drawer
      opened={scheduleId !== undefined}
      onClose={onClose}
      position="right"
      size="56rem"
      title={detail.data ? `Schedule ${detail.data.name}` : 'Schedule'}
      data-testid="schedule-detail"
    >
      {handOff}
      {detail.data ? (
        <ScheduleDetail schedule={detail.data} onAction={onAction} />
      ) : detail.isPending ? (
        <Skeleton height={200} />
      ) : notFound ? (
        <Text c="dimmed" data-testid="schedule-not-found">
          No schedule {scheduleId} in this tenant: it may have been deleted. Its runs stay on the runs page.
        </Text>
      ) : (
        <ErrorState title="The schedule could not be loaded" error={detail.error} onRetry={() => void detail.refetch()} />
      )}
    </Drawer>
  );
}

const SCHEDULE_ACTION_LABELS = ['Trigger now', 'Edit', 'Pause', 'Disable', 'Delete'] as const;

function ScheduleActions({ schedule, onAction }: { schedule: Schedule; onAction: ScheduleDetailDrawerProps['onAction'] }) {
  const missingScope = useMissingScope('scheduler:admin');
  const act = (action: ScheduleEditorAction) => () => onAction(action, schedule);
  if (missingScope) {
    return (
      <Group gap="xs" data-testid="schedule-actions">
        {SCHEDULE_ACTION_LABELS.map((label) => (
          <DisabledAction key={label} label={label} reason={missingScope} size="xs" />
        ))}
      </Group>
    );
  }
  return (
    <Group gap="xs" data-testid="schedule-actions">
      <Button size="xs" leftSection={<IconBolt size={14} />} onClick={act('trigger')}>
        Trigger now
      </Button>
      <Button size="xs" variant="default" leftSection={<IconEdit size={14} />} onClick={act('edit')}>
        Edit
      </Button>
      {schedule.enabled &&
        (schedule.paused ? (
          <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={act('resume')}>
            Resume
          </Button>
        ) : (
          <Button size="xs" variant="light" color="orange" leftSection={<IconPlayerPause size={14} />} onClick={act('pause')}>
            Pause
          </Button>
        ))}
      {schedule.enabled ? (
        <Button size="xs" variant="light" color="gray" leftSection={<IconCircleOff size={14} />} onClick={act('disable')}>
          Disable
        </Button>
      ) : (
        <Button size="xs" variant="light" color="green" leftSection={<IconPower size={14} />} onClick={act('enable')}>
          Enable
        </Button>
      )}
      <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} />} onClick={act('delete')}>
        Delete
      </Button>
    </Group>
  );
}

function ScheduleDetail({ schedule, onAction }: { schedule: Schedule; onAction: ScheduleDetailDrawerProps['onAction'] }) {
  return (
    <Stack gap="lg">
      <Group justify="space-between">
        <CopyableValue value={schedule.id} label="schedule id" />
        <ScheduleStateBadge state={scheduleState(schedule)} />
      </Group>
      <ScheduleActions schedule={schedule} onAction={onAction} />
      <DataList data-testid="schedule-definition">
        {schedule.description && <DataField label="Description">{schedule.description}</DataField>}
        <DataField label="Cron">
          <Code>{schedule.cron}</Code> {schedule.label}
        </DataField>
        <DataField label="Time zone">{schedule.timezone}</DataField>
        <DataField label="Next fire">
          <Timestamp iso={schedule.nextFireAt} />
        </DataField>
        <DataField label="Last fire">
          <Timestamp iso={schedule.lastFireAt} />
        </DataField>
        <DataField label="Misfire">{misfireText(schedule)}</DataField>
        <DataField label="Overlap">{OVERLAP_LABELS[schedule.overlapPolicy]}</DataField>
        <DataField label="Target">{targetSummary(schedule.target)}</DataField>
        <DataField label="Created">
          <Timestamp iso={schedule.createdAt} />
        </DataField>
        <DataField label="Updated">
          <Timestamp iso={schedule.updatedAt} />
        </DataField>
      </DataList>
      <JsonBlock value={schedule.target} label="Target definition" />
      <DrawerSection title="Next fires">
        <NextFires schedule={schedule} />
      </DrawerSection>
      <DrawerSection
        title="Recent runs"
        aside={
          <Anchor size="sm" renderRoot={(props) => <Link to="/ops/operations/scheduler/runs" search={{ scheduleId: schedule.id }} {...props} />}>
            All runs of this schedule
          </Anchor>
        }
      >
        <RecentRuns scheduleId={schedule.id} />
      </DrawerSection>
      <DrawerSection title="Audit trail">
        <AuditTrail targetType="schedule" targetId={schedule.id} />
      </DrawerSection>
    </Stack>
  );
}

function NextFires({ schedule }: { schedule: Schedule }) {
  const preview = useSchedulePreview(schedule.id);
  if (preview.isPending) return <Skeleton height={120} />;
  if (preview.isError) return <ErrorState title="The next fires could not be loaded" error={preview.error} onRetry={() => void preview.refetch()} />;
  return (
    <Stack gap={4}>
      {scheduleState(schedule) !== 'active' && (
        <Text size="sm" c="dimmed">
          The cron's next slots; the schedule is {scheduleState(schedule)}, so none fires until it is {schedule.enabled ? 'resumed' : 'enabled'}.
        </Text>
      )}
      <FirePreview preview={preview.data} />
    </Stack>
  );
}

function RecentRuns({ scheduleId }: { scheduleId: string }) {
  const runs = useRuns({ scheduleId, limit: RECENT_RUNS });
  if (runs.isPending) return <Skeleton height={80} />;
  if (runs.isError) return <ErrorState title="Runs could not be loaded" error={runs.error} onRetry={() => void runs.refetch()} />;
  if (runs.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="schedule-no-runs">
        No run yet: the schedule has not fired and nobody triggered it.
      </Text>
    );
  }
  return (
    <Table data-testid="schedule-runs">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Run</Table.Th>
          <Table.Th>Trigger</Table.Th>
          <Table.Th>State</Table.Th>
          <Table.Th>Progress</Table.Th>
          <Table.Th>Created</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {runs.data.items.map((run) => (
          <Table.Tr key={run.id} data-testid="schedule-run">
            <Table.Td>
              <RunIdLink runId={run.id} />
            </Table.Td>
            <Table.Td fz="sm">{run.trigger}</Table.Td>
            <Table.Td>
              <RunStateBadge state={run.state} />
            </Table.Td>
            <Table.Td>
              <RunProgress run={run} />
            </Table.Td>
            <Table.Td fz="sm">
              <Timestamp iso={run.createdAt} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
