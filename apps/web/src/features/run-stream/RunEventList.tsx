import type { RunStreamEvent } from '@execops/contract';
import { Anchor, Badge, Box, Button, Group, Paper, Text, type MantineColor } from '@mantine/core';
import { IconArrowDown, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useEffect, useLayoutEffect, useRef, useState, type UIEvent } from 'react';
import { Timestamp } from '../../components/Timestamp.tsx';
import { shortJobId } from '../jobs/short-job-id.ts';
import { itemLevel, itemMessage, TYPE_LABELS } from './run-stream-items.ts';

const ROW_HEIGHT = 32;
const VIEWPORT_HEIGHT = 480;
/** Rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
const OVERSCAN = 10;
const LEVEL_COLOR = { debug: 'gray', info: 'blue', warn: 'yellow', error: 'red' } as const satisfies Record<string, MantineColor>;

interface RunEventListProps {
  items: readonly RunStreamEvent[];
  /** Shown when no item is: nothing yet, or nothing matches the filter. */
  emptyText: string;
  /** Every item received, filtered or not: new ones while paused are counted from it. */
  received: number;
  selectedId: string | undefined;
  onSelect: (id: string) => void;
}

function EventRow({ item, selected, onSelect }: { item: RunStreamEvent; selected: boolean; onSelect: (id: string) => void }) {
  const level = itemLevel(item);
  const jobId = item.type === 'jobChanged' || item.type === 'log' ? item.jobId : undefined;
  return (
    <Group
      gap="xs"
      wrap="nowrap"
      h={ROW_HEIGHT}
      px="xs"
      data-testid="run-event"
      data-type={item.type}
      data-level={level}
      data-event-id={item.id}
      data-selected={selected || undefined}
      aria-selected={selected}
      role="option"
      onClick={() => onSelect(item.id)}
      style={{
        cursor: 'pointer',
        background: selected ? 'var(--mantine-color-yellow-light)' : undefined,
        borderBottom: '1px solid var(--mantine-color-default-border)',
      }}
    >
      <Text fz="xs" ff="monospace" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
        <Timestamp iso={item.ts} />
      </Text>
      <Badge size="xs" variant="light" color={LEVEL_COLOR[level]} w={52} style={{ flexShrink: 0 }}>
        {level}
      </Badge>
      <Badge size="xs" variant="outline" color="gray" w={70} style={{ flexShrink: 0 }}>
        {TYPE_LABELS[item.type]}
      </Badge>
      <Box w={90} style={{ flexShrink: 0 }}>
        {jobId && (
          <Anchor
            ff="monospace"
            fz="xs"
            title={jobId}
            onClick={(event) => event.stopPropagation()}
            renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs/$jobId" params={{ jobId }} {...props} />}
          >
            {shortJobId(jobId)}
          </Anchor>
        )}
      </Box>
      <Text fz="sm" ff={item.type === 'log' ? 'monospace' : undefined} truncate="end" title={itemMessage(item)} style={{ minWidth: 0 }}>
        {itemMessage(item)}
      </Text>
    </Group>
  );
}

/**
 * The run's items, newest at the bottom, rendering only the rows in view (fixed-height rows). It follows new items
 * until the operator scrolls up or pauses, then counts what arrived and offers a jump back; a selected item (from a
 * shared link) is scrolled into view once it has arrived.
 */
export function RunEventList({ items, emptyText, received, selectedId, onSelect }: RunEventListProps) {
  const viewport = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [following, setFollowing] = useState(selectedId === undefined);
  const [receivedAtPause, setReceivedAtPause] = useState(received);
  const scrolledTo = useRef<string | undefined>(undefined);
  const height = items.length * ROW_HEIGHT;

  const pause = () => {
    setFollowing(false);
    setReceivedAtPause(received);
  };
  const jumpToLatest = () => {
    setFollowing(true);
    viewport.current?.scrollTo({ top: height });
  };

  useLayoutEffect(() => {
    if (following) viewport.current?.scrollTo({ top: height });
  }, [following, height]);

  const selectedIndex = selectedId === undefined ? -1 : items.findIndex((item) => item.id === selectedId);
  useEffect(() => {
    if (selectedIndex < 0 || scrolledTo.current === selectedId) return;
    scrolledTo.current = selectedId;
    setFollowing(false);
    setReceivedAtPause(received);
    viewport.current?.scrollTo({ top: Math.max(0, selectedIndex * ROW_HEIGHT - VIEWPORT_HEIGHT / 2) });
  }, [selectedIndex, selectedId, received]);

  const onScroll = (event: UIEvent<HTMLDivElement>) => {
    const el = event.currentTarget;
    setScrollTop(el.scrollTop);
    const atBottom = el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT;
    if (following && !atBottom) pause();
    else if (!following && atBottom) setFollowing(true);
  };

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length, Math.ceil((scrollTop + VIEWPORT_HEIGHT) / ROW_HEIGHT) + OVERSCAN);
  const newSincePause = following ? 0 : received - receivedAtPause;

  return (
    <Paper withBorder pos="relative">
      <Group justify="space-between" p="xs" style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}>
        <Text size="sm" c="dimmed" data-testid="run-events-count">
          {items.length} of {received} events shown
        </Text>
        <Group gap="xs">
          {newSincePause > 0 && (
            <Button size="xs" variant="light" leftSection={<IconArrowDown size={14} />} onClick={jumpToLatest} data-testid="jump-to-latest">
              {newSincePause} new {newSincePause === 1 ? 'event' : 'events'} — jump to latest
            </Button>
          )}
          <Button
            size="xs"
            variant="default"
            leftSection={following ? <IconPlayerPause size={14} /> : <IconPlayerPlay size={14} />}
            onClick={following ? pause : jumpToLatest}
          >
            {following ? 'Pause auto-scroll' : 'Resume auto-scroll'}
          </Button>
        </Group>
      </Group>
      <div ref={viewport} onScroll={onScroll} role="listbox" aria-label="Run events" data-testid="run-events" style={{ height: VIEWPORT_HEIGHT, overflowY: 'auto' }}>
        {items.length === 0 && (
          <Text size="sm" c="dimmed" p="sm" data-testid="run-events-empty">
            {emptyText}
          </Text>
        )}
        <div style={{ height, position: 'relative' }}>
          <div style={{ position: 'absolute', top: first * ROW_HEIGHT, left: 0, right: 0 }}>
            {items.slice(first, last).map((item) => (
              <EventRow key={item.id} item={item} selected={item.id === selectedId} onSelect={onSelect} />
            ))}
          </div>
        </div>
      </div>
    </Paper>
  );
}
