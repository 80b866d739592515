import type { QueueHealth } from '@execops/contract';
import { Button, Text } from '@mantine/core';
import { IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { auditKeys } from '../../api/audit-api.ts';
import { queuesApi } from '../../api/queue-api.ts';
import { queueKeys } from '../../api/queue-queries.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { backlog } from './queue-summary.ts';

type QueueAction = 'pause' | 'resume';

const VERB: Record<QueueAction, string> = { pause: 'Pause', resume: 'Resume' };

/** Pause or resume one queue through the operator dialog (reason required, audited). */
export function QueuePauseAction({ queue }: { queue: QueueHealth }) {
  const queryClient = useQueryClient();
  // Fixed when the dialog opens, so a refresh that flips the queue meanwhile cannot change what is confirmed.
  const [action, setAction] = useState<QueueAction | null>(null);
  const next: QueueAction = queue.paused ? 'resume' : 'pause';
  const shown = action ?? next;
  const missingScope = useMissingScope('jobs:operate');
  if (missingScope) return <DisabledAction size="compact-sm" label={VERB[next]} reason={missingScope} />;

  return (
    <>
      <Button
        size="compact-sm"
        variant="light"
        color={next === 'pause' ? 'orange' : 'green'}
        leftSection={next === 'pause' ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
        onClick={() => setAction(next)}
        aria-label={`${VERB[next]} queue ${queue.queue}`}
      >
        {VERB[next]}
      </Button>
      <OperatorActionDialog
        title={`${VERB[shown]} queue ${queue.queue}`}
        opened={action !== null}
        onClose={() => setAction(null)}
        confirmLabel={`${VERB[shown]} queue`}
        color={shown === 'pause' ? 'orange' : 'green'}
        onConfirm={(operator) => (shown === 'pause' ? queuesApi.pause(queue.queue, operator) : queuesApi.resume(queue.queue, operator))}
        onDone={() => {
          void queryClient.invalidateQueries({ queryKey: queueKeys.all });
          void queryClient.invalidateQueries({ queryKey: auditKeys.all });
        }}
      >
        {shown === 'pause' ? (
          <Text size="sm">
            Workers stop claiming jobs of <b>{queue.queue}</b>:{' '}
            {`its waiting jobs (${backlog(queue)}) stay queued and its running jobs (${queue.counts.running}) finish.`}
          </Text>
        ) : (
          <Text size="sm">
            Workers claim the waiting jobs of <b>{queue.queue}</b> ({backlog(queue)}) again. Paused since{' '}
            <Timestamp iso={queue.pausedAt} />
            {queue.pausedReason ? `: “${queue.pausedReason}”` : ''}.
          </Text>
        )}
      </OperatorActionDialog>
    </>
  );
}
