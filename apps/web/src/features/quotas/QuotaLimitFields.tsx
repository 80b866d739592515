import { Checkbox, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { LIMIT_FIELDS, type LimitField, type QuotaDraft, type QuotaDraftField, type QuotaFieldErrors } from './quota-form.ts';

const LIMIT_LABELS: Record<LimitField, { label: string; description: string }> = {
  maxActive: { label: 'Max active', description: 'Jobs running at once; empty = no limit' },
  maxPerHour: { label: 'Max per hour', description: 'Starts per hourly window; empty = no limit' },
  burst: { label: 'Burst', description: 'Token bucket size; empty = no bucket' },
  refillPerSecond: { label: 'Refill per second', description: 'Tokens added per second; empty = no bucket' },
};

interface QuotaLimitFieldsProps {
  draft: QuotaDraft;
  /** Only the errors of fields the operator has touched. */
  errors: QuotaFieldErrors;
  /** The new draft and the field that changed. */
  onChange: (draft: QuotaDraft, field: QuotaDraftField) => void;
  /** Creating asks for the job type and whether to start paused; editing shows only the limits. */
  creating: boolean;
}

/** The quota's own fields inside its confirmation dialog; an empty limit means no limit. */
export function QuotaLimitFields({ draft, errors, onChange, creating }: QuotaLimitFieldsProps) {
  const setLimit = (field: LimitField, text: string) => onChange({ ...draft, limits: { ...draft.limits, [field]: text } }, field);
  return (
    <Stack gap="xs">
      {creating && (
        <TextInput
          label="Job type"
          withAsterisk
          description="A job type, or * for every job type of the tenant"
          data-autofocus
          value={draft.jobType}
          error={errors.jobType}
          onChange={(event) => onChange({ ...draft, jobType: event.currentTarget.value }, 'jobType')}
        />
      )}
      <SimpleGrid cols={2} spacing="sm">
        {LIMIT_FIELDS.map((field) => (
          <TextInput
            key={field}
            data-autofocus={!creating && field === 'maxActive' ? true : undefined}
            label={LIMIT_LABELS[field].label}
            description={LIMIT_LABELS[field].description}
            inputMode={field === 'refillPerSecond' ? 'decimal' : 'numeric'}
            placeholder="no limit"
            value={draft.limits[field]}
            error={errors[field]}
            onChange={(event) => setLimit(field, event.currentTarget.value)}
          />
        ))}
      </SimpleGrid>
      {creating && (
        <Checkbox
          label="Start paused (admits no job until resumed)"
          checked={draft.paused}
          onChange={(event) => onChange({ ...draft, paused: event.currentTarget.checked }, 'paused')}
        />
      )}
    </Stack>
  );
}
