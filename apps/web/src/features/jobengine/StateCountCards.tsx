import { JOB_STATES } from '@execops/contract';
import { Paper, SimpleGrid, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { JobStateBadge } from '../jobs/JobStateBadge.tsx';
import type { StateCounts } from './queue-summary.ts';

/** One card per job state with the tenant's count; each opens the jobs list filtered to that state. */
export function StateCountCards({ counts }: { counts: StateCounts }) {
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 5, xl: 9 }} spacing="sm" aria-label="Jobs by state">
      {JOB_STATES.map((state) => (
        <Paper
          key={state}
          withBorder
          p="sm"
          renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs" search={{ state }} {...props} />}
          aria-label={`${counts[state]} ${state} jobs`}
          data-testid={`state-count-${state}`}
          style={{ textDecoration: 'none', color: 'inherit' }}
        >
          <JobStateBadge state={state} />
          <Text fz={28} fw={600} mt={4} ff="monospace" data-testid="state-count-value">
            {counts[state].toLocaleString('en-US')}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}
