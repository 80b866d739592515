import { DEAD_LETTER_NOTE_MAX, JobPriority, type BulkDeadLetterResponse } from '@execops/contract';
import { Alert, Loader, NumberInput, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { deadLetterApi } from '../../api/dead-letter-api.ts';
import { useDeadLetterDryRun } from '../../api/dead-letter-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { DEAD_LETTER_BULK_TEXT, dryRunSummary, type DeadLetterBulkAction, type DeadLetterSelectionBody } from './dead-letter-bulk.ts';

interface BulkDeadLetterDialogProps {
  action: DeadLetterBulkAction;
  selection: DeadLetterSelectionBody;
  onClose: () => void;
  onDone: (result: BulkDeadLetterResponse) => void;
}

/** Blank keeps the server's default (100 ahead of the failed job). */
function priorityProblem(value: string | number): string | undefined {
  if (value === '') return undefined;
  return JobPriority.safeParse(Number(value)).success ? undefined : 'Priority must be a whole number from −1000 to 1000.';
}

function noteProblem(note: string): string | undefined {
  if (note.trim() === '') return 'A resolution note is required.';
  return note.length > DEAD_LETTER_NOTE_MAX ? `The note may have at most ${DEAD_LETTER_NOTE_MAX} characters.` : undefined;
}

/** Confirms a bulk replay or resolve: the dry-run count first (no reason needed for it), then the reason and the real run. */
export function BulkDeadLetterDialog({ action, selection, onClose, onDone }: BulkDeadLetterDialogProps) {
  const text = DEAD_LETTER_BULK_TEXT[action];
  const dryRun = useDeadLetterDryRun(action, selection);
  const [priority, setPriority] = useState<string | number>('');
  const [note, setNote] = useState('');
  const [noteTouched, setNoteTouched] = useState(false);
  const problem = action === 'replay' ? priorityProblem(priority) : noteProblem(note);
  const nothingToDo = dryRun.data?.matched === 0 ? `None of the selected entries can be ${text.will}.` : undefined;
  const waiting = dryRun.isPending ? 'Counting the selected entries…' : dryRun.isError ? 'The count failed; retry it first.' : undefined;

  return (
    <OperatorActionDialog
      title={text.title}
      opened
      onClose={onClose}
      confirmLabel={dryRun.data ? `${text.title} (${dryRun.data.matched})` : text.title}
      blocked={waiting ?? nothingToDo ?? problem}
      onConfirm={(operator) =>
        action === 'replay'
          ? deadLetterApi.bulkReplay({ ...selection, ...(priority === '' ? {} : { priority: Number(priority) }) }, operator)
          : deadLetterApi.bulkResolve({ ...selection, note: note.trim() }, operator)
      }
      onDone={onDone}
    >
      <Stack gap="xs">
        {dryRun.isPending && (
          <Text size="sm" c="dimmed">
            <Loader size="xs" mr="xs" />
            Counting the selected entries (dry run)…
          </Text>
        )}
        {dryRun.isError && <ErrorState title="The dry run failed" error={dryRun.error} onRetry={() => void dryRun.refetch()} />}
        {dryRun.data && (
          <Alert variant="light" color={dryRun.data.matched === 0 ? 'yellow' : 'blue'} data-testid="bulk-dry-run">
            {dryRunSummary(action, dryRun.data)}
          </Alert>
        )}
        {action === 'replay' ? (
          <NumberInput
            label="Priority of the new jobs"
            description="Optional, −1000 to 1000 (lower runs first); blank: 100 ahead of the failed job"
            value={priority}
            onChange={setPriority}
            allowDecimal={false}
            error={problem}
          />
        ) : (
          <Textarea
            label="Resolution note"
            withAsterisk
            description={`${note.length}/${DEAD_LETTER_NOTE_MAX}, kept on each entry: what was done about it`}
            autosize
            minRows={2}
            value={note}
            error={noteTouched ? problem : undefined}
            onChange={(event) => setNote(event.currentTarget.value)}
            onBlur={() => setNoteTouched(true)}
          />
        )}
      </Stack>
    </OperatorActionDialog>
  );
}
