import type { CancelJobResponse, JobSummary } from '@execops/contract';
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useCancelJob } from '../../api/job-queries.ts';
import { ErrorIdentifiers } from '../../components/ErrorState.tsx';
import { OperatorReasonFields } from '../operator/OperatorReasonFields.tsx';
import { EMPTY_OPERATOR_REASON, validateOperatorReason, type OperatorReasonErrors } from '../operator/operator-reason.ts';


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
  const [operator, setOperator] = useState(EMPTY_OPERATOR_REASON);
  const [errors, setErrors] = useState<OperatorReasonErrors>({});
  const cancel = useCancelJob(job.id);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateOperatorReason(operator);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    cancel.mutate(operator, {
      onSuccess: (response) => {
        announce(response);
        onDone();
      },
    });
  };

  const serverError = cancel.error instanceof ApiError ? cancel.error : undefined;
  return (
    <form onSubmit={submit} aria-label="Cancel job" noValidate>
      <Stack gap="sm">
        <Text size="sm">
          {job.state === 'running'
            ? 'The job is running: its worker is asked to stop at its next heartbeat.'
            : `The job is ${job.state}: it is canceled at once and will not run.`}
        </Text>
        <OperatorReasonFields value={operator} errors={errors} onChange={setOperator} />
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
