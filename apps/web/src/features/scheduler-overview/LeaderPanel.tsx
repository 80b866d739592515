import type { SchedulerLeaderInfo } from '@execops/contract';
import { Badge, DataList, Paper, Text, Title } from '@mantine/core';
import { DataField } from '../../components/DataField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';

/** The process that fires schedules: the holder of the leader lease and its fencing term. */
export function LeaderPanel({ leader }: { leader: SchedulerLeaderInfo | null }) {
  return (
    <Paper withBorder p="md" data-testid="scheduler-leader">
      <Title order={2} fz="h4" mb="xs">
        Scheduler leader
      </Title>
      {leader === null ? (
        <Text size="sm" c="dimmed">
          No process has taken the leader lease yet: no server with the scheduler has started against this database.
        </Text>
      ) : (
        <DataList>
          <DataField label="Holder">
            <Text ff="monospace" size="sm" data-testid="leader-holder" style={{ wordBreak: 'break-all' }}>
              {leader.holder}
            </Text>
          </DataField>
          <DataField label="Term">
            <Text ff="monospace" size="sm" data-testid="leader-term">
              {leader.term}
            </Text>
          </DataField>
          <DataField label="Lease">
            <Badge color={leader.live ? 'green' : 'red'} variant="light" tt="none" mr="xs" data-testid="leader-live">
              {leader.live ? 'held' : 'expired'}
            </Badge>
            {leader.live ? 'renewed until ' : 'ran out at '}
            <Timestamp iso={leader.leaseUntil} />
          </DataField>
        </DataList>
      )}
    </Paper>
  );
}
