import type { Baseline } from '@execops/contract';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { ListTable } from '../../components/ListTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { SeverityCountBadges } from '../scanner-scans/ScanBadges.tsx';

const COLUMNS = ['Target', 'Findings', 'Promoted', 'Reason', 'Ticket', 'Scan'] as const;

interface BaselinesTableProps {
  baselines: readonly Baseline[];
  selected: string | undefined;
}

/** One baseline per target; the target opens its comparison below. */
export function BaselinesTable({ baselines, selected }: BaselinesTableProps) {
  return (
    <ListTable columns={COLUMNS} minWidth={860} testId="baselines-table">
      {baselines.map((baseline) => (
        <Table.Tr key={baseline.targetName} data-testid="baseline-row" bg={baseline.targetName === selected ? 'var(--mantine-primary-color-light)' : undefined}>
          <Table.Td>
            <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/baselines" search={{ target: baseline.targetName }} {...props} />} data-testid="baseline-target">
              {baseline.targetName}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <SeverityCountBadges counts={baseline.severities} />
          </Table.Td>
          <Table.Td>
            <Timestamp iso={baseline.promotedAt} />
            <Text size="xs" c="dimmed">
              by {baseline.promotedBy}
            </Text>
          </Table.Td>
          <Table.Td maw={260}>{baseline.reason}</Table.Td>
          <Table.Td>{baseline.ticket ?? '—'}</Table.Td>
          <Table.Td>
            <Anchor renderRoot={(props) => <Link to="/ops/scanner-ops/scans/$scanId" params={{ scanId: baseline.scanId }} {...props} />} size="sm">
              open
            </Anchor>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
