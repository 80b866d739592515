import type { DeadLetterStats } from '@execops/contract';
import { Anchor, Paper, Table, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { entriesOfJobType } from './dead-letter-overview.ts';

/** Entries per job type, open and in total; each opens the queue filtered to the type. */
export function DeadLetterJobTypesTable({ byJobType }: { byJobType: DeadLetterStats['byJobType'] }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">
        By job type
      </Title>
      <Table.ScrollContainer minWidth={480}>
        <Table striped highlightOnHover verticalSpacing="xs" aria-label="Dead-letter entries by job type">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Job type</Table.Th>
              <Table.Th ta="right">Open</Table.Th>
              <Table.Th ta="right">Total</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {byJobType.map((row) => (
              <Table.Tr key={row.jobType} data-testid="job-type-row" data-job-type={row.jobType}>
                <Table.Td>
                  <Anchor
                    renderRoot={(props) => <Link to="/ops/operations/dead-letter/queue" search={entriesOfJobType(row.jobType)} {...props} />}
                    size="sm"
                    ff="monospace"
                  >
                    {row.jobType}
                  </Anchor>
                </Table.Td>
                <Table.Td ta="right" fw={row.open > 0 ? 600 : undefined} c={row.open > 0 ? undefined : 'dimmed'} data-testid="job-type-open">
                  {row.open.toLocaleString('en-US')}
                </Table.Td>
                <Table.Td ta="right" data-testid="job-type-total">
                  {row.total.toLocaleString('en-US')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
