import { DEAD_LETTER_NOTE_MAX, type DeadLetterEntry } from '@execops/contract';
import { Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useResolveDeadLetterEntry } from '../../api/dead-letter-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { resolutionNoteProblem } from './resolution-note.ts';

/** Mount it only while open, so the note starts empty each time. */
export function ResolveEntryDialog({ entry, onClose }: { entry: DeadLetterEntry; onClose: () => void }) {
  const [note, setNote] = useState('');
  const resolve = useResolveDeadLetterEntry(entry.id);
  const problem = resolutionNoteProblem(note);

  return (
    <OperatorActionDialog
      title="Resolve entry"
      opened
      onClose={onClose}
      confirmLabel="Resolve entry"
      color="green"
      blocked={problem}
      onConfirm={(operator) => resolve.mutateAsync({ note: note.trim(), operator })}
    >
      <Text size="sm">
        Resolving closes the entry for good: it leaves the open queue and can no longer be replayed. Say what was done about
        it; the note stays on the entry and in its exports.
      </Text>
      <Textarea
        label="Resolution note"
        required
        autosize
        minRows={3}
        maxRows={8}
        maxLength={DEAD_LETTER_NOTE_MAX}
        description={`${note.length}/${DEAD_LETTER_NOTE_MAX}`}
        value={note}
        onChange={(event) => setNote(event.currentTarget.value)}
      />
    </OperatorActionDialog>
  );
}
