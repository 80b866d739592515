import type { CancelJobResponse, JobSummary } from '@execops/contract';
import { Alert, Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCancelJob } from '../../api/job-queries.ts';
import { ErrorIdentifiers } from '../../components/ErrorState.tsx';

const REASON_MAX = 256;
/** The reason travels as the X-Operator-Reason header, and fetch only sends Latin-1 header values. */
const HEADER_SAFE = /^[\t\x20-\x7e\xa0-\xff]*$/;

interface CancelJobDialogProps {
  job: JobSummary;
  opened: boolean;
  onClose: () => void;
}

export function CancelJobDialog({ job, opened, onClose }: CancelJobDialogProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Cancel job">
      <CancelJobForm job={job} onDone={onClose} />
    </Modal>
  );
}

function announce({ outcome }: CancelJobResponse) {
  notifications.show(
    outcome === 'canceled'
      ? { color: 'green', title: 'Job canceled', message: 'The job will not run.' }
      : { color: 'blue', title: 'Cancel requested', message: 'The worker is told on its next heartbeat.' },
  );
}

function CancelJobForm({ job, onDone }: { job: JobSummary; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const cancel = useCancelJob(job.id);
  const reasonError = HEADER_SAFE.test(reason) ? undefined : 'Use Latin-1 characters only (the reason is sent as an HTTP header).';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (reasonError) return;
    cancel.mutate(reason.trim() || undefined, {
      onSuccess: (response) => {
        announce(response);
        onDone();
      },
    });
  };

  const serverError = cancel.error instanceof ApiError ? cancel.error : undefined;
  return (
    <form onSubmit={submit} aria-label="Cancel job">
      <Stack gap="sm">
        <Text size="sm">
          {job.state === 'running'
            ? 'The job is running: its worker is asked to stop at its next heartbeat.'
            : `The job is ${job.state}: it is canceled at once and will not run.`}
        </Text>
        <Textarea
          label="Reason (optional)"
          description={`${reason.length}/${REASON_MAX}, recorded in the audit log`}
          maxLength={REASON_MAX}
          autosize
          minRows={2}
          data-autofocus
          value={reason}
          error={reasonError}
          onChange={(event) => setReason(event.currentTarget.value)}
        />
        {cancel.error && (
          <Alert color="red" variant="light" title="The job could not be canceled" data-testid="cancel-error">
            <Stack gap={4}>
              <Text size="sm">{cancel.error.message}</Text>
              {serverError && <ErrorIdentifiers error={serverError} />}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Keep job
          </Button>
          <Button type="submit" color="red" loading={cancel.isPending}>
            Cancel job
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
