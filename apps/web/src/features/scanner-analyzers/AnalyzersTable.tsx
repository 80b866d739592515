import type { AnalyzerEntry } from '@execops/contract';
import { Button, Code, Table, Text } from '@mantine/core';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { Duration } from '../../components/Duration.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { AnalyzerHealthBadge } from './AnalyzerHealthBadge.tsx';
import { AnalyzerSourceBadge } from './AnalyzerSourceBadge.tsx';
import { percent } from './analyzer-health.ts';

const COLUMNS = ['Analyzer', 'Reads', 'Source', 'Health', 'Last run', 'Success', 'p95', 'Cache hits', 'Last error', ''] as const;

interface AnalyzersTableProps {
  analyzers: readonly AnalyzerEntry[];
  missingScope: string | null;
  onToggle: (analyzer: AnalyzerEntry) => void;
}

/** The registry with each analyzer's health over the window. */
export function AnalyzersTable({ analyzers, missingScope, onToggle }: AnalyzersTableProps) {
  return (
    <ListTable columns={COLUMNS} minWidth={1180} testId="analyzers-table">
      {analyzers.map((analyzer) => {
        const label = analyzer.enabled ? 'Disable' : 'Enable';
        return (
          <Table.Tr key={analyzer.id} data-testid="analyzer-row">
            <Table.Td>
              <Code>{analyzer.id}</Code>
              <Text size="xs" c="dimmed">
                {analyzer.version}
              </Text>
            </Table.Td>
            <Table.Td>{analyzer.ecosystem}</Table.Td>
            <Table.Td>
              <AnalyzerSourceBadge analyzer={analyzer} />
            </Table.Td>
            <Table.Td>
              <AnalyzerHealthBadge analyzer={analyzer} />
            </Table.Td>
            <Table.Td>
              <Timestamp iso={analyzer.health.lastRunAt} />
              <Text size="xs" c="dimmed">
                {analyzer.health.runs} run{analyzer.health.runs === 1 ? '' : 's'}
              </Text>
            </Table.Td>
            <Table.Td>{percent(analyzer.health.successRate)}</Table.Td>
            <Table.Td>
              <Duration ms={analyzer.health.p95DurationMs} />
            </Table.Td>
            <Table.Td>{percent(analyzer.health.cacheHitRate)}</Table.Td>
            <Table.Td maw={260}>
              <Text size="sm" c={analyzer.health.lastError ? 'red' : 'dimmed'}>
                {analyzer.health.lastError ?? (analyzer.probe && !analyzer.probe.ok ? analyzer.probe.message : '—')}
              </Text>
            </Table.Td>
            <Table.Td>
              {missingScope ? (
                <DisabledAction label={label} reason={missingScope} size="compact-sm" />
              ) : (
                <Button size="compact-sm" variant="light" color={analyzer.enabled ? 'orange' : 'blue'} onClick={() => onToggle(analyzer)}>
                  {label}
                </Button>
              )}
            </Table.Td>
          </Table.Tr>
        );
      })}
    </ListTable>
  );
}
