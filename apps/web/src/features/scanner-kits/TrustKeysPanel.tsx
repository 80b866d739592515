import type { TrustKey } from '@execops/contract';
import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconKey } from '@tabler/icons-react';
import { useState } from 'react';
import { useTrustKeys } from '../../api/scanner-kits-queries.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { AuditTrail } from '../audit/AuditTrail.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { SiteKeyPanel } from './SiteKeyPanel.tsx';
import { AddTrustKeyDialog, RevokeTrustKeyDialog } from './TrustKeyDialogs.tsx';
import { TrustKeysTable } from './TrustKeysTable.tsx';
import { DetailSection } from '../../components/DetailSection.tsx';

type Dialog = { action: 'add' } | { action: 'revoke'; key: TrustKey };

/** Trust keys (add a JWK, revoke) and this site's own key to hand to other sites. */
export function TrustKeysPanel() {
  const keys = useTrustKeys();
  const missingScope = useMissingScope('scanner:admin');
  const [dialog, setDialog] = useState<Dialog | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          A kit is imported only when its signature verifies against a trust key that is not revoked.
        </Text>
        {missingScope ? (
          <DisabledAction label="Add trust key" reason={missingScope} />
        ) : (
          <Button leftSection={<IconKey size={16} />} onClick={() => setDialog({ action: 'add' })}>
            Add trust key
          </Button>
        )}
      </Group>
      {keys.isPending && <Skeleton height={120} />}
      {keys.isError && <ErrorState title="Trust keys could not be loaded" error={keys.error} onRetry={() => void keys.refetch()} />}
      {keys.data &&
        (keys.data.items.length === 0 ? (
          <Text size="sm" c="dimmed" data-testid="trust-keys-empty">
            No trust key: every kit is refused until one is added.
          </Text>
        ) : (
          <TrustKeysTable keys={keys.data.items} missingScope={missingScope} onRevoke={(key) => setDialog({ action: 'revoke', key })} />
        ))}
      <SiteKeyPanel missingScope={missingScope} />
      <DetailSection title="Audit of trust keys">
        <AuditTrail targetType="scanner_trust_key" targetLabel="trust key" />
      </DetailSection>
      {dialog?.action === 'add' && <AddTrustKeyDialog onClose={() => setDialog(null)} />}
      {dialog?.action === 'revoke' && <RevokeTrustKeyDialog trustKey={dialog.key} onClose={() => setDialog(null)} />}
    </Stack>
  );
}
