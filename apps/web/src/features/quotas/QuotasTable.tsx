import type { Quota } from '@execops/contract';
import { Anchor, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { ListTable } from '../../components/ListTable.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { QuotaPausedBadge } from './QuotaPausedBadge.tsx';
import { ActiveUsage, HourUsage, ThrottledLink, TokenUsage } from './QuotaUsageCells.tsx';
import { quotaTypeLabel } from './quota-labels.ts';

const COLUMNS = ['Job type', 'State', 'Active', 'This hour', 'Tokens', 'Throttled', 'Updated'];

interface QuotasTableProps {
  quotas: readonly Quota[];
  selected: string | undefined;
}

export function QuotasTable({ quotas, selected }: QuotasTableProps) {
  return (
    <ListTable columns={COLUMNS} minWidth={960} testId="quotas-table">
      {quotas.map((quota) => (
        <Table.Tr
          key={quota.jobType}
          data-testid="quota-row"
          data-job-type={quota.jobType}
          bg={quota.jobType === selected ? 'var(--mantine-primary-color-light)' : undefined}
        >
          <Table.Td>
            <Anchor
              renderRoot={(props) => <Link from="/ops/operations/jobengine/quotas" search={(prev) => ({ ...prev, jobType: quota.jobType })} {...props} />}
              ff="monospace"
              fz="sm"
            >
              {quotaTypeLabel(quota.jobType)}
            </Anchor>
          </Table.Td>
          <Table.Td>
            <QuotaPausedBadge paused={quota.paused} />
          </Table.Td>
          <Table.Td>
            <ActiveUsage quota={quota} />
          </Table.Td>
          <Table.Td>
            <HourUsage quota={quota} />
          </Table.Td>
          <Table.Td>
            <TokenUsage quota={quota} />
          </Table.Td>
          <Table.Td>
            <ThrottledLink quota={quota} />
          </Table.Td>
          <Table.Td>
            <Text size="sm">
              <Timestamp iso={quota.updatedAt} />
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
