import { SCANNER_SETTINGS_LIMITS as L } from '@execops/contract';
import { Checkbox, Group, NumberInput, Stack, Switch } from '@mantine/core';
import { formatBytes } from '../../components/ByteSize.tsx';
import type { SettingsDraft, SettingsErrors } from './settings-form.ts';

interface SettingsFieldsProps {
  draft: SettingsDraft;
  errors: SettingsErrors;
  /** Every analyzer of the registry, to choose the enabled ones from. */
  analyzerIds: readonly string[];
  onChange: (next: SettingsDraft) => void;
}

const toNumber = (value: string | number): number | '' => (typeof value === 'number' ? value : value.trim() === '' ? '' : Number(value));

export function SettingsFields({ draft, errors, analyzerIds, onChange }: SettingsFieldsProps) {
  const set = <K extends keyof SettingsDraft>(key: K, value: SettingsDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <Stack gap="md">
      <Group grow align="flex-start">
        <NumberInput
          label="Concurrency"
          description={`Analyzer jobs of one scan at once (${L.concurrency.min}–${L.concurrency.max})`}
          value={draft.concurrency}
          onChange={(value) => set('concurrency', toNumber(value))}
          error={errors.concurrency}
          allowDecimal={false}
        />
        <NumberInput
          label="Analyzer timeout (seconds)"
          description={`An analyzer running longer fails (${L.analyzerTimeoutSeconds.min}–${L.analyzerTimeoutSeconds.max})`}
          value={draft.analyzerTimeoutSeconds}
          onChange={(value) => set('analyzerTimeoutSeconds', toNumber(value))}
          error={errors.analyzerTimeoutSeconds}
          allowDecimal={false}
        />
      </Group>
      <Group grow align="flex-start">
        <NumberInput
          label="Max target size (bytes)"
          description={`${draft.maxTargetBytes === '' ? '—' : formatBytes(draft.maxTargetBytes)}; ${formatBytes(L.maxTargetBytes.min)} to ${formatBytes(L.maxTargetBytes.max)}`}
          value={draft.maxTargetBytes}
          onChange={(value) => set('maxTargetBytes', toNumber(value))}
          error={errors.maxTargetBytes}
          allowDecimal={false}
          thousandSeparator=","
        />
        <NumberInput
          label="Feed staleness (days)"
          description={`An active kit older than this is stale (${L.feedStalenessDays.min}–${L.feedStalenessDays.max})`}
          value={draft.feedStalenessDays}
          onChange={(value) => set('feedStalenessDays', toNumber(value))}
          error={errors.feedStalenessDays}
          allowDecimal={false}
        />
      </Group>
      <Checkbox.Group
        label="Enabled analyzers"
        description="The others are skipped by scans started from now on."
        value={draft.enabledAnalyzers}
        onChange={(value) => set('enabledAnalyzers', value)}
        error={errors.enabledAnalyzers}
      >
        <Group gap="md" mt="xs">
          {analyzerIds.map((id) => (
            <Checkbox key={id} value={id} label={id} />
          ))}
        </Group>
      </Checkbox.Group>
      <Switch
        label="Deterministic output"
        description="Reports carry no wall-clock time or random serial: the same input gives the same bytes."
        checked={draft.deterministicOutput}
        onChange={(event) => set('deterministicOutput', event.currentTarget.checked)}
      />
    </Stack>
  );
}
