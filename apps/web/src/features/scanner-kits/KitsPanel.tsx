import type { KitStatus } from '@execops/contract';
import { KitStatus as KitStatusSchema } from '@execops/contract';
import { Group, SegmentedControl, Skeleton, Stack } from '@mantine/core';
import { IconPackageOff } from '@tabler/icons-react';
import { useKits } from '../../api/scanner-kits-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { ListEmptyState } from '../../components/ListEmptyState.tsx';
import { StaleDataAlert } from '../../components/StaleDataAlert.tsx';
import { ActiveFeedCard } from './ActiveFeedCard.tsx';
import { KitsTable } from './KitsTable.tsx';

const ALL = 'all';

interface KitsPanelProps {
  status: KitStatus | undefined;
  onStatus: (status: KitStatus | undefined) => void;
}

/** The active feed, then every kit (filtered by the status in the URL). */
export function KitsPanel({ status, onStatus }: KitsPanelProps) {
  const kits = useKits();
  const all = kits.data?.items ?? [];
  const shown = status ? all.filter((kit) => kit.status === status) : all;
  return (
    <Stack gap="md">
      <ActiveFeedCard />
      <Group>
        <SegmentedControl
          aria-label="Kit status"
          value={status ?? ALL}
          onChange={(value) => onStatus(KitStatusSchema.safeParse(value).data)}
          data={[ALL, ...KitStatusSchema.options]}
        />
      </Group>
      {kits.isPending && <Skeleton height={160} />}
      {kits.isError && !kits.data && <ErrorState title="Kits could not be loaded" error={kits.error} onRetry={() => void kits.refetch()} />}
      {kits.isError && kits.data && <StaleDataAlert title="Showing the kits as they last loaded" error={kits.error} />}
      {kits.data &&
        (shown.length === 0 ? (
          <ListEmptyState
            testId="kits-empty"
            icon={<IconPackageOff />}
            empty={{ title: 'No kit yet', description: 'Import an offline kit (.tar.gz) to give scans a vulnerability feed.' }}
            noMatch={{ title: `No ${status ?? ''} kit`, description: 'Other statuses have kits.' }}
            filtered={status !== undefined}
            onClearFilters={() => onStatus(undefined)}
          />
        ) : (
          <KitsTable kits={shown} />
        ))}
    </Stack>
  );
}
