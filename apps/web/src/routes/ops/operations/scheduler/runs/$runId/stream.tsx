import { LOG_LEVELS, RUN_STREAM_EVENT_TYPES, RUN_TERMINAL_STATES, type Run, type RunStreamEvent } from '@execops/contract';
import { Chip, Group, SegmentedControl, Skeleton, Stack, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { createFileRoute } from '@tanstack/react-router';
import { useEffect, useMemo, type ReactNode } from 'react';
import { ApiError } from '../../../../../../api/client.ts';
import { useRun } from '../../../../../../api/scheduler-queries.ts';
import { ErrorState } from '../../../../../../components/ErrorState.tsx';
import { PageFrame } from '../../../../../../components/PageFrame.tsx';
import { RunActions } from '../../../../../../features/run-stream/RunActions.tsx';
import { RunEventDetail } from '../../../../../../features/run-stream/RunEventDetail.tsx';
import { RunEventList } from '../../../../../../features/run-stream/RunEventList.tsx';
import { RunNotFound } from '../../../../../../features/run-stream/RunNotFound.tsx';
import { RunStreamHeader } from '../../../../../../features/run-stream/RunStreamHeader.tsx';
import { itemMatches, TYPE_LABELS } from '../../../../../../features/run-stream/run-stream-items.ts';
import { RunStreamSearchSchema, type RunStreamSearch } from '../../../../../../features/run-stream/run-stream-search.ts';
import { StreamConnectionBadge } from '../../../../../../features/run-stream/StreamConnectionBadge.tsx';
import { useRunStream } from '../../../../../../features/run-stream/use-run-stream.ts';

export const Route = createFileRoute('/ops/operations/scheduler/runs/$runId/stream')({
  validateSearch: RunStreamSearchSchema,
  staticData: { title: 'Run stream', section: 'scheduler' },
  component: RunStreamPage,
});

function RunStreamPage() {
  const { runId } = Route.useParams();
  const run = useRun(runId);
  const notFound = run.error instanceof ApiError && run.error.isNotFound;

  let body: ReactNode;
  if (run.isPending) body = <Skeleton height={320} data-testid="run-loading" />;
  else if (notFound) body = <RunNotFound runId={runId} />;
  else if (run.isError && !run.data) body = <ErrorState title="The run could not be loaded" error={run.error} onRetry={() => void run.refetch()} />;
  else if (run.data) body = <RunStreamBody key={run.data.id} run={run.data} refetchRun={run.refetch} />;

  const summary = run.data ? `${run.data.scheduleName ?? 'Run'} · ${run.data.trigger} run ${run.data.id}` : `Run ${runId}`;
  return (
    <PageFrame title="Run stream" summary={summary} action={notFound ? undefined : <RunActions run={run.data} />}>
      {body}
    </PageFrame>
  );
}

const LEVEL_CHOICES = LOG_LEVELS.map((level) => ({ value: level, label: level === 'debug' ? 'all levels' : `${level}+` }));

/** `refetchRun` is the query's own (stable) refetch. */
function RunStreamBody({ run, refetchRun }: { run: Run; refetchRun: () => Promise<unknown> }) {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const { items, connection } = useRunStream(run.id, true);

  // The header's times and the actions follow the run's state as the stream reports it.
  const stateChanges = useMemo(() => items.filter((item) => item.type === 'stateChanged').length, [items]);
  useEffect(() => {
    if (stateChanges > 0) void refetchRun();
  }, [stateChanges, refetchRun]);
  useHotkeys([['r', () => void refetchRun()]]);

  const latestProgress = useMemo(() => items.findLast((item): item is Extract<RunStreamEvent, { type: 'progress' }> => item.type === 'progress'), [items]);
  const progress = latestProgress ? { progress: { processed: latestProgress.processed, total: latestProgress.total }, counts: latestProgress.counts } : run;
  const shown = useMemo(() => items.filter((item) => itemMatches(item, search)), [items, search]);
  const selected = search.event === undefined ? undefined : items.find((item) => item.id === search.event);

  const setSearch = (change: Partial<RunStreamSearch>) => void navigate({ search: (previous) => ({ ...previous, ...change }), replace: true });
  const types = search.type?.split(',') ?? [];
  const filtered = search.level !== undefined || search.type !== undefined;

  return (
    <Stack gap="md">
      <RunStreamHeader
        run={run}
        progress={progress}
        connection={<StreamConnectionBadge connection={connection} ended={RUN_TERMINAL_STATES.includes(run.state)} />}
      />
      <Group align="flex-end" gap="lg">
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Level
          </Text>
          <SegmentedControl
            aria-label="Least severe level shown"
            value={search.level ?? 'debug'}
            data={LEVEL_CHOICES}
            onChange={(value) => setSearch({ level: LOG_LEVELS.find((level) => level === value && level !== 'debug') })}
          />
        </Stack>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Types (none: all)
          </Text>
          <Chip.Group multiple value={types} onChange={(next) => setSearch({ type: RUN_STREAM_EVENT_TYPES.filter((t) => next.includes(t)).join(',') || undefined })}>
            <Group gap="xs">
              {RUN_STREAM_EVENT_TYPES.map((type) => (
                <Chip key={type} value={type} size="xs">
                  {TYPE_LABELS[type]}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </Stack>
      </Group>
      <RunEventList
        items={shown}
        received={items.length}
        emptyText={
          items.length > 0 && filtered
            ? 'No event matches the filter.'
            : connection.kind === 'open'
              ? 'No events yet; they appear here as the run changes.'
              : 'Waiting for the run stream.'
        }
        selectedId={search.event}
        onSelect={(event) => setSearch({ event })}
      />
      {selected && <RunEventDetail item={selected} />}
      {search.event !== undefined && !selected && connection.kind === 'open' && items.length > 0 && (
        <Text size="sm" c="dimmed" data-testid="selected-event-missing">
          The linked event {search.event} is not in this run's stream.
        </Text>
      )}
    </Stack>
  );
}
