import type { Run } from '@execops/contract';
import { Progress, Stack, Text } from '@mantine/core';

/** Finished of all jobs as a bar, with the counts by job state underneath. */
export function RunProgress({ run }: { run: Run }) {
  const { processed, total } = run.progress;
  const percent = total === 0 ? 0 : Math.round((processed / total) * 100);
  const counts = Object.entries(run.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${n} ${state}`)
    .join(', ');
  return (
    <Stack gap={2} miw={140} data-testid="run-progress">
      <Progress value={percent} color={run.state === 'error' ? 'red' : undefined} aria-label={`${processed} of ${total} jobs finished`} />
      <Text size="xs" c="dimmed">
        {processed}/{total} finished{counts ? ` · ${counts}` : ''}
      </Text>
    </Stack>
  );
}
