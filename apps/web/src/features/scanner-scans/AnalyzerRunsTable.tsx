import type { ScanAnalyzerRun } from '@execops/contract';
import { Code, Table, Text } from '@mantine/core';
import { Duration } from '../../components/Duration.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { AnalyzerOutcomeBadge } from './ScanBadges.tsx';

const COLUMNS = ['Analyzer', 'Outcome', 'Components', 'Duration', 'Cache', 'Error'] as const;

/** One row per analyzer job of the scan. */
export function AnalyzerRunsTable({ runs }: { runs: readonly ScanAnalyzerRun[] }) {
  return (
    <ListTable columns={COLUMNS} minWidth={720} testId="analyzer-runs">
      {runs.map((run) => (
        <Table.Tr key={run.analyzer}>
          <Table.Td>
            <Code>{run.analyzer}</Code>{' '}
            <Text span size="xs" c="dimmed">
              {run.analyzerVersion}
            </Text>
          </Table.Td>
          <Table.Td>
            {run.outcome ? <AnalyzerOutcomeBadge outcome={run.outcome} /> : 'running'}
          </Table.Td>
          <Table.Td>{run.components ?? '—'}</Table.Td>
          <Table.Td>
            <Duration ms={run.durationMs} />
          </Table.Td>
          <Table.Td>{run.cacheHit ? 'hit' : 'miss'}</Table.Td>
          <Table.Td maw={320}>
            <Text size="sm" c={run.error ? 'red' : 'dimmed'}>
              {run.error ?? '—'}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
