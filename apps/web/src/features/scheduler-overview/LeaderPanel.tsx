import type { SchedulerLeaderInfo } from '@execops/contract';
import { Badge, DataList, Text } from '@mantine/core';
import { DetailSection } from '../../components/DetailSection.tsx';
import { DataField } from '../../components/DataField.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';

/** The process that fires schedules: the holder of the leader lease, its fencing term and since when it leads. */
export function LeaderPanel({ leader }: { leader: SchedulerLeaderInfo | null }) {
  return (
    <DetailSection title="Scheduler leader">
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
          <DataField label="Leading since">
            <span data-testid="leader-since">
              <Timestamp iso={leader.since} />
            </span>
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
    </DetailSection>
  );
}
