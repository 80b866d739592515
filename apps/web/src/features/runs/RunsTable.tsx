import type { Run } from '@execops/contract';
import { Anchor, Badge, Button, Group, Table, Text } from '@mantine/core';
import { IconBan, IconRefresh } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { RunAction } from '../../api/scheduler-api.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { canCancelRun, canRetryRun, RunActionDialog } from './RunActionDialog.tsx';
import { RunIdLink } from './RunIdLink.tsx';
import { RunProgress } from './RunProgress.tsx';
import { RunStateBadge } from './RunStateBadge.tsx';

const COLUMNS = ['Run', 'Schedule', 'Trigger', 'State', 'Progress', 'Created', 'Started', 'Finished', 'Duration', 'Actions'];

/** From the first job's start to the last one's end, or to when the list loaded while the run is unfinished. */
function runDurationMs(run: Run, loadedAt: number): number | null {
  if (!run.startedAt) return null;
  const end = run.finishedAt ? Date.parse(run.finishedAt) : loadedAt;
  return Math.max(0, end - Date.parse(run.startedAt));
}

export function RunScheduleLink({ run }: { run: Run }) {
  if (!run.scheduleId) return <Text size="sm">{run.scheduleName ?? '—'}</Text>;
  return (
    <Anchor
      fz="sm"
      renderRoot={(props) => <Link to="/ops/operations/scheduler/schedules" search={{ schedule: run.scheduleId ?? undefined }} {...props} />}
    >
      {run.scheduleName ?? run.scheduleId}
    </Anchor>
  );
}

export function RunsTable({ runs, loadedAt }: { runs: readonly Run[]; loadedAt: number }) {
  // Fixed when the dialog opens, so a live refresh meanwhile cannot change what is confirmed.
  const [dialog, setDialog] = useState<{ action: RunAction; run: Run } | null>(null);
  const missingScope = useMissingScope('scheduler:admin');
  return (
    <>
      <ListTable columns={COLUMNS} minWidth={1150} testId="runs-table">
        {runs.map((run) => (
          <Table.Tr key={run.id} data-testid="run-row" data-run-id={run.id}>
            <Table.Td>
              <RunIdLink runId={run.id} />
            </Table.Td>
            <Table.Td>
              <RunScheduleLink run={run} />
            </Table.Td>
            <Table.Td>
              <Badge variant="outline" color="gray" tt="none" styles={{ label: { overflow: 'visible' } }} data-testid="run-trigger">
                {run.trigger}
              </Badge>
            </Table.Td>
            <Table.Td>
              <RunStateBadge state={run.state} />
            </Table.Td>
            <Table.Td>
              <RunProgress run={run} />
            </Table.Td>
            <Table.Td fz="sm">
              <Timestamp iso={run.createdAt} />
            </Table.Td>
            <Table.Td fz="sm">
              <Timestamp iso={run.startedAt} />
            </Table.Td>
            <Table.Td fz="sm">
              <Timestamp iso={run.finishedAt} />
            </Table.Td>
            <Table.Td fz="sm">
              <Duration ms={runDurationMs(run, loadedAt)} />
            </Table.Td>
            <Table.Td>
              <Group gap={4} wrap="nowrap">
                {canCancelRun(run) &&
                  (missingScope ? (
                    <DisabledAction label="Cancel" reason={missingScope} size="compact-xs" />
                  ) : (
                    <Button size="compact-xs" variant="light" color="red" leftSection={<IconBan size={12} />} onClick={() => setDialog({ action: 'cancel', run })}>
                      Cancel
                    </Button>
                  ))}
                {canRetryRun(run) &&
                  (missingScope ? (
                    <DisabledAction label="Retry failed" reason={missingScope} size="compact-xs" />
                  ) : (
                    <Button size="compact-xs" variant="light" leftSection={<IconRefresh size={12} />} onClick={() => setDialog({ action: 'retry-failed', run })}>
                      Retry failed
                    </Button>
                  ))}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
      {dialog && <RunActionDialog action={dialog.action} run={dialog.run} onClose={() => setDialog(null)} />}
    </>
  );
}
