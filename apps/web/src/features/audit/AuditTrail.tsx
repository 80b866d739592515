import type { AuditEntry } from '@execops/contract';
import { Button, Code, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useAuditPage, type AuditQuery } from '../../api/audit-api.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useMissingScope, useSession } from '../auth/use-session.ts';

/** A before/after summary on one line: `state: queued → canceled`. */
function changeSummary(entry: AuditEntry): string {
  const before = isRecord(entry.before) ? entry.before : {};
  const after = isRecord(entry.after) ? entry.after : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys
    .map((key) => {
      const from = key in before ? JSON.stringify(before[key]) : '—';
      const to = key in after ? JSON.stringify(after[key]) : '—';
      return from === to ? `${key}: ${to}` : `${key}: ${from} → ${to}`;
    })
    .join('; ');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The operator actions on one target (a job, a quota, a queue, …) or on every target of a type, newest first, paged by cursor. */
interface AuditTrailProps {
  targetType: string;
  /** Without it: the actions on every target of the type (every trust key, every baseline). */
  targetId?: string;
  /** What the target is called in a sentence, when its targetType does not read as words. Default: targetType. */
  targetLabel?: string;
}

export function AuditTrail({ targetType, targetId, targetLabel = targetType }: AuditTrailProps) {
  const [cursor, setCursor] = useState<string | undefined>(undefined);
  const query: AuditQuery = { targetType, ...(targetId ? { targetId } : {}), ...(cursor ? { cursor } : {}) };
  const signedIn = useSession().isSuccess;
  const missingScope = useMissingScope('audit:read');
  const audit = useAuditPage(query, signedIn && missingScope === null);

  if (signedIn && missingScope) {
    return (
      <Text size="sm" c="dimmed" data-testid="audit-forbidden">
        Audit trail hidden. {missingScope}
      </Text>
    );
  }
  if (audit.isPending) return <Skeleton height={120} data-testid="audit-loading" />;
  if (audit.isError) return <ErrorState title="The audit trail could not be loaded" error={audit.error} onRetry={() => void audit.refetch()} />;
  if (audit.data.items.length === 0 && !cursor) {
    return (
      <Text size="sm" c="dimmed" data-testid="audit-empty">
        No operator has acted on {targetId ? `this ${targetLabel}` : `any ${targetLabel}`} yet.
      </Text>
    );
  }
  return (
    <Stack gap="sm">
      <Table striped data-testid="audit-trail">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>When</Table.Th>
            <Table.Th>Action</Table.Th>
            <Table.Th>By</Table.Th>
            <Table.Th>Reason</Table.Th>
            <Table.Th>Ticket</Table.Th>
            <Table.Th>Change</Table.Th>
            <Table.Th>traceId</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {audit.data.items.map((entry) => (
            <Table.Tr key={entry.id} data-testid="audit-row">
              <Table.Td>
                <Timestamp iso={entry.ts} />
              </Table.Td>
              <Table.Td>
                <Code style={{ whiteSpace: 'nowrap' }}>{entry.action}</Code>
              </Table.Td>
              <Table.Td>{entry.actor}</Table.Td>
              <Table.Td>{entry.reason}</Table.Td>
              <Table.Td>{entry.ticket ?? '—'}</Table.Td>
              <Table.Td maw={360}>
                <Text size="sm" ff="monospace" style={{ wordBreak: 'break-word' }}>
                  {changeSummary(entry)}
                </Text>
              </Table.Td>
              <Table.Td>{entry.traceId ? <Code>{entry.traceId}</Code> : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Group>
        {cursor && (
          <Button size="xs" variant="default" onClick={() => setCursor(undefined)}>
            Newest
          </Button>
        )}
        {audit.data.nextCursor && (
          <Button size="xs" variant="default" onClick={() => setCursor(audit.data.nextCursor ?? undefined)}>
            Older
          </Button>
        )}
      </Group>
    </Stack>
  );
}
