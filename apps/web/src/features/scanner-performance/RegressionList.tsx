import { Anchor, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMemo } from 'react';
import { usePerformance } from '../../api/scanner-scans-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { RegressionBadge } from './RegressionBadge.tsx';
import { DEFAULT_PERF_WINDOW, metricLabel, windowQuery } from './perf-search.ts';

/** The overview's performance card: the series over their baseline by 20 % or more in the last 7 days. */
export function RegressionList() {
  const query = useMemo(() => windowQuery(DEFAULT_PERF_WINDOW, Date.now()), []);
  const performance = usePerformance(query);
  const alerts = performance.data?.series.filter((series) => series.regression.alert) ?? [];
  return (
    <Paper withBorder p="md" data-testid="regressions">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Regressions (7 days)
        </Title>
        <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/performance" {...props} />} size="sm">
          Open performance
        </Anchor>
      </Group>
      {performance.isPending && <Skeleton height={60} />}
      {performance.isError && <ErrorState title="Performance could not be loaded" error={performance.error} onRetry={() => void performance.refetch()} />}
      {performance.data &&
        (alerts.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="no-regressions">
            No series is 20 % or more over its baseline.
          </Text>
        ) : (
          <Stack gap={4}>
            {alerts.map((series) => (
              <Group key={series.metric} gap="sm">
                <Text size="sm">{metricLabel(series.metric)}</Text>
                <RegressionBadge regression={series.regression} />
              </Group>
            ))}
          </Stack>
        ))}
    </Paper>
  );
}
