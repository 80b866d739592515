import type { StreamEvent } from '@execops/contract';
import { Badge, Code, Group, Skeleton, Text, Timeline } from '@mantine/core';
import { useJobEvents } from '../../api/job-detail-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';

/** `{"from":0,"to":-50}` on one line; nothing for an empty object. */
function dataSummary(data: StreamEvent['data']): string | null {
  if (data === null || (typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0)) return null;
  return JSON.stringify(data);
}

function EventItemTitle({ event }: { event: StreamEvent }) {
  return (
    <Group gap="xs">
      <Badge variant="light" size="sm">
        {event.type}
      </Badge>
      <Text size="xs" c="dimmed">
        <Timestamp iso={event.ts} />
      </Text>
    </Group>
  );
}

/** Everything that happened to the job, oldest first; refetched on the job's live events. */
export function JobEventsTimeline({ jobId }: { jobId: string }) {
  const events = useJobEvents(jobId);
  if (events.isPending) return <Skeleton height={160} data-testid="events-loading" />;
  if (events.isError) return <ErrorState title="Events could not be loaded" error={events.error} onRetry={() => void events.refetch()} />;
  if (events.data.items.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="events-empty">
        No events recorded for this job.
      </Text>
    );
  }
  return (
    <Timeline active={events.data.items.length - 1} bulletSize={14} lineWidth={2} data-testid="events-timeline">
      {events.data.items.map((event) => {
        const summary = dataSummary(event.data);
        return (
          <Timeline.Item key={event.id} title={<EventItemTitle event={event} />} data-testid="event-item" data-type={event.type}>
            {summary && (
              <Code fz="xs" style={{ wordBreak: 'break-all' }}>
                {summary}
              </Code>
            )}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
