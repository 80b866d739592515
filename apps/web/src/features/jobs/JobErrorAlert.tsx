import type { JobError } from '@execops/contract';
import { Alert, Badge, Code, Group, Spoiler, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

export function JobErrorAlert({ error, title }: { error: JobError; title: string }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={title} data-testid="job-last-error">
      <Stack gap="xs">
        <Group gap="xs">
          <Code>{error.code}</Code>
          <Badge size="sm" variant="outline" color="red">
            {error.class}
          </Badge>
          <Badge size="sm" variant="outline" color={error.retryable ? 'blue' : 'gray'}>
            {error.retryable ? 'retryable' : 'not retryable'}
          </Badge>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {error.message}
        </Text>
        {error.stack && (
          <Spoiler maxHeight={0} showLabel="Show stack" hideLabel="Hide stack">
            <Code block>{error.stack}</Code>
          </Spoiler>
        )}
      </Stack>
    </Alert>
  );
}
