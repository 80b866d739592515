import { Skeleton, Table } from '@mantine/core';
import { JOBS_TABLE_COLUMNS, JobsTableHead } from './JobsTable.tsx';

const ROWS = 8;
const CELLS = JOBS_TABLE_COLUMNS;

export function JobsTableSkeleton() {
  return (
    <Table aria-busy="true" aria-label="Loading jobs" data-testid="jobs-loading">
      <JobsTableHead />
      <Table.Tbody>
        {Array.from({ length: ROWS }, (_, row) => (
          <Table.Tr key={row}>
            {Array.from({ length: CELLS }, (_, cell) => (
              <Table.Td key={cell}>
                <Skeleton height={14} radius="sm" />
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
