import type { TrustKey } from '@execops/contract';
import { Button, Code, Table, Text } from '@mantine/core';
import { ListTable } from '../../components/ListTable.tsx';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';

const COLUMNS = ['Name', 'Key id', 'Added', 'Revoked', ''] as const;

interface TrustKeysTableProps {
  keys: readonly TrustKey[];
  /** Why revoking is not allowed (missing scope), or null. */
  missingScope: string | null;
  onRevoke: (key: TrustKey) => void;
}

/** The keys kit signatures are checked against; a revoked key stays listed. */
export function TrustKeysTable({ keys, missingScope, onRevoke }: TrustKeysTableProps) {
  return (
    <ListTable columns={COLUMNS} minWidth={760} testId="trust-keys-table">
      {keys.map((key) => (
        <Table.Tr key={key.kid} data-testid="trust-key-row">
          <Table.Td>{key.name}</Table.Td>
          <Table.Td>
            <Code fz="xs" style={{ wordBreak: 'break-all' }}>
              {key.kid}
            </Code>
          </Table.Td>
          <Table.Td>
            <Timestamp iso={key.addedAt} />
            <Text size="xs" c="dimmed">
              by {key.addedBy}
            </Text>
          </Table.Td>
          <Table.Td>
            {key.revokedAt ? (
              <>
                <Timestamp iso={key.revokedAt} />
                <Text size="xs" c="dimmed">
                  by {key.revokedBy}
                </Text>
              </>
            ) : (
              '—'
            )}
          </Table.Td>
          <Table.Td>
            {key.revokedAt ? null : missingScope ? (
              <DisabledAction label="Revoke" reason={missingScope} size="compact-sm" />
            ) : (
              <Button size="compact-sm" variant="light" color="red" onClick={() => onRevoke(key)}>
                Revoke
              </Button>
            )}
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
