import type { DeadLetterStats } from '@execops/contract';
import { EmptyState, Group, Paper, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo } from 'react';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.tsx';
import { hourlySeries } from './dead-letter-overview.ts';

const ENTRY_SERIES: readonly ChartSeries[] = [{ label: 'Dead-lettered', color: 'red', style: 'bars' }];

/** Entries dead-lettered per hour over the last 24 hours, whatever their status now. */
export function DeadLetterHourlyChart({ last24h }: { last24h: DeadLetterStats['last24h'] }) {
  const series = useMemo(() => hourlySeries(last24h), [last24h]);
  const values = useMemo(() => [series.counts], [series]);
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Title order={2} fz="h4">
          Dead-lettered per hour
        </Title>
        <Text size="sm" c="dimmed" data-testid="last24h-total">
          {series.total.toLocaleString('en-US')} in the last 24 hours
        </Text>
      </Group>
      {series.total === 0 ? (
        <EmptyState
          data-testid="last24h-empty"
          icon={<IconChartBar />}
          withIndicatorBackground
          title="Nothing was dead-lettered in the last 24 hours"
          description="Each hour's count appears here when a job fails terminally."
        />
      ) : (
        <TimeSeriesChart
          label="Entries dead-lettered per hour, last 24 hours"
          x={series.hours}
          series={ENTRY_SERIES}
          values={values}
          slotLabel="Hour"
          testId="last24h-chart"
        />
      )}
    </Paper>
  );
}
