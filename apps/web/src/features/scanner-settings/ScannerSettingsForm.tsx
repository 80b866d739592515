import type { ScannerSettings } from '@execops/contract';
import { Alert, Button, Group, Paper, Stack, Text } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useSaveScannerSettings } from '../../api/scanner-scans-queries.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { SettingsFields } from './SettingsFields.tsx';
import { draftOf, serverFieldErrors, validateDraft, type SettingsErrors } from './settings-form.ts';

interface ScannerSettingsFormProps {
  settings: ScannerSettings;
  analyzerIds: readonly string[];
}

/**
 * The settings checked with the contract's schema as they are typed; saving asks for the reason (audited) and a
 * server 422 is shown at its fields.
 */
export function ScannerSettingsForm({ settings, analyzerIds }: ScannerSettingsFormProps) {
  const [draft, setDraft] = useState(() => draftOf(settings));
  const [serverErrors, setServerErrors] = useState<SettingsErrors>({});
  const [confirming, setConfirming] = useState(false);
  const save = useSaveScannerSettings();
  const missingScope = useMissingScope('scanner:admin');
  const validated = validateDraft(draft);
  const errors: SettingsErrors = { ...serverErrors, ...(validated.ok ? {} : validated.errors) };
  const changed = JSON.stringify(draft) !== JSON.stringify(draftOf(settings));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (validated.ok && changed) setConfirming(true);
  };

  return (
    <Paper withBorder p="md">
      <form onSubmit={submit} aria-label="Scanner settings" noValidate>
        <Stack gap="md">
          <SettingsFields
            draft={draft}
            errors={errors}
            analyzerIds={analyzerIds}
            onChange={(next) => {
              setServerErrors({});
              setDraft(next);
            }}
          />
          {!validated.ok && (
            <Alert color="red" variant="light" data-testid="settings-invalid">
              Fix the fields marked in red; nothing is saved until they are valid.
            </Alert>
          )}
          <Group justify="space-between">
            <Text size="xs" c="dimmed" data-testid="settings-updated">
              {settings.updatedAt ? (
                <>
                  Last changed <Timestamp iso={settings.updatedAt} /> by {settings.updatedBy}
                </>
              ) : (
                'The defaults; never changed.'
              )}
            </Text>
            <Group gap="sm">
              <Button variant="default" disabled={!changed} onClick={() => setDraft(draftOf(settings))}>
                Reset
              </Button>
              {missingScope ? (
                <DisabledAction label="Save settings" reason={missingScope} />
              ) : (
                <Button type="submit" disabled={!validated.ok || !changed}>
                  Save settings
                </Button>
              )}
            </Group>
          </Group>
        </Stack>
      </form>
      {confirming && validated.ok && (
        <OperatorActionDialog
          title="Save scanner settings"
          opened
          onClose={() => setConfirming(false)}
          confirmLabel="Save settings"
          onConfirm={(operator) =>
            save.mutateAsync({ args: validated.value, operator }).catch((error: unknown) => {
              setServerErrors(serverFieldErrors(error));
              throw error;
            })
          }
          onDone={(saved) => setDraft(draftOf(saved))}
        >
          <Text size="sm">The settings apply to scans started from now on.</Text>
        </OperatorActionDialog>
      )}
    </Paper>
  );
}
