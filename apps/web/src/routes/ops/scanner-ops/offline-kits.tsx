import { Button, Group, Stack, Tabs } from '@mantine/core';
import { IconArrowBackUp, IconDownload, IconUpload } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useState } from 'react';
import { DetailSection } from '../../../components/DetailSection.tsx';
import { DetailTabs } from '../../../components/DetailTabs.tsx';
import { DisabledAction } from '../../../components/DisabledAction.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { AuditTrail } from '../../../features/audit/AuditTrail.tsx';
import { useMissingScope } from '../../../features/auth/use-session.ts';
import { ImportKitDialog } from '../../../features/scanner-kits/ImportKitDialog.tsx';
import { KitActionDialog, type KitAction } from '../../../features/scanner-kits/KitActionDialog.tsx';
import { KitsPanel } from '../../../features/scanner-kits/KitsPanel.tsx';
import { KITS_TABS, KitsSearchSchema, type KitsTab } from '../../../features/scanner-kits/kits-search.ts';
import { TrustKeysPanel } from '../../../features/scanner-kits/TrustKeysPanel.tsx';

export const Route = createFileRoute('/ops/scanner-ops/offline-kits')({
  validateSearch: KitsSearchSchema,
  staticData: { title: 'Offline kits', section: 'scannerOps' },
  component: OfflineKitsPage,
});

const TAB_LABELS: Record<KitsTab, string> = { kits: 'Kits', 'trust-keys': 'Trust keys' };
const isKitsTab = (value: string | null): value is KitsTab => KITS_TABS.some((tab) => tab === value);

type Dialog = 'import' | KitAction;

function OfflineKitsPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const missingScope = useMissingScope('scanner:admin');
  const showTab = (next: string | null) => {
    if (isKitsTab(next)) void navigate({ search: { tab: next === 'kits' ? undefined : next } });
  };
  const actions = missingScope ? (
    <Group gap="sm" wrap="nowrap">
      <DisabledAction label="Import kit" reason={missingScope} />
    </Group>
  ) : (
    <Group gap="sm" wrap="nowrap">
      <Button variant="default" leftSection={<IconArrowBackUp size={16} />} onClick={() => setDialog('rollback')}>
        Roll back
      </Button>
      <Button variant="default" leftSection={<IconDownload size={16} />} onClick={() => setDialog('export')}>
        Export
      </Button>
      <Button leftSection={<IconUpload size={16} />} onClick={() => setDialog('import')}>
        Import kit
      </Button>
    </Group>
  );
  return (
    <PageFrame title="Offline kits" summary="Signed vulnerability feeds: import, quarantine, rollback, export and the keys they are trusted by." action={actions}>
      <DetailTabs value={search.tab ?? 'kits'} labels={TAB_LABELS} onChange={showTab}>
        <Tabs.Panel value="kits">
          <Stack gap="md">
            <KitsPanel status={search.status} onStatus={(status) => void navigate({ search: (prev) => ({ ...prev, status }), replace: true })} />
            <DetailSection title="Audit of kits">
              <AuditTrail targetType="scanner_kit" targetLabel="kit" />
            </DetailSection>
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="trust-keys">
          <TrustKeysPanel />
        </Tabs.Panel>
      </DetailTabs>
      {dialog === 'import' && <ImportKitDialog onClose={() => setDialog(null)} />}
      {(dialog === 'rollback' || dialog === 'export') && <KitActionDialog action={dialog} onClose={() => setDialog(null)} />}
    </PageFrame>
  );
}
