import type { ScanFinding } from '@execops/contract';
import { Code, Table, Text } from '@mantine/core';
import { ListTable } from '../../components/ListTable.tsx';
import { SeverityBadge } from './ScanBadges.tsx';

const COLUMNS = ['Severity', 'Advisory', 'Package', 'Version', 'Fixed in', 'Summary'] as const;

/** Findings as the API orders them (most severe first). */
export function FindingsTable({ findings, testId = 'findings-table' }: { findings: readonly ScanFinding[]; testId?: string }) {
  return (
    <ListTable columns={COLUMNS} minWidth={900} testId={testId}>
      {findings.map((finding) => (
        <Table.Tr key={`${finding.advisoryId} ${finding.purl}`} data-testid="finding-row">
          <Table.Td>
            <SeverityBadge severity={finding.severity} />
            {finding.score !== null && (
              <Text span size="xs" c="dimmed" ml={4}>
                {finding.score.toFixed(1)}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Code>{finding.advisoryId}</Code>
            {finding.aliases.length > 0 && (
              <Text size="xs" c="dimmed">
                {finding.aliases.join(', ')}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Text size="sm">{finding.name}</Text>
            <Text size="xs" c="dimmed">
              {finding.ecosystem}
            </Text>
          </Table.Td>
          <Table.Td>
            <Code>{finding.version}</Code>
          </Table.Td>
          <Table.Td>{finding.fixedVersions.length > 0 ? finding.fixedVersions.join(', ') : '—'}</Table.Td>
          <Table.Td maw={360}>
            <Text size="sm">{finding.summary}</Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
