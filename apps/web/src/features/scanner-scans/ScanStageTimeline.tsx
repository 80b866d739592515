import type { ScanEvent, ScanState } from '@execops/contract';
import { Group, Skeleton, Text, Timeline } from '@mantine/core';
import type { ReactNode } from 'react';
import { useScanTimeline } from '../../api/scanner-scans-queries.ts';
import { formatBytes } from '../../components/ByteSize.tsx';
import { Duration } from '../../components/Duration.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { AnalyzerOutcomeBadge, ScanStateBadge } from './ScanBadges.tsx';

const componentCount = (n: number | null) => (n === null ? 'no components' : `${n} ${n === 1 ? 'component' : 'components'}`);

function finished(state: ScanState, error: string | null) {
  return {
    title: 'finished',
    detail: (
      <Group gap="xs">
        <ScanStateBadge state={state} />
        {error && (
          <Text size="sm" c="red">
            {error}
          </Text>
        )}
      </Group>
    ),
  };
}

/** The stage an event marks and what it reports. */
function describe(event: ScanEvent): { title: string; detail: ReactNode } {
  switch (event.type) {
    case 'scan.created':
      return { title: 'created', detail: `${event.data.trigger}; analyzers ${event.data.analyzers.join(', ')}` };
    case 'scan.started':
      return { title: 'started', detail: null };
    case 'scan.resolved':
      return { title: 'target resolved', detail: `${event.data.format}, ${event.data.files} files kept, ${formatBytes(event.data.bytes)}` };
    case 'scan.analyzer_finished':
      return {
        title: `analyzer ${event.data.analyzer}`,
        detail: (
          <Group gap="xs">
            <AnalyzerOutcomeBadge outcome={event.data.outcome} />
            <Text size="sm">{componentCount(event.data.components)}</Text>
            <Duration ms={event.data.durationMs} />
            {event.data.cacheHit && <Text size="sm">cache hit</Text>}
          </Group>
        ),
      };
    case 'scan.matched':
      return { title: 'matched', detail: `${event.data.components} components, ${event.data.findings} findings` };
    case 'scan.reported':
      return { title: 'report written', detail: formatBytes(event.data.bytes) };
    case 'scan.compared':
      return {
        title: 'compared',
        detail:
          event.data.baselineScanId === null
            ? 'no baseline for this target'
            : `${event.data.new} new, ${event.data.fixed} fixed, ${event.data.unchanged} unchanged against the baseline`,
      };
    case 'scan.succeeded':
      return finished('succeeded', event.data.error);
    case 'scan.partial':
      return finished('partial', event.data.error);
    case 'scan.failed':
      return finished('failed', event.data.error);
    case 'scan.canceled':
      return finished('canceled', event.data.error);
    case 'scan.resumed':
      return { title: 'resumed', detail: `${event.data.jobType} replayed (job ${event.data.jobId})` };
  }
}

/** What ran, when and how it went: the scan's events, oldest first, refreshed by its live events. */
export function ScanStageTimeline({ scanId }: { scanId: string }) {
  const timeline = useScanTimeline(scanId);
  if (timeline.isPending) return <Skeleton height={160} />;
  if (timeline.isError) return <ErrorState title="The timeline could not be loaded" error={timeline.error} onRetry={() => void timeline.refetch()} />;
  const events = timeline.data.items;
  if (events.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No events recorded for this scan.
      </Text>
    );
  }
  return (
    <Timeline active={events.length - 1} bulletSize={14} lineWidth={2} data-testid="scan-timeline">
      {events.map((event) => {
        const { title, detail } = describe(event);
        return (
          <Timeline.Item
            key={event.id}
            data-testid="scan-timeline-item"
            data-type={event.type}
            title={
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {title}
                </Text>
                <Text size="xs" c="dimmed">
                  <Timestamp iso={event.ts} />
                </Text>
              </Group>
            }
          >
            {typeof detail === 'string' ? <Text size="sm">{detail}</Text> : detail}
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
