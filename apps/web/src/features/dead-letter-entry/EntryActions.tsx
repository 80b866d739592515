import type { DeadLetterEntry, ReplayDeadLetterResponse } from '@execops/contract';
import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconRepeat } from '@tabler/icons-react';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { ReplayEntryDialog } from './ReplayEntryDialog.tsx';
import { ResolveEntryDialog } from './ResolveEntryDialog.tsx';

const LABELS = { replay: 'Replay entry', resolve: 'Resolve entry' } as const;

interface EntryActionsProps {
  entry: DeadLetterEntry | undefined;
  onReplayed: (result: ReplayDeadLetterResponse) => void;
}

/** Replay and resolve; a resolved entry is closed, and both say so. */
export function EntryActions({ entry, onReplayed }: EntryActionsProps) {
  const [replayOpened, replayDialog] = useDisclosure(false);
  const [resolveOpened, resolveDialog] = useDisclosure(false);
  const missingScope = useMissingScope('deadletter:operate');

  if (!entry || entry.status === 'resolved' || missingScope) {
    const reason = missingScope
      ? missingScope
      : entry
      ? `Resolved by ${entry.resolution?.by ?? 'an operator'}: a resolved entry is closed. The failed job can still be replayed from its own page.`
      : 'Loading the entry';
    return (
      <Group gap="sm" wrap="nowrap">
        <DisabledAction label={LABELS.replay} reason={reason} />
        <DisabledAction label={LABELS.resolve} reason={reason} />
      </Group>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap">
      <Button variant="default" leftSection={<IconRepeat size={16} />} onClick={replayDialog.open}>
        {LABELS.replay}
      </Button>
      <Button color="green" leftSection={<IconCircleCheck size={16} />} onClick={resolveDialog.open}>
        {LABELS.resolve}
      </Button>
      {replayOpened && <ReplayEntryDialog entry={entry} onClose={replayDialog.close} onReplayed={onReplayed} />}
      {resolveOpened && <ResolveEntryDialog entry={entry} onClose={resolveDialog.close} />}
    </Group>
  );
}
