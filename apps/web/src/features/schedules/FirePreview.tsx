import type { SchedulePreview } from '@execops/contract';
import { Stack, Table, Text } from '@mantine/core';
import { formatTimestamp } from '../../time/format-timestamp.ts';

/** The cron in words and its next fires, in UTC and on the zone's wall clock. */
export function FirePreview({ preview }: { preview: SchedulePreview }) {
  return (
    <Stack gap={4} data-testid="fire-preview">
      <Text size="sm" fw={500} data-testid="fire-preview-label">
        {preview.label}
      </Text>
      <Table withTableBorder verticalSpacing={4} fz="sm">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>#</Table.Th>
            <Table.Th>UTC</Table.Th>
            <Table.Th>{preview.timezone} wall clock</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.fires.map((fire, index) => (
            <Table.Tr key={fire.at} data-testid="fire-preview-row">
              <Table.Td c="dimmed">{index + 1}</Table.Td>
              <Table.Td ff="monospace">{formatTimestamp(fire.at, 'utc')}</Table.Td>
              <Table.Td ff="monospace">{fire.local}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
