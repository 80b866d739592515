import { WORKER_STATES, type WorkerState } from '@execops/contract';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { WorkerStateBadge } from './WorkerStateBadge.tsx';

/** The whole fleet by state; each card filters the table to that state (again: clears the filter). */
export function FleetSummary({ counts, selected }: { counts: Record<WorkerState, number>; selected: WorkerState | undefined }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" aria-label="Workers by state">
      {WORKER_STATES.map((state) => (
        <Paper
          key={state}
          withBorder
          p="sm"
          renderRoot={(props) => (
            <Link from="/ops/operations/scheduler/workers" search={(prev) => ({ ...prev, state: selected === state ? undefined : state })} {...props} />
          )}
          aria-label={`${counts[state]} ${state} workers`}
          aria-pressed={selected === state}
          data-testid={`fleet-count-${state}`}
          style={{ textDecoration: 'none', color: 'inherit', borderColor: selected === state ? 'var(--mantine-primary-color-filled)' : undefined }}
        >
          <WorkerStateBadge state={state} />
          <Text fz={28} fw={600} mt={4} ff="monospace" data-testid="fleet-count-value">
            {counts[state].toLocaleString('en-US')}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
