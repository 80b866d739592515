import type { DagNode, JobState, ReplayJobResponse } from '@execops/contract';
import { ActionIcon, Button, Code, DataList, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconExternalLink, IconFocusCentered, IconPlayerPlay, IconX } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { DataField } from '../../components/DataField.tsx';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { Duration } from '../../components/Duration.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JobStateBadge } from '../jobs/JobStateBadge.tsx';
import type { DagSearch } from './dag-search.ts';
import { ReplayDownstreamDialog } from './ReplayDownstreamDialog.tsx';

const REPLAYABLE_STATES: readonly JobState[] = ['failed', 'canceled', 'skipped'];

interface DagNodePanelProps {
  /** The selected job, or undefined when the URL names a job that is not in this graph. */
  job: DagNode | undefined;
  selectedId: string;
  isRoot: boolean;
  critical: DagSearch['critical'];
  onClose: () => void;
  onReplayed: (result: ReplayJobResponse) => void;
}

/** The selected job beside the graph: what it is, where it stands, and where to go from it. */
export function DagNodePanel({ job, selectedId, isRoot, critical, onClose, onReplayed }: DagNodePanelProps) {
  return (
    <Paper withBorder p="md" w={340} miw={340} data-testid="dag-node-panel" component="aside" aria-label="Selected job">
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} fz="h4">
            {job ? job.jobType : 'Job not in this graph'}
          </Title>
          <ActionIcon variant="subtle" color="gray" onClick={onClose} aria-label="Close the panel">
            <IconX size={16} />
          </ActionIcon>
        </Group>
        {job ? (
          <SelectedJob job={job} isRoot={isRoot} critical={critical} onReplayed={onReplayed} />
        ) : (
          <Text size="sm" c="dimmed" data-testid="dag-node-missing">
            Job <Code>{selectedId}</Code> is not among the jobs connected to this one.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function SelectedJob({ job, isRoot, critical, onReplayed }: { job: DagNode; isRoot: boolean; critical: DagSearch['critical']; onReplayed: DagNodePanelProps['onReplayed'] }) {
  const [replayOpened, replayDialog] = useDisclosure(false);
  return (
    <>
      <DataList labelWidth={90}>
        <DataField label="ID">
          <Code style={{ wordBreak: 'break-all' }}>{job.id}</Code>
        </DataField>
        <DataField label="State">
          <JobStateBadge state={job.state} />
        </DataField>
        <DataField label="Job type">{job.jobType}</DataField>
        <DataField label="Queue">{job.queue}</DataField>
        <DataField label="Attempts">
          {job.attempt}/{job.maxAttempts}
        </DataField>
        <DataField label="Created">
          <Timestamp iso={job.createdAt} />
        </DataField>
        <DataField label="Started">
          <Timestamp iso={job.startedAt} />
        </DataField>
        <DataField label="Finished">
          <Timestamp iso={job.finishedAt} />
        </DataField>
        <DataField label="Duration">
          <Duration ms={job.durationMs} />
        </DataField>
      </DataList>
      <Stack gap="xs">
        <Button
          variant="light"
          leftSection={<IconExternalLink size={16} />}
          renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId: job.id }} {...props} />}
        >
          Open job
        </Button>
        {isRoot ? (
          <DisabledAction label="Centre the DAG on this job" reason="The graph is already centred on this job." />
        ) : (
          <Button
            variant="light"
            leftSection={<IconFocusCentered size={16} />}
            renderRoot={(props) => (
              <Link to="/ops/operations/jobengine/jobs/$jobId/dag" params={{ jobId: job.id }} search={{ node: job.id, critical }} {...props} />
            )}
          >
            Centre the DAG on this job
          </Button>
        )}
        {REPLAYABLE_STATES.includes(job.state) ? (
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={replayDialog.open}>
            Replay with downstream
          </Button>
        ) : (
          <DisabledAction label="Replay with downstream" reason={`Only a failed, canceled or skipped job is replayed with its downstream; this one is ${job.state}.`} />
        )}
      </Stack>
      <ReplayDownstreamDialog job={job} opened={replayOpened} onClose={replayDialog.close} onReplayed={onReplayed} />
    </>
  );
}
