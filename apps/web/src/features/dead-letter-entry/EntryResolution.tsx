import type { DeadLetterResolution } from '@execops/contract';
import { Alert, DataList, Text } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { Timestamp } from '../../components/Timestamp.tsx';

/** How the entry was closed. */
export function EntryResolution({ resolution }: { resolution: DeadLetterResolution }) {
  return (
    <Alert color="green" variant="light" icon={<IconCircleCheck />} title="Resolved" data-testid="entry-resolution">
      <DataList labelWidth={90}>
        <DataList.Item>
          <DataList.ItemLabel>Note</DataList.ItemLabel>
          <DataList.ItemValue>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }} data-testid="resolution-note">
              {resolution.note}
            </Text>
          </DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>Ticket</DataList.ItemLabel>
          <DataList.ItemValue data-testid="resolution-ticket">{resolution.ticket ?? '—'}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>By</DataList.ItemLabel>
          <DataList.ItemValue data-testid="resolution-by">{resolution.by}</DataList.ItemValue>
        </DataList.Item>
        <DataList.Item>
          <DataList.ItemLabel>At</DataList.ItemLabel>
          <DataList.ItemValue>
            <Timestamp iso={resolution.at} />
          </DataList.ItemValue>
        </DataList.Item>
      </DataList>
    </Alert>
  );
}
