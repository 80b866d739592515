import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { quotasApi, type QuotaExportFormat } from '../../api/quota-api.ts';
import { saveFile } from '../../components/save-file.ts';

/** Downloads the quota table with live usage; a failure is handed to `onError` to show with its traceId. */
export function QuotaExportMenu({ onError }: { onError: (error: Error | null) => void }) {
  const download = useMutation({
    mutationFn: (format: QuotaExportFormat) => quotasApi.exportSnapshot(format),
    onMutate: () => onError(null),
    onSuccess: saveFile,
    onError,
  });
  return (
    <Menu position="bottom-end">
      <Menu.Target>
        <Button variant="default" leftSection={<IconDownload size={16} />} loading={download.isPending}>
          Export snapshot
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item onClick={() => download.mutate('json')}>JSON</Menu.Item>
        <Menu.Item onClick={() => download.mutate('csv')}>CSV</Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
