import type { JobError } from '@execops/contract';
import { Alert, Badge, Code, Group, Spoiler, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';

/** The error's code, class and whether a retry could help. */
export function JobErrorKind({ error }: { error: JobError }) {
  return (
    <Group gap="xs" data-testid="job-error-kind">
      <Code>{error.code}</Code>
      <Badge size="sm" variant="outline" color="red">
        {error.class}
      </Badge>
      <Badge size="sm" variant="outline" color={error.retryable ? 'blue' : 'gray'}>
        {error.retryable ? 'retryable' : 'not retryable'}
      </Badge>
    </Group>
  );
}

export function JobErrorAlert({ error, title, stackExpanded = false }: { error: JobError; title: string; stackExpanded?: boolean }) {
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={title} data-testid="job-last-error">
      <Stack gap="xs">
        <JobErrorKind error={error} />
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {error.message}
        </Text>
        {error.stack && (
          <Spoiler maxHeight={0} showLabel="Show stack" hideLabel="Hide stack" defaultExpanded={stackExpanded}>
            <Code block>{error.stack}</Code>
          </Spoiler>
        )}
      </Stack>
    </Alert>
  );
}
