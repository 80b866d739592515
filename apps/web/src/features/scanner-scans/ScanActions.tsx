import type { ScanSummary } from '@execops/contract';
import { Button, Group } from '@mantine/core';
import { IconDownload, IconFlag, IconPlayerStop } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { scannerScansApi } from '../../api/scanner-scans-api.ts';
import { isScanActive } from '../../api/scanner-scans-queries.ts';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { saveFile } from '../../components/save-file.ts';
import { useMissingScope } from '../auth/use-session.ts';
import { CancelScanDialog } from './CancelScanDialog.tsx';
import { PromoteBaselineDialog } from './PromoteBaselineDialog.tsx';

/** A report exists for these; a failed or canceled scan has none. */
const hasReport = (scan: ScanSummary) => scan.state === 'succeeded' || scan.state === 'partial';

/** Cancel for an unfinished scan; SBOM download and promotion to baseline for a scan that has a report. */
export function ScanActions({ scan }: { scan: ScanSummary }) {
  const missingScope = useMissingScope('scanner:admin');
  if (isScanActive(scan.state)) return <CancelScanAction scan={scan} missingScope={missingScope} />;
  if (!hasReport(scan)) return null;
  return <ReportActions scan={scan} missingScope={missingScope} />;
}

interface ActionProps {
  scan: ScanSummary;
  /** Why this session may not act (no scanner:admin), else null. */
  missingScope: string | null;
}

function CancelScanAction({ scan, missingScope }: ActionProps) {
  const [canceling, setCanceling] = useState(false);
  if (missingScope) return <DisabledAction label="Cancel scan" reason={missingScope} />;
  return (
    <>
      <Button color="red" leftSection={<IconPlayerStop size={16} />} onClick={() => setCanceling(true)}>
        Cancel scan
      </Button>
      {canceling && <CancelScanDialog scan={scan} onClose={() => setCanceling(false)} />}
    </>
  );
}

function ReportActions({ scan, missingScope }: ActionProps) {
  const [promoting, setPromoting] = useState(false);
  const sbom = useMutation({ mutationFn: () => scannerScansApi.sbom(scan.id), onSuccess: saveFile });
  let promote;
  if (scan.isBaseline) promote = <DisabledAction label="Promote to baseline" reason="This scan is already the baseline of its target." />;
  else if (missingScope) promote = <DisabledAction label="Promote to baseline" reason={missingScope} />;
  else {
    promote = (
      <Button leftSection={<IconFlag size={16} />} onClick={() => setPromoting(true)}>
        Promote to baseline
      </Button>
    );
  }
  return (
    <Group gap="sm" wrap="nowrap" align="flex-start">
      <Button variant="default" leftSection={<IconDownload size={16} />} loading={sbom.isPending} onClick={() => sbom.mutate()}>
        SBOM (CycloneDX)
      </Button>
      {promote}
      {sbom.error && <ErrorState title="The SBOM could not be downloaded" error={sbom.error} />}
      {promoting && <PromoteBaselineDialog scan={scan} onClose={() => setPromoting(false)} />}
    </Group>
  );
}
