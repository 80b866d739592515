import { DEAD_LETTER_NOTE_MAX, JobPriority, type BulkDeadLetterResponse } from '@execops/contract';
import { NumberInput, Stack, Textarea } from '@mantine/core';
import { useState } from 'react';
import { deadLetterApi } from '../../api/dead-letter-api.ts';
import { useDeadLetterDryRun } from '../../api/dead-letter-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { BulkDryRunPreview } from '../selection/BulkDryRunPreview.tsx';
import { dryRunBlocker } from '../selection/bulk-dry-run.ts';
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

  return (
    <OperatorActionDialog
      title={text.title}
      opened
      onClose={onClose}
      confirmLabel={dryRun.data ? `${text.title} (${dryRun.data.matched})` : text.title}
      blocked={dryRunBlocker(dryRun, 'selected entries', `None of the selected entries can be ${text.will}.`) ?? problem}
      onConfirm={(operator) =>
        action === 'replay'
          ? deadLetterApi.bulkReplay({ ...selection, ...(priority === '' ? {} : { priority: Number(priority) }) }, operator)
          : deadLetterApi.bulkResolve({ ...selection, note: note.trim() }, operator)
      }
      onDone={onDone}
    >
      <Stack gap="xs">
        <BulkDryRunPreview dryRun={dryRun} counted="selected entries" summary={(data) => dryRunSummary(action, data)} />
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
