import type { Quota } from '@execops/contract';
import { Text } from '@mantine/core';
import { useState } from 'react';
import { useCreateQuota, useUpdateQuota } from '../../api/quota-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { QuotaLimitFields } from './QuotaLimitFields.tsx';
import { draftOf, EMPTY_DRAFT, toCreateRequest, toUpdateRequest, type QuotaDraft, type QuotaDraftField, type QuotaFieldErrors } from './quota-form.ts';
import { quotaTypeLabel } from './quota-labels.ts';

/** Only for invalid fields, which `blocked` already keeps from being confirmed. */
const invalid = () => Promise.reject(new Error('The quota fields are not valid.'));

interface QuotaFormDialogProps {
  /** The quota to edit; without it the dialog creates one. */
  quota?: Quota;
  onClose: () => void;
  onSaved: (quota: Quota) => void;
}

/** Create or edit a quota: its fields, checked with the contract's schema as they are typed, then reason and ticket. */
export function QuotaFormDialog({ quota, onClose, onSaved }: QuotaFormDialogProps) {
  const creating = quota === undefined;
  const [draft, setDraft] = useState<QuotaDraft>(() => (quota ? draftOf(quota) : EMPTY_DRAFT));
  const [touched, setTouched] = useState<ReadonlySet<QuotaDraftField>>(new Set());
  const create = useCreateQuota();
  const update = useUpdateQuota();

  const validated = creating ? toCreateRequest(draft) : toUpdateRequest(draft);
  const errors: QuotaFieldErrors = validated.ok ? {} : validated.errors;
  // Messages appear once the operator has typed in a field, not on an untouched form.
  const shown = Object.fromEntries(Object.entries(errors).filter(([field]) => touched.has(field as QuotaDraftField))) as QuotaFieldErrors;

  const change = (next: QuotaDraft, field: QuotaDraftField) => {
    setTouched((current) => new Set(current).add(field));
    setDraft(next);
  };

  let blocked: string | undefined;
  if (creating && draft.jobType.trim() === '') blocked = 'Enter a job type, or * for every type.';
  else if (!validated.ok) blocked = Object.keys(shown).length > 0 ? 'Fix the fields marked in red.' : Object.values(errors)[0];

  return (
    <OperatorActionDialog
      title={quota ? `Edit quota ${quotaTypeLabel(quota.jobType)}` : 'Create quota'}
      opened
      onClose={onClose}
      confirmLabel={creating ? 'Create quota' : 'Save limits'}
      blocked={blocked}
      onConfirm={(operator) => {
        if (quota) {
          const body = toUpdateRequest(draft);
          return body.ok ? update.mutateAsync({ args: { jobType: quota.jobType, body: body.value }, operator }) : invalid();
        }
        const body = toCreateRequest(draft);
        return body.ok ? create.mutateAsync({ args: body.value, operator }) : invalid();
      }}
      onDone={onSaved}
    >
      <Text size="sm" c="dimmed">
        {creating
          ? 'Jobs of this type are admitted only within these limits; the rest wait as throttled.'
          : 'The new limits apply to the next claim. A changed token bucket starts full at its new size.'}
      </Text>
      <QuotaLimitFields draft={draft} errors={shown} onChange={change} creating={creating} />
    </OperatorActionDialog>
  );
}
