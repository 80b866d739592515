import { DEAD_LETTER_EXPORT_FORMATS, type DeadLetterExportQueryInput } from '@execops/contract';
import { Alert, Button, Menu, Stack, Text } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { ApiError } from '../../api/client.ts';
import { deadLetterApi } from '../../api/dead-letter-api.ts';
import { ErrorIdentifiers } from '../../components/ErrorState.tsx';
import { saveFile } from '../../components/save-file.ts';
import { toExportQuery, type DeadLetterSearch } from './dead-letter-search.ts';

type ExportFormat = NonNullable<DeadLetterExportQueryInput['format']>;

const FORMAT_LABELS: Record<ExportFormat, string> = { csv: 'CSV', json: 'JSON', ndjson: 'NDJSON' };

/** Downloads every entry matching the current filters (not only this page) in the chosen format. */
export function DeadLetterExportMenu({ search }: { search: DeadLetterSearch }) {
  const download = useMutation({
    mutationFn: async (format: ExportFormat) => saveFile(await deadLetterApi.export(toExportQuery(search, format))),
  });
  const apiError = download.error instanceof ApiError ? download.error : undefined;
  return (
    <Stack gap="xs" align="flex-end">
      <Menu position="bottom-end">
        <Menu.Target>
          <Button variant="default" leftSection={<IconDownload size={16} />} loading={download.isPending}>
            Export
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Entries matching the filters</Menu.Label>
          {DEAD_LETTER_EXPORT_FORMATS.map((format) => (
            <Menu.Item key={format} onClick={() => download.mutate(format)}>
              {FORMAT_LABELS[format]}
            </Menu.Item>
          ))}
        </Menu.Dropdown>
      </Menu>
      {download.error && (
        <Alert
          color="red"
          variant="light"
          title="Export failed"
          withCloseButton
          onClose={download.reset}
          maw={420}
          data-testid="export-error"
        >
          <Stack gap={4}>
            <Text size="sm">{download.error.message}</Text>
            {apiError && <ErrorIdentifiers error={apiError} />}
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
