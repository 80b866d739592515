import { Alert, Button, Code, CopyButton, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client.ts';

interface ErrorStateProps {
  title: string;
  error: Error;
  onRetry?: () => void;
}

/** A failed load: the server's message, its code and a copyable traceId to hand to whoever reads the logs. */
export function ErrorState({ title, error, onRetry }: ErrorStateProps) {
  const apiError = error instanceof ApiError ? error : undefined;
  return (
    <Alert color="red" variant="light" icon={<IconAlertTriangle />} title={title} data-testid="error-state">
      <Stack gap="xs">
        <Text size="sm">{error.message}</Text>
        {apiError && <ErrorIdentifiers error={apiError} />}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

export function ErrorIdentifiers({ error }: { error: ApiError }) {
  return (
    <Group gap="xs">
      <Text size="xs">
        code <Code>{error.code}</Code>
      </Text>
      {error.traceId && (
        <>
          <Text size="xs">
            traceId <Code data-testid="trace-id">{error.traceId}</Code>
          </Text>
          <CopyButton value={error.traceId}>
            {({ copied, copy }) => (
              <Button size="compact-xs" variant="subtle" color="red" onClick={copy}>
                {copied ? 'Copied' : 'Copy traceId'}
              </Button>
            )}
          </CopyButton>
        </>
      )}
    </Group>
  );
}
