import { RUN_STATES, SCHEDULE_STATES, WORKER_STATES, type RunState, type SchedulerStatus, type WorkerState } from '@execops/contract';
import { SimpleGrid, Stack, Text, Title, type SimpleGridProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { CountCard, type CountCardProps } from '../../components/CountCard.tsx';
import { RunStateBadge } from '../runs/RunStateBadge.tsx';
import { ScheduleStateBadge } from '../schedules/ScheduleStateBadge.tsx';
import { WorkerStateBadge } from '../workers/WorkerStateBadge.tsx';

/** The states of an unfinished run. */
export const ACTIVE_RUN_STATES = ['planning', 'queued', 'running'] as const satisfies readonly RunState[];

interface StateCountsProps<S extends string> {
  title: string;
  description: string;
  states: readonly S[];
  counts: Record<S, number>;
  badge: (state: S) => ReactNode;
  /** "runs" in "3 queued runs". */
  noun: string;
  to: CountCardProps['to'];
  search: (state: S) => CountCardProps['search'];
  testIdPrefix: string;
  cols: SimpleGridProps['cols'];
}

/** A titled row of count cards, one per state, each opening `to` filtered to its state. */
function StateCounts<S extends string>({ title, description, states, counts, badge, noun, to, search, testIdPrefix, cols }: StateCountsProps<S>) {
  return (
    <Stack gap="xs">
      <div>
        <Title order={2} fz="h4">
          {title}
        </Title>
        <Text size="sm" c="dimmed">
          {description}
        </Text>
      </div>
      <SimpleGrid cols={cols} spacing="sm" aria-label={title}>
        {states.map((state) => (
          <CountCard
            key={state}
            heading={badge(state)}
            value={counts[state]}
            to={to}
            search={search(state)}
            label={`${counts[state]} ${state} ${noun}`}
            testId={`${testIdPrefix}-${state}`}
          />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

export function ScheduleCounts({ status }: { status: SchedulerStatus }) {
  return (
    <StateCounts
      title="Schedules"
      description="By state; each opens the schedules list with that filter."
      states={SCHEDULE_STATES}
      counts={status.schedules}
      badge={(state) => <ScheduleStateBadge state={state} />}
      noun="schedules"
      to="/ops/operations/scheduler/schedules"
      search={(state) => ({ state })}
      testIdPrefix="schedules-count"
      cols={3}
    />
  );
}

export function ActiveRunCounts({ status }: { status: SchedulerStatus }) {
  return (
    <StateCounts
      title="Active runs"
      description="Unfinished runs, whenever they started."
      states={ACTIVE_RUN_STATES}
      counts={status.activeRuns}
      badge={(state) => <RunStateBadge state={state} />}
      noun="runs"
      to="/ops/operations/scheduler/runs"
      search={(state) => ({ state })}
      testIdPrefix="active-runs"
      cols={3}
    />
  );
}

export function RecentRunCounts({ status }: { status: SchedulerStatus }) {
  return (
    <StateCounts
      title="Runs of the last 24 h"
      description="Created since the window began, by state now."
      states={RUN_STATES}
      counts={status.recentRuns}
      badge={(state) => <RunStateBadge state={state} />}
      noun="runs in the last 24 hours"
      to="/ops/operations/scheduler/runs"
      search={(state) => ({ state, createdAfter: status.since })}
      testIdPrefix="recent-runs"
      cols={{ base: 3, md: 6 }}
    />
  );
}

export function FleetCounts({ counts }: { counts: Record<WorkerState, number> }) {
  return (
    <StateCounts
      title="Worker fleet"
      description="Workers by heartbeat state; each opens the workers page with that filter."
      states={WORKER_STATES}
      counts={counts}
      badge={(state) => <WorkerStateBadge state={state} />}
      noun="workers"
      to="/ops/operations/scheduler/workers"
      search={(state) => ({ state })}
      testIdPrefix="workers-count"
      cols={{ base: 2, sm: 4 }}
    />
  );
}
