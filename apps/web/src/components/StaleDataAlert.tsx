import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client.ts';
import { ErrorIdentifiers } from './ErrorState.tsx';

interface StaleDataAlertProps {
  title: string;
  error: Error;
  onRetry?: () => void;
}

/** The degraded banner: a refresh failed, the last data that loaded stays on screen below it. */
export function StaleDataAlert({ title, error, onRetry }: StaleDataAlertProps) {
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title={title} data-testid="stale-data">
      <Stack gap={4}>
        <Text size="sm">Refreshing failed: {error.message}</Text>
        {error instanceof ApiError && <ErrorIdentifiers error={error} />}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="yellow" onClick={onRetry}>
              Retry
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}
