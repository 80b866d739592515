import type { JobError } from '@execops/contract';
import { Alert, Code, Group, Spoiler, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ErrorClassBadges } from '../dead-letter/ErrorClassBadges.tsx';

/** The error's code, class and whether a retry could help. */
export function JobErrorKind({ error }: { error: JobError }) {
  return (
    <Group gap="xs" data-testid="job-error-kind">
      <Code>{error.code}</Code>
      <ErrorClassBadges errorClass={error.class} retryable={error.retryable} />
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
