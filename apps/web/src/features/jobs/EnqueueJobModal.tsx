import { Alert, Button, Group, Modal, NumberInput, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { useEnqueueJob } from '../../api/job-queries.ts';
import { ErrorIdentifiers } from '../../components/ErrorState.tsx';
import { useTimeZoneMode } from '../../time/time-zone-mode.ts';
import {
  EMPTY_ENQUEUE_FORM,
  parseEnqueueForm,
  type EnqueueFormErrors,
  type EnqueueFormField,
  type EnqueueFormValues,
} from './enqueue-form.ts';

interface EnqueueJobModalProps {
  opened: boolean;
  onClose: () => void;
}

export function EnqueueJobModal({ opened, onClose }: EnqueueJobModalProps) {
  return (
    <Modal opened={opened} onClose={onClose} title="Enqueue job" size="lg">
      <EnqueueJobForm onCancel={onClose} />
    </Modal>
  );
}

function EnqueueJobForm({ onCancel }: { onCancel: () => void }) {
  const [mode] = useTimeZoneMode();
  const [values, setValues] = useState<EnqueueFormValues>(EMPTY_ENQUEUE_FORM);
  const [errors, setErrors] = useState<EnqueueFormErrors>({});
  const enqueue = useEnqueueJob();
  const navigate = useNavigate();

  const set = <F extends EnqueueFormField>(field: F) => (value: EnqueueFormValues[F]) =>
    setValues((current) => ({ ...current, [field]: value }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseEnqueueForm(values, mode);
    setErrors(parsed.ok ? {} : parsed.errors);
    if (!parsed.ok) return;
    enqueue.mutate(parsed.request, {
      onSuccess: ({ job, created }) => {
        notifications.show({
          color: created ? 'green' : 'blue',
          title: created ? 'Job enqueued' : 'Existing job opened',
          message: created ? job.id : 'An unfinished job already holds this idempotency key.',
        });
        void navigate({ to: '/ops/operations/jobengine/jobs/$jobId', params: { jobId: job.id } });
      },
    });
  };

  const serverError = enqueue.error instanceof ApiError ? enqueue.error : undefined;
  return (
    <form onSubmit={submit} aria-label="Enqueue job" noValidate>
      <Stack gap="sm">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput
            label="Job type"
            required
            data-autofocus
            value={values.jobType}
            error={errors.jobType}
            onChange={(event) => set('jobType')(event.currentTarget.value)}
          />
          <TextInput
            label="Queue"
            placeholder="defaults to the job type"
            value={values.queue}
            error={errors.queue}
            onChange={(event) => set('queue')(event.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label="Payload (JSON)"
          autosize
          minRows={4}
          maxRows={14}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
          value={values.payload}
          error={errors.payload}
          onChange={(event) => set('payload')(event.currentTarget.value)}
        />
        <SimpleGrid cols={2} spacing="sm">
          <NumberInput
            label="Priority"
            description="lower runs first"
            allowDecimal={false}
            min={-1000}
            max={1000}
            value={values.priority}
            error={errors.priority}
            onChange={set('priority')}
          />
          <NumberInput
            label="Max attempts"
            allowDecimal={false}
            min={1}
            max={100}
            value={values.maxAttempts}
            error={errors.maxAttempts}
            onChange={set('maxAttempts')}
          />
          <TextInput
            label="Idempotency key"
            value={values.idempotencyKey}
            error={errors.idempotencyKey}
            onChange={(event) => set('idempotencyKey')(event.currentTarget.value)}
          />
          <TextInput
            type="datetime-local"
            label={`Run at (${mode === 'utc' ? 'UTC' : 'local'})`}
            description="empty = now"
            value={values.runAt}
            error={errors.runAt}
            onChange={(event) => set('runAt')(event.currentTarget.value)}
          />
        </SimpleGrid>
        {enqueue.error && (
          <Alert color="red" variant="light" title="The server refused the job" data-testid="enqueue-error">
            <Stack gap={4}>
              <Text size="sm">{enqueue.error.message}</Text>
              {serverError && <ErrorIdentifiers error={serverError} />}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={enqueue.isPending}>
            Enqueue
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
