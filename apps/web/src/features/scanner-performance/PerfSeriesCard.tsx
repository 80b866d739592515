import type { PerfSeries } from '@execops/contract';
import { Group, Paper, Text, Title } from '@mantine/core';
import { useMemo } from 'react';
import { TimeSeriesChart, type ChartSeries } from '../../components/TimeSeriesChart.tsx';
import { formatDuration } from '../../time/format-duration.ts';
import { RegressionBadge } from './RegressionBadge.tsx';
import { metricLabel } from './perf-search.ts';

const SERIES: readonly ChartSeries[] = [
  { label: 'Duration', color: 'blue', style: 'line' },
  { label: 'Baseline max', color: 'gray', style: 'line' },
];

/** One metric's durations over the window against its performance baseline. */
export function PerfSeriesCard({ series }: { series: PerfSeries }) {
  const { x, values } = useMemo(() => {
    const baseline = series.baseline?.maxMs ?? null;
    return {
      x: series.points.map((point) => Date.parse(point.at) / 1000),
      values: [series.points.map((point) => point.durationMs), series.points.map(() => baseline)],
    };
  }, [series]);
  const label = metricLabel(series.metric);
  return (
    <Paper withBorder p="md" data-testid="perf-series">
      <Group justify="space-between" mb="xs">
        <Title order={3} fz="h5">
          {label}
        </Title>
        <RegressionBadge regression={series.regression} />
      </Group>
      <Text size="xs" c="dimmed" mb="xs">
        {series.points.length} run{series.points.length === 1 ? '' : 's'} · slowest {series.regression.maxMs === null ? '—' : formatDuration(series.regression.maxMs)} · baseline{' '}
        {series.baseline ? formatDuration(series.baseline.maxMs) : 'not set'}
      </Text>
      {series.points.length === 0 ? (
        <Text size="sm" c="dimmed">
          No run in this window.
        </Text>
      ) : (
        <TimeSeriesChart label={`${label} duration`} x={x} series={SERIES} values={values} formatValue={formatDuration} slotLabel="Run" height={160} />
      )}
    </Paper>
  );
}
