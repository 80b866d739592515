import type { ScanSummary } from '@execops/contract';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Duration } from '../../components/Duration.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { ScanStateBadge, SeverityCountBadges } from './ScanBadges.tsx';

const COLUMNS = ['Target', 'State', 'Findings', 'vs baseline', 'Started', 'Duration'] as const;

/** Scans newest first; each opens its detail page. */
export function RecentScansTable({ scans }: { scans: readonly ScanSummary[] }) {
  return (
    <ListTable columns={COLUMNS} minWidth={760} testId="scans-table">
      {scans.map((scan) => (
        <Table.Tr key={scan.id} data-testid="scan-row">
          <Table.Td>
            <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/scans/$scanId" params={{ scanId: scan.id }} {...props} />} data-testid="scan-link">
              {scan.targetName}
            </Anchor>
            {scan.isBaseline && (
              <Text span size="xs" c="dimmed" ml={6}>
                baseline
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <ScanStateBadge state={scan.state} />
          </Table.Td>
          <Table.Td>
            <SeverityCountBadges counts={scan.severities} />
          </Table.Td>
          <Table.Td>
            {scan.comparison?.baselineScanId ? `+${scan.comparison.new} new, −${scan.comparison.fixed} fixed` : '—'}
          </Table.Td>
          <Table.Td>
            <Timestamp iso={scan.createdAt} />
          </Table.Td>
          <Table.Td>
            <Duration ms={scan.durationMs} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
