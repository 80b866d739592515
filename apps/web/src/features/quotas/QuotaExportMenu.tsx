import { Button, Menu } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { quotasApi, type QuotaExportFile, type QuotaExportFormat } from '../../api/quota-api.ts';

function saveFile({ filename, blob }: QuotaExportFile) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked on the next task: the download has started by then.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

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
