import { Alert, Button, Group, Modal, Stack, Text, type MantineColor } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.ts';
import { ErrorIdentifiers } from '../../components/ErrorState.tsx';
import { OperatorReasonFields } from './OperatorReasonFields.tsx';
import { EMPTY_OPERATOR_REASON, validateOperatorReason, type OperatorReason, type OperatorReasonErrors } from './operator-reason.ts';

export interface OperatorActionDialogProps<T> {
  /** Also the form's accessible name. */
  title: string;
  opened: boolean;
  onClose: () => void;
  confirmLabel: string;
  /** The button that closes without acting. Default "Back". */
  dismissLabel?: string;
  color?: MantineColor;
  /** What will change (counts, states) and any fields of the action itself. */
  children?: ReactNode;
  /** A message from the caller's own fields that blocks the action (shown beside the button). */
  blocked?: string | undefined;
  /** Runs the action with the operator's reason; a rejection is shown in the dialog and nothing closes. */
  onConfirm: (operator: OperatorReason) => Promise<T>;
  /** After success, before the dialog closes. */
  onDone?: (result: T) => void;
}

/**
 * The confirmation every elevated action goes through: what will change, the reason (required) and ticket, and the
 * server's refusal with its traceId when it says no. The form is fresh each time the dialog opens.
 */
export function OperatorActionDialog<T>(props: OperatorActionDialogProps<T>) {
  return (
    <Modal opened={props.opened} onClose={props.onClose} title={props.title} size="lg">
      <OperatorActionForm {...props} />
    </Modal>
  );
}

function OperatorActionForm<T>({ title, onClose, confirmLabel, dismissLabel = 'Back', color, children, blocked, onConfirm, onDone }: OperatorActionDialogProps<T>) {
  const [operator, setOperator] = useState(EMPTY_OPERATOR_REASON);
  const [errors, setErrors] = useState<OperatorReasonErrors>({});
  const action = useMutation({ mutationFn: onConfirm });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found = validateOperatorReason(operator);
    setErrors(found);
    if (Object.keys(found).length > 0 || blocked) return;
    action.mutate(operator, {
      onSuccess: (result) => {
        onDone?.(result);
        onClose();
      },
    });
  };

  const serverError = action.error instanceof ApiError ? action.error : undefined;
  return (
    <form onSubmit={submit} aria-label={title} noValidate>
      <Stack gap="sm">
        {children}
        <OperatorReasonFields value={operator} errors={errors} onChange={setOperator} />
        {action.error && (
          <Alert color="red" variant="light" title={`${title}: refused`} data-testid="action-error">
            <Stack gap={4}>
              <Text size="sm">{action.error.message}</Text>
              {serverError && <ErrorIdentifiers error={serverError} />}
            </Stack>
          </Alert>
        )}
        <Group justify="flex-end">
          {blocked && (
            <Text size="sm" c="red" data-testid="action-blocked">
              {blocked}
            </Text>
          )}
          <Button variant="default" onClick={onClose}>
            {dismissLabel}
          </Button>
          <Button type="submit" color={color} loading={action.isPending} disabled={blocked !== undefined}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
