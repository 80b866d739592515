import { EmptyState, Group, Paper, SimpleGrid, Text, Title } from '@mantine/core';
import { IconChartBar } from '@tabler/icons-react';
import { useMemo } from 'react';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.tsx';
import { failureRate, formatPercent, type ThroughputSeries } from './queue-summary.ts';

const THROUGHPUT_SERIES: readonly ChartSeries[] = [
  { label: 'Succeeded', color: 'green', style: 'bars' },
  { label: 'Failed', color: 'red', style: 'bars' },
];
const FAILURE_RATE_SERIES: readonly ChartSeries[] = [{ label: 'Failure rate', color: 'red', style: 'line' }];
const percentLabel = (value: number) => `${Math.round(value)} %`;

/** Finished jobs per minute and the failure rate over the health window, summed over every queue. */
export function ThroughputCharts({ series, windowMinutes }: { series: ThroughputSeries; windowMinutes: number }) {
  const counts = useMemo(() => [series.succeeded, series.failed], [series]);
  const rates = useMemo(() => [series.failureRatePercent], [series]);
  const finished = series.totalSucceeded + series.totalFailed;
  const windowLabel = `last ${windowMinutes} minutes`;
  if (finished === 0) {
    return (
      <Paper withBorder p="md">
        <EmptyState
          data-testid="throughput-empty"
          icon={<IconChartBar />}
          withIndicatorBackground
          title={`No job finished in the ${windowLabel}`}
          description="Throughput and failure rate appear here as soon as jobs succeed or fail."
        />
      </Paper>
    );
  }
  return (
    <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="h4">
            Throughput
          </Title>
          <Text size="sm" c="dimmed" data-testid="throughput-totals">
            {series.totalSucceeded} succeeded · {series.totalFailed} failed · {windowLabel}
          </Text>
        </Group>
        <TimeSeriesChart
          label={`Jobs finished per minute, ${windowLabel}`}
          x={series.minutes}
          series={THROUGHPUT_SERIES}
          values={counts}
          testId="throughput-chart"
        />
      </Paper>
      <Paper withBorder p="md">
        <Group justify="space-between" mb="xs">
          <Title order={2} fz="h4">
            Failure rate
          </Title>
          <Text size="sm" c="dimmed" data-testid="failure-rate-total">
            {formatPercent(failureRate(series.totalSucceeded, series.totalFailed))} over the {windowLabel}
          </Text>
        </Group>
        <TimeSeriesChart
          label={`Share of finished jobs that failed per minute, ${windowLabel}`}
          x={series.minutes}
          series={FAILURE_RATE_SERIES}
          values={rates}
          yMax={100}
          formatValue={percentLabel}
          testId="failure-rate-chart"
        />
      </Paper>
    </SimpleGrid>
  );
}
