import { Anchor, Group, Paper, Skeleton, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useAnalyzers } from '../../api/scanner-scans-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { AnalyzerHealthBadge } from './AnalyzerHealthBadge.tsx';
import { isUnhealthy } from './analyzer-health.ts';

/** The overview's analyzer card: how many are enabled and failing, each with its health. */
export function AnalyzerHealthSummary() {
  const analyzers = useAnalyzers();
  const items = analyzers.data?.items ?? [];
  const enabled = items.filter((a) => a.enabled).length;
  const failing = items.filter(isUnhealthy).length;
  return (
    <Paper withBorder p="md" data-testid="analyzer-summary">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Analyzers
        </Title>
        <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/analyzers" {...props} />} size="sm">
          Open analyzers
        </Anchor>
      </Group>
      {analyzers.isPending && <Skeleton height={80} />}
      {analyzers.isError && <ErrorState title="Analyzers could not be loaded" error={analyzers.error} onRetry={() => void analyzers.refetch()} />}
      {analyzers.data && (
        <>
          <Text size="sm" mb="xs" data-testid="analyzer-counts">
            {enabled} of {items.length} enabled{failing > 0 ? `, ${failing} failing` : ''}
          </Text>
          <Group gap="xs">
            {items.map((analyzer) => (
              <Group key={analyzer.id} gap={4} wrap="nowrap">
                <Text size="sm" ff="monospace">
                  {analyzer.id}
                </Text>
                <AnalyzerHealthBadge analyzer={analyzer} />
              </Group>
            ))}
          </Group>
        </>
      )}
    </Paper>
  );
}
