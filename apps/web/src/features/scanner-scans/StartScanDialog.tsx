import type { ScanSummary } from '@execops/contract';
import { Alert, Button, FileInput, Group, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useStartScan, type ScanStart } from '../../api/scanner-scans-queries.ts';
import { ErrorIdentifiers } from '../../components/ErrorState.tsx';
import { ScanFollow } from './ScanFollow.tsx';

type TargetKind = ScanStart['kind'];

interface StartScanDialogProps {
  onClose: () => void;
}

/** Start a scan of a path on the server or of an uploaded archive, then follow it until it settles. */
export function StartScanDialog({ onClose }: StartScanDialogProps) {
  const [started, setStarted] = useState<ScanSummary | null>(null);
  return (
    <Modal opened onClose={onClose} title={started ? `Scan of ${started.targetName}` : 'Start scan'} size="lg">
      {started ? <ScanFollow scanId={started.id} onClose={onClose} /> : <StartScanForm onStarted={setStarted} onClose={onClose} />}
    </Modal>
  );
}

function StartScanForm({ onStarted, onClose }: { onStarted: (scan: ScanSummary) => void; onClose: () => void }) {
  const [kind, setKind] = useState<TargetKind>('path');
  const [path, setPath] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [targetName, setTargetName] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const start = useStartScan();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = targetName.trim() === '' ? {} : { targetName: targetName.trim() };
    let request: ScanStart | null = null;
    if (kind === 'path' && path.trim() !== '') request = { kind, path: path.trim(), ...name };
    if (kind === 'upload' && file) request = { kind, file, ...name };
    setMissing(request ? null : kind === 'path' ? 'Enter an absolute path on the server.' : 'Choose an archive to upload.');
    if (request) start.mutate(request, { onSuccess: (answer) => onStarted(answer.scan) });
  };

  return (
    <form onSubmit={submit} aria-label="Start scan" noValidate>
      <Stack gap="sm">
        <SegmentedControl
          value={kind}
          onChange={(value) => setKind(value === 'upload' ? 'upload' : 'path')}
          data={[
            { value: 'path', label: 'Path on the server' },
            { value: 'upload', label: 'Upload an archive' },
          ]}
        />
        {kind === 'path' ? (
          <TextInput
            label="Path"
            description="A directory, a tar/tar.gz, a docker save or OCI layout tarball on the server host."
            placeholder="/srv/app"
            value={path}
            onChange={(event) => setPath(event.currentTarget.value)}
            error={missing}
            data-autofocus
          />
        ) : (
          <FileInput
            label="Archive"
            description="tar, tar.gz, docker save or OCI layout tarball."
            placeholder="Choose a file"
            value={file}
            onChange={setFile}
            error={missing}
            clearable
          />
        )}
        <TextInput
          label="Target name"
          description="What baselines are kept for; defaults to the path or the file name."
          value={targetName}
          onChange={(event) => setTargetName(event.currentTarget.value)}
        />
        {start.error && (
          <Alert color="red" variant="light" title="The scan could not be started" data-testid="action-error">
            <Stack gap={4}>
              <Text size="sm">{start.error.message}</Text>
              {start.error instanceof ApiError && <ErrorIdentifiers error={start.error} />}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Back
          </Button>
          <Button type="submit" loading={start.isPending}>
            Start scan
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
