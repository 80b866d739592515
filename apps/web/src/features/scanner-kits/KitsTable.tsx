import type { KitSummary } from '@execops/contract';
import { Code, Table, Text } from '@mantine/core';
import { ByteSize } from '../../components/ByteSize.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { StatusBadge } from '../../components/StatusBadge.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { KIT_STATUS_STYLES } from './kit-styles.ts';

const COLUMNS = ['Status', 'Version', 'Created', 'Received', 'Advisories', 'Signed by', 'Size', 'Reason'] as const;

/** Kits newest first; a quarantined one says exactly why it was refused. */
export function KitsTable({ kits }: { kits: readonly KitSummary[] }) {
  return (
    <ListTable columns={COLUMNS} minWidth={980} testId="kits-table">
      {kits.map((kit) => (
        <Table.Tr key={kit.id} data-testid="kit-row">
          <Table.Td>
            <StatusBadge status={kit.status} styles={KIT_STATUS_STYLES} testId="kit-status" />
          </Table.Td>
          <Table.Td>
            <Text size="sm" ff="monospace">
              {kit.version ?? '—'}
            </Text>
            {kit.generation !== null && (
              <Text size="xs" c="dimmed">
                generation {kit.generation}
              </Text>
            )}
          </Table.Td>
          <Table.Td>
            <Timestamp iso={kit.createdAt} />
          </Table.Td>
          <Table.Td>
            <Timestamp iso={kit.receivedAt} />
            <Text size="xs" c="dimmed">
              {kit.origin === 'first-start' ? 'first start' : `by ${kit.actor}`}
            </Text>
          </Table.Td>
          <Table.Td>{kit.generation === null ? '—' : kit.advisories}</Table.Td>
          <Table.Td>{kit.keyName ?? kit.kid ?? '—'}</Table.Td>
          <Table.Td>
            <ByteSize bytes={kit.size} />
          </Table.Td>
          <Table.Td maw={360}>
            {kit.reason ? (
              <Text size="sm" data-testid="kit-reason">
                <Code>{kit.reason.code}</Code> {kit.reason.message}
              </Text>
            ) : (
              '—'
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
