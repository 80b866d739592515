import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

interface ListTableProps {
  columns: readonly string[];
  /** Below this width the table scrolls sideways instead of squeezing its cells. */
  minWidth: number;
  testId: string;
  /** The rows (`Table.Tr`). */
  children: ReactNode;
}

/** A list page's table: striped, a header row of `columns`, scrolling sideways on narrow screens. */
export function ListTable({ columns, minWidth, testId, children }: ListTableProps) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column}>{column}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
