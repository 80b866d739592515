import type { Run } from '@execops/contract';
import { Alert, Button, Group, Text } from '@mantine/core';
import { IconArrowRight, IconCircleCheck } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { RunStateBadge } from '../runs/RunStateBadge.tsx';

/** After "trigger now": the run that started, and the way to follow it. */
export function TriggerHandOff({ run, onClose }: { run: Run; onClose: () => void }) {
  return (
    <Alert
      color="green"
      variant="light"
      icon={<IconCircleCheck />}
      title={`Run started for ${run.scheduleName ?? 'the schedule'}`}
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={onClose}
      data-testid="trigger-handoff"
      mb="md"
    >
      <Group gap="sm">
        <Text size="sm">
          Run <code>{run.id}</code> is
        </Text>
        <RunStateBadge state={run.state} />
        <Button
          size="xs"
          rightSection={<IconArrowRight size={14} />}
          data-testid="handoff-follow-run"
          renderRoot={(props) => <Link to="/ops/operations/scheduler/runs/$runId/stream" params={{ runId: run.id }} {...props} />}
        >
          Follow run
        </Button>
      </Group>
    </Alert>
  );
}
