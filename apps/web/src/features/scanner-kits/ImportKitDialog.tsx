import { KIT_LIMITS } from '@execops/contract';
import { FileInput, Text } from '@mantine/core';
import { useState } from 'react';
import { useImportKit } from '../../api/scanner-kits-queries.ts';
import { formatBytes } from '../../components/ByteSize.tsx';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';

function fileProblem(file: File | null): string | undefined {
  if (!file) return 'Choose the kit (.tar.gz) to import.';
  if (file.size > KIT_LIMITS.uploadBytes) return `A kit is at most ${formatBytes(KIT_LIMITS.uploadBytes)}; this file is ${formatBytes(file.size)}.`;
  return undefined;
}

/** Upload a kit: the server verifies it and activates it, or quarantines it with the reason (shown here and in the list). */
export function ImportKitDialog({ onClose }: { onClose: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const importKit = useImportKit();
  return (
    <OperatorActionDialog
      title="Import offline kit"
      opened
      onClose={onClose}
      confirmLabel="Verify and import"
      blocked={fileProblem(file)}
      onConfirm={(operator) => (file ? importKit.mutateAsync({ args: file, operator }) : Promise.reject(new Error('No kit chosen.')))}
    >
      <Text size="sm">
        Every digest of offline-manifest.json, its signature against the trust keys and the version order are checked; the kit becomes the
        active feed at once, or goes to quarantine with the reason and nothing else changes.
      </Text>
      <FileInput label="Kit" placeholder="offline-kit.tar.gz" accept=".tar.gz,.tgz,application/gzip" value={file} onChange={setFile} clearable />
    </OperatorActionDialog>
  );
}
