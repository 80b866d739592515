import { EmptyState, Skeleton } from '@mantine/core';
import { IconFlagOff } from '@tabler/icons-react';
import { createFileRoute } from '@tanstack/react-router';
import { useBaselines } from '../../../api/scanner-scans-queries.ts';
import { DetailSection } from '../../../components/DetailSection.tsx';
import { ErrorState } from '../../../components/ErrorState.tsx';
import { PageFrame } from '../../../components/PageFrame.tsx';
import { AuditTrail } from '../../../features/audit/AuditTrail.tsx';
import { BaselinesSearchSchema } from '../../../features/scanner-baselines/baselines-search.ts';
import { BaselinesTable } from '../../../features/scanner-baselines/BaselinesTable.tsx';
import { TargetComparison } from '../../../features/scanner-baselines/TargetComparison.tsx';

export const Route = createFileRoute('/ops/scanner-ops/baselines')({
  validateSearch: BaselinesSearchSchema,
  staticData: { title: 'Baselines', section: 'scannerOps' },
  component: BaselinesPage,
});

function BaselinesPage() {
  const search = Route.useSearch();
  const navigate = Route.useNavigate();
  const baselines = useBaselines();
  return (
    <PageFrame title="Baselines" summary="The promoted scan of each target, and any scan compared with it: new, fixed and unchanged findings.">
      {baselines.isPending && <Skeleton height={160} />}
      {baselines.isError && <ErrorState title="Baselines could not be loaded" error={baselines.error} onRetry={() => void baselines.refetch()} />}
      {baselines.data &&
        (baselines.data.items.length === 0 ? (
          <EmptyState
            data-testid="baselines-empty"
            icon={<IconFlagOff />}
            withIndicatorBackground
            title="No baseline yet"
            description="Promote a finished scan to baseline from its page; later scans of its target are compared with it."
          />
        ) : (
          <BaselinesTable baselines={baselines.data.items} selected={search.target} />
        ))}
      {search.target && (
        <TargetComparison
          target={search.target}
          scanId={search.scan}
          change={search.change ?? 'new'}
          onScan={(scan) => void navigate({ search: (prev) => ({ ...prev, scan }), replace: true })}
          onChange={(change) => void navigate({ search: (prev) => ({ ...prev, change: change === 'new' ? undefined : change }), replace: true })}
        />
      )}
      <DetailSection title="Audit of baselines">
        <AuditTrail targetType="scan_baseline" targetLabel="baseline" />
      </DetailSection>
    </PageFrame>
  );
}
