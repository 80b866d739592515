import type { DeadLetterEntry, ReplayDeadLetterResponse } from '@execops/contract';
import { NumberInput, Text } from '@mantine/core';
import { useState } from 'react';
import { useReplayDeadLetterEntry } from '../../api/dead-letter-queries.ts';
import { PRIORITY_MAX, PRIORITY_MIN, readOptionalPriority } from '../job-detail/priority-input.ts';
import { newIdempotencyKey } from '../operator/idempotency-key.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

interface ReplayEntryDialogProps {
  entry: DeadLetterEntry;
  onClose: () => void;
  onReplayed: (result: ReplayDeadLetterResponse) => void;
}

/** Mount it only while open: each opening is one operator intent with its own Idempotency-Key. */
export function ReplayEntryDialog({ entry, onClose, onReplayed }: ReplayEntryDialogProps) {
  const [idempotencyKey] = useState(newIdempotencyKey);
  const [priority, setPriority] = useState<string | number>('');
  const replay = useReplayDeadLetterEntry(entry.id);
  const read = readOptionalPriority(priority);
  const earlier = entry.replayedJobIds.length;

  return (
    <OperatorActionDialog
      title="Replay entry"
      opened
      onClose={onClose}
      confirmLabel="Replay entry"
      blocked={'error' in read ? read.error : undefined}
      onConfirm={(operator) =>
        replay.mutateAsync({
          body: 'priority' in read && read.priority !== undefined ? { priority: read.priority } : {},
          operator,
          idempotencyKey,
        })
      }
      onDone={onReplayed}
    >
      <Text size="sm">
        Replay enqueues a new {entry.jobType} job on queue {entry.queue} with the failed job&apos;s payload; the new job records
        the failed one as the job it replays. The entry stays in the queue as replayed until someone resolves it.
      </Text>
      {earlier > 0 && (
        <Text size="sm" c="orange" data-testid="replay-earlier">
          This entry was replayed {earlier === 1 ? 'once' : `${earlier} times`} already; see its replay history.
        </Text>
      )}
      <NumberInput
        label="Priority"
        description="Empty: 100 ahead of the failed job"
        min={PRIORITY_MIN}
        max={PRIORITY_MAX}
        allowDecimal={false}
        value={priority}
        onChange={setPriority}
      />
    </OperatorActionDialog>
  );
}
