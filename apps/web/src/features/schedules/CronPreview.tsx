import type { SchedulePreview } from '@execops/contract';
import { Alert, Loader, Paper, Text } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { FirePreview } from './FirePreview.tsx';

/** The editor's live preview; a refusal that names a field is shown at that field instead (see `previewFieldError`). */
export function CronPreview({ preview, hasCron }: { preview: UseQueryResult<SchedulePreview>; hasCron: boolean }) {
  return (
    <Paper withBorder p="sm" data-testid="cron-preview">
      {!hasCron ? (
        <Text size="sm" c="dimmed">
          Type a cron expression to see its next 10 fire times.
        </Text>
      ) : preview.isError ? (
        previewFieldError(preview.error) ? (
          <Text size="sm" c="red">
            No fire times: fix the field marked in red.
          </Text>
        ) : (
          <Alert color="red" variant="light" title="The preview failed">
            {preview.error.message}
          </Alert>
        )
      ) : preview.data ? (
        <div style={{ opacity: preview.isPlaceholderData ? 0.5 : 1 }}>
          <FirePreview preview={preview.data} />
        </div>
      ) : (
        <Loader size="sm" />
      )}
    </Paper>
  );
}

/** The server's 422 for a bad cron or zone: the field it names and its message. */
export function previewFieldError(error: Error | null): { field: 'cron' | 'timezone'; message: string } | undefined {
  if (!(error instanceof ApiError) || error.status !== 422) return undefined;
  const field = error.field;
  return field === 'cron' || field === 'timezone' ? { field, message: error.message } : undefined;
}
