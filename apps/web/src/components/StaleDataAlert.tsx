import { Alert, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { ApiError } from '../api/client.ts';
import { ErrorIdentifiers } from './ErrorState.tsx';

/** The degraded banner: a refresh failed, the last data that loaded stays on screen below it. */
export function StaleDataAlert({ title, error }: { title: string; error: Error }) {
  return (
    <Alert color="yellow" variant="light" icon={<IconAlertTriangle />} title={title} data-testid="stale-data">
      <Stack gap={4}>
        <Text size="sm">Refreshing failed: {error.message}</Text>
        {error instanceof ApiError && <ErrorIdentifiers error={error} />}
      </Stack>
    </Alert>
  );
}
