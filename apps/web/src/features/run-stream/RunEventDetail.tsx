import type { RunStreamEvent } from '@execops/contract';
import { Code, DataList, Paper, Stack, Text } from '@mantine/core';
import { CopyableValue } from '../../components/CopyableValue.tsx';
import { DataField } from '../../components/DataField.tsx';
import { JsonBlock } from '../../components/JsonBlock.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { JobIdLink } from '../jobs/JobIdLink.tsx';
import { itemLevel, itemMessage, TYPE_LABELS } from './run-stream-items.ts';

/** Everything about the selected item: the full message, its job, and the details the list row cuts short. */
export function RunEventDetail({ item }: { item: RunStreamEvent }) {
  const details =
    item.type === 'log' ? item.fields : item.type === 'jobChanged' || item.type === 'runEvent' ? item.data : item.type === 'progress' ? item.counts : null;
  return (
    <Paper withBorder p="md" data-testid="run-event-detail">
      <Stack gap="sm">
        <Text fw={600}>
          Selected {TYPE_LABELS[item.type]} event ({itemLevel(item)})
        </Text>
        <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
          {itemMessage(item)}
        </Code>
        <DataList labelWidth={110}>
          <DataField label="Time">
            <Timestamp iso={item.ts} />
          </DataField>
          {(item.type === 'jobChanged' || item.type === 'log') && (
            <DataField label="Job">
              <JobIdLink jobId={item.jobId} label="job id" /> {item.jobType}, attempt {item.attempt}
            </DataField>
          )}
          <DataField label="Event id">
            <CopyableValue value={item.id} label="event id" />
          </DataField>
        </DataList>
        {details !== null && <JsonBlock value={details} label="Details" />}
      </Stack>
    </Paper>
  );
}
