import { MisfirePolicy, OverlapPolicy, type Schedule } from '@execops/contract';
import { SegmentedControl, Select, SimpleGrid, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useCreateSchedule, useDraftPreview, useUpdateSchedule } from '../../api/scheduler-queries.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { CronPreview, previewFieldError } from './CronPreview.tsx';
import {
  changesOf,
  draftOfSchedule,
  EMPTY_SCHEDULE_DRAFT,
  parseScheduleDraft,
  type ScheduleDraft,
  type ScheduleDraftField,
  type ScheduleFieldErrors,
  type TargetKind,
} from './schedule-form.ts';
import { MISFIRE_LABELS, OVERLAP_LABELS } from './schedule-labels.ts';
import { TimeZoneInput } from './TimeZoneInput.tsx';

/** The preview waits for a pause in typing, so it asks the server once per edit, not once per key. */
const PREVIEW_DEBOUNCE_MS = 400;

const MONO = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } };
const choices = <T extends string>(labels: Record<T, string>) => Object.entries<string>(labels).map(([value, label]) => ({ value, label: `${value}: ${label}` }));

interface ScheduleFormDialogProps {
  /** The schedule to edit; without it the dialog creates one. */
  schedule?: Schedule;
  onClose: () => void;
  onSaved: (schedule: Schedule) => void;
}

/** Create or edit a schedule: fields checked with the contract's schema as typed, a live cron preview, then reason and ticket. */
export function ScheduleFormDialog({ schedule, onClose, onSaved }: ScheduleFormDialogProps) {
  const [draft, setDraft] = useState<ScheduleDraft>(() => (schedule ? draftOfSchedule(schedule) : EMPTY_SCHEDULE_DRAFT));
  const [touched, setTouched] = useState<ReadonlySet<ScheduleDraftField>>(() => new Set());
  const create = useCreateSchedule();
  const update = useUpdateSchedule();

  const [previewed] = useDebouncedValue({ cron: draft.cron.trim(), timezone: draft.timezone.trim() || undefined }, PREVIEW_DEBOUNCE_MS);
  const preview = useDraftPreview(previewed.cron === '' ? null : previewed);
  const serverError = previewFieldError(preview.error);

  const parsed = parseScheduleDraft(draft);
  const errors: ScheduleFieldErrors = parsed.ok ? {} : { ...parsed.errors };
  if (serverError && errors[serverError.field] === undefined) errors[serverError.field] = serverError.message;
  // A field's message appears once the operator has typed in it; the server's verdict on cron and zone at once.
  const shown: ScheduleFieldErrors = Object.fromEntries(
    Object.entries(errors).filter(([field]) => touched.has(field as ScheduleDraftField) || field === serverError?.field),
  );
  const changes = schedule && parsed.ok ? changesOf(schedule, parsed.value) : undefined;

  let blocked: string | undefined;
  const firstError = Object.values(errors)[0];
  if (firstError !== undefined) blocked = Object.keys(shown).length > 0 ? 'Fix the fields marked in red.' : `Not ready: ${firstError}`;
  else if (changes && Object.keys(changes).length === 0) blocked = 'Nothing changed yet.';

  const set = <F extends ScheduleDraftField>(field: F) => (value: ScheduleDraft[F]) => {
    setTouched((current) => new Set(current).add(field));
    setDraft((current) => ({ ...current, [field]: value }));
  };
  const text = (field: ScheduleDraftField) => ({
    value: String(draft[field]),
    error: shown[field],
    onChange: (event: { currentTarget: { value: string } }) => set(field)(event.currentTarget.value),
  });

  return (
    <OperatorActionDialog
      title={schedule ? `Edit schedule ${schedule.name}` : 'Create schedule'}
      opened
      onClose={onClose}
      confirmLabel={schedule ? 'Save schedule' : 'Create schedule'}
      blocked={blocked}
      onConfirm={(operator) => {
        if (!parsed.ok) return Promise.reject(new Error('The schedule fields are not valid.'));
        if (schedule) return update.mutateAsync({ args: { id: schedule.id, body: changes ?? {} }, operator });
        return create.mutateAsync({ args: parsed.value, operator });
      }}
      onDone={onSaved}
    >
      <Stack gap="sm" data-testid="schedule-form">
        <SimpleGrid cols={2} spacing="sm">
          <TextInput label="Name" withAsterisk description="unique in the tenant" data-autofocus {...text('name')} />
          <TextInput label="Description" {...text('description')} />
          <TextInput label="Cron" withAsterisk description="5 fields, or 6 with seconds first" styles={MONO} {...text('cron')} />
          <TimeZoneInput value={draft.timezone} error={shown.timezone} onChange={set('timezone')} />
        </SimpleGrid>
        <CronPreview preview={preview} hasCron={previewed.cron !== ''} />
        <SimpleGrid cols={2} spacing="sm">
          <Select
            label="Misfire policy"
            description="slots missed by over 60 s (downtime, a pause)"
            data={choices(MISFIRE_LABELS)}
            value={draft.misfirePolicy}
            onChange={(value) => set('misfirePolicy')(MisfirePolicy.parse(value ?? 'skip'))}
            allowDeselect={false}
          />
          <Select
            label="Overlap policy"
            description="while the previous run is unfinished"
            data={choices(OVERLAP_LABELS)}
            value={draft.overlapPolicy}
            onChange={(value) => set('overlapPolicy')(OverlapPolicy.parse(value ?? 'allow'))}
            allowDeselect={false}
          />
          {draft.misfirePolicy === 'fire_all' && <TextInput label="Max catch-up" description="most missed slots fired at once" {...text('maxCatchUp')} />}
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={500}>
            Target
          </Text>
          <SegmentedControl
            aria-label="Target"
            data={[
              { value: 'job', label: 'Job template' },
              { value: 'pipeline', label: 'Pipeline template' },
            ]}
            value={draft.targetKind}
            onChange={(value) => set('targetKind')(value as TargetKind)}
          />
        </Stack>
        {draft.targetKind === 'job' ? (
          <>
            <SimpleGrid cols={3} spacing="sm">
              <TextInput label="Job type" withAsterisk {...text('jobType')} />
              <TextInput label="Queue" placeholder="the job type" {...text('queue')} />
              <TextInput label="Priority (lower first)" placeholder="0" {...text('priority')} />
            </SimpleGrid>
            <Textarea label="Payload (JSON)" autosize minRows={3} maxRows={10} styles={MONO} {...text('payload')} />
          </>
        ) : (
          <Textarea
            label="Nodes (JSON)"
            description='[{"key", "job": {"jobType", …}, "dependsOn": [keys]}], as in POST /api/v1/pipelines'
            autosize
            minRows={6}
            maxRows={16}
            styles={MONO}
            {...text('nodes')}
          />
        )}
      </Stack>
    </OperatorActionDialog>
  );
}
