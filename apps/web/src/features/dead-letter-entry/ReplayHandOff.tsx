import type { DeadLetterEntryDetail } from '@execops/contract';
import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconCircleCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { ReplayJobState } from './ReplayHistory.tsx';

interface ReplayHandOffProps {
  entry: DeadLetterEntryDetail;
  replayJobId: string;
  onClose: () => void;
}

/** After a replay: where the work went (the new job) and where it came from (the failed job). */
export function ReplayHandOff({ entry, replayJobId: newJobId, onClose }: ReplayHandOffProps) {
  const replay = entry.replays.find((candidate) => candidate.jobId === newJobId);
  // Only a replay of this entry: a stale or edited URL shows nothing.
  if (!replay) return null;
  return (
    <Alert
      color="green"
      variant="light"
      icon={<IconCircleCheck />}
      title="Entry replayed"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      data-testid="replay-handoff"
    >
      <Stack gap="xs">
        <Group gap="xs">
          <Text size="sm">
            New job <code>{newJobId}</code> is
          </Text>
          <ReplayJobState state={replay.state} />
        </Group>
        <Text size="sm">Follow it on its own page, or compare it with the job that failed.</Text>
        <Group gap="sm">
          <Button
            size="xs"
            rightSection={<IconArrowRight size={14} />}
            data-testid="handoff-new-job"
            renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId: newJobId }} {...props} />}
          >
            Open the new job
          </Button>
          <Button
            size="xs"
            variant="default"
            data-testid="handoff-original-job"
            renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId: entry.jobId }} {...props} />}
          >
            Open the failed job
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}
