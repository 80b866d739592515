import { Anchor, Group, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useDeadLetterEntryOfJob } from '../../api/dead-letter-queries.ts';
import { DeadLetterStatusBadge } from './DeadLetterStatusBadge.tsx';

/** On a failed job's page: the dead-letter entry its terminal failure left, with the entry's status. */
export function DeadLetterEntryLink({ jobId }: { jobId: string }) {
  const entry = useDeadLetterEntryOfJob(jobId);
  if (entry.isPending) {
    return (
      <Text size="xs" c="dimmed">
        Looking up…
      </Text>
    );
  }
  if (entry.isError) {
    return (
      <Text size="xs" c="red" data-testid="dead-letter-entry-lookup-error">
        Could not look it up: {entry.error.message}
      </Text>
    );
  }
  if (entry.data === null) return <>—</>;
  const { id, status } = entry.data;
  return (
    <Group gap="xs" wrap="nowrap">
      <Anchor
        size="sm"
        data-testid="dead-letter-entry-link"
        renderRoot={(props) => <Link to="/ops/operations/dead-letter/entry/$entryId" params={{ entryId: id }} {...props} />}
      >
        Open dead-letter entry
      </Anchor>
      <DeadLetterStatusBadge status={status} />
    </Group>
  );
}
