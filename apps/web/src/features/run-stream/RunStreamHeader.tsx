import { FINISHED_STATES, JOB_STATES, type Run } from '@execops/contract';
import { Anchor, Badge, DataList, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { DataField } from '../../components/DataField.tsx';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JOB_STATE_STYLE } from '../jobs/JobStateBadge.tsx';
import { RunStateBadge } from '../runs/RunStateBadge.tsx';

const OptionalTime = ({ iso }: { iso: string | null }) => (iso === null ? <>—</> : <Timestamp iso={iso} />);

function ScheduleLink({ run }: { run: Run }) {
  if (run.scheduleId === null) return <>{run.scheduleName ?? '—'} (deleted)</>;
  const scheduleId = run.scheduleId;
  return (
    <Anchor
      data-testid="schedule-link"
      renderRoot={(props) => <Link to="/ops/operations/scheduler/schedules" search={{ schedule: scheduleId }} {...props} />}
    >
      {run.scheduleName ?? scheduleId}
    </Anchor>
  );
}

/** Finished jobs of all (coloured by outcome), and the jobs by state, from the run's latest progress. */
export function RunProgressBar({ progress }: { progress: Pick<Run, 'progress' | 'counts'> }) {
  const { processed, total } = progress.progress;
  const percent = total === 0 ? 0 : Math.round((processed / total) * 100);
  return (
    <Stack gap={4} data-testid="run-progress" data-percent={percent}>
      <Progress.Root size="lg" aria-label={`${processed} of ${total} jobs finished`}>
        {FINISHED_STATES.filter((s) => progress.counts[s] > 0).map((state) => (
          <Progress.Section key={state} value={total === 0 ? 0 : (progress.counts[state] / total) * 100} color={JOB_STATE_STYLE[state].color} />
        ))}
      </Progress.Root>
      <Group gap="xs">
        <Text size="sm" fw={600} data-testid="run-progress-text">
          {processed} / {total} finished ({percent} %)
        </Text>
        {JOB_STATES.filter((s) => progress.counts[s] > 0).map((state) => (
          <Badge key={state} size="sm" variant="light" color={JOB_STATE_STYLE[state].color} tt="none">
            {state} {progress.counts[state]}
          </Badge>
        ))}
      </Group>
    </Stack>
  );
}

interface RunStreamHeaderProps {
  run: Run;
  progress: Pick<Run, 'progress' | 'counts'>;
  connection: ReactNode;
}

/** What the run is, where it comes from, when it ran, and how far it got. */
export function RunStreamHeader({ run, progress, connection }: RunStreamHeaderProps) {
  const end = run.finishedAt ?? null;
  const durationMs = run.startedAt === null ? null : (end === null ? Date.now() : Date.parse(end)) - Date.parse(run.startedAt);
  return (
    <Paper withBorder p="md" data-testid="run-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="sm">
            <RunStateBadge state={run.state} />
            <Badge variant="outline" color="gray" data-testid="run-trigger">
              {run.trigger}
            </Badge>
          </Group>
          {connection}
        </Group>
        <RunProgressBar progress={progress} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
          <DataList labelWidth={110}>
            <DataField label="Run id">
              <CopyableValue value={run.id} label="run id" />
            </DataField>
            <DataField label="Schedule">
              <ScheduleLink run={run} />
            </DataField>
            <DataField label="Cron slot">
              <OptionalTime iso={run.fireAt} />
            </DataField>
          </DataList>
          <DataList labelWidth={110}>
            <DataField label="Created">
              <Timestamp iso={run.createdAt} />
            </DataField>
            <DataField label="Started">
              <OptionalTime iso={run.startedAt} />
            </DataField>
            <DataField label="Finished">
              <OptionalTime iso={run.finishedAt} />
            </DataField>
            <DataField label="Duration">
              <Duration ms={durationMs} />
            </DataField>
          </DataList>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
