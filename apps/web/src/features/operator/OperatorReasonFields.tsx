import { Stack, Textarea, TextInput } from '@mantine/core';
import { REASON_MAX, TICKET_MAX, type OperatorReason, type OperatorReasonErrors } from './operator-reason.ts';

interface OperatorReasonFieldsProps {
  value: OperatorReason;
  errors: OperatorReasonErrors;
  onChange: (value: OperatorReason) => void;
}

/** The reason (required) and ticket (optional) every confirmation dialog of an elevated action asks for. */
export function OperatorReasonFields({ value, errors, onChange }: OperatorReasonFieldsProps) {
  return (
    <Stack gap="xs">
      <Textarea
        label="Reason"
        withAsterisk
        description={`${value.reason.length}/${REASON_MAX}, recorded in the audit log`}
        maxLength={REASON_MAX}
        autosize
        minRows={2}
        data-autofocus
        value={value.reason}
        error={errors.reason}
        onChange={(event) => onChange({ ...value, reason: event.currentTarget.value })}
      />
      <TextInput
        label="Ticket"
        description="Optional change or incident reference"
        maxLength={TICKET_MAX}
        value={value.ticket}
        error={errors.ticket}
        onChange={(event) => onChange({ ...value, ticket: event.currentTarget.value })}
      />
    </Stack>
  );
}
