import { RUN_STATES, SCHEDULE_STATES, WORKER_STATES, type RunState, type SchedulerStatus, type WorkerState } from '@execops/contract';
import { SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { CountCard } from '../../components/CountCard.tsx';
import { RunStateBadge } from '../runs/RunStateBadge.tsx';
import { ScheduleStateBadge } from '../schedules/ScheduleStateBadge.tsx';
import { WorkerStateBadge } from '../workers/WorkerStateBadge.tsx';

/** The states of an unfinished run. */
export const ACTIVE_RUN_STATES = ['planning', 'queued', 'running'] as const satisfies readonly RunState[];

function CountSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
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
      {children}
    </Stack>
  );
}

export function ScheduleCounts({ status }: { status: SchedulerStatus }) {
  return (
    <CountSection title="Schedules" description="By state; each opens the schedules list with that filter.">
      <SimpleGrid cols={{ base: 3 }} spacing="sm" aria-label="Schedules by state">
        {SCHEDULE_STATES.map((state) => (
          <CountCard
            key={state}
            heading={<ScheduleStateBadge state={state} />}
            value={status.schedules[state]}
            to="/ops/operations/scheduler/schedules"
            search={{ state }}
            label={`${status.schedules[state]} ${state} schedules`}
            testId={`schedules-count-${state}`}
          />
        ))}
      </SimpleGrid>
    </CountSection>
  );
}

export function ActiveRunCounts({ status }: { status: SchedulerStatus }) {
  return (
    <CountSection title="Active runs" description="Unfinished runs, whenever they started.">
      <SimpleGrid cols={{ base: 3 }} spacing="sm" aria-label="Active runs by state">
        {ACTIVE_RUN_STATES.map((state) => (
          <CountCard
            key={state}
            heading={<RunStateBadge state={state} />}
            value={status.activeRuns[state]}
            to="/ops/operations/scheduler/runs"
            search={{ state }}
            label={`${status.activeRuns[state]} ${state} runs`}
            testId={`active-runs-${state}`}
          />
        ))}
      </SimpleGrid>
    </CountSection>
  );
}

export function RecentRunCounts({ status }: { status: SchedulerStatus }) {
  return (
    <CountSection title="Runs of the last 24 h" description="Created since the window began, by state now.">
      <SimpleGrid cols={{ base: 3, md: 6 }} spacing="sm" aria-label="Runs of the last 24 hours by state">
        {RUN_STATES.map((state) => (
          <CountCard
            key={state}
            heading={<RunStateBadge state={state} />}
            value={status.recentRuns[state]}
            to="/ops/operations/scheduler/runs"
            search={{ state, createdAfter: status.since }}
            label={`${status.recentRuns[state]} ${state} runs in the last 24 hours`}
            testId={`recent-runs-${state}`}
          />
        ))}
      </SimpleGrid>
    </CountSection>
  );
}

export function FleetCounts({ counts }: { counts: Record<WorkerState, number> }) {
  return (
    <CountSection title="Worker fleet" description="Workers by heartbeat state; each opens the workers page with that filter.">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" aria-label="Workers by state">
        {WORKER_STATES.map((state) => (
          <CountCard
            key={state}
            heading={<WorkerStateBadge state={state} />}
            value={counts[state]}
            to="/ops/operations/scheduler/workers"
            search={{ state }}
            label={`${counts[state]} ${state} workers`}
            testId={`workers-count-${state}`}
          />
        ))}
      </SimpleGrid>
    </CountSection>
  );
}
