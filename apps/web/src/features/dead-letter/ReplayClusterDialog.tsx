import { canonicalRoutes, type BulkDeadLetterResponse, type DeadLetterCluster } from '@execops/contract';
import { Anchor, Code, Group, NumberInput, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { toQueryString } from '../../api/client.ts';
import { deadLetterApi } from '../../api/dead-letter-api.ts';
import { useDeadLetterDryRun, useInvalidateAfterDeadLetterAction } from '../../api/dead-letter-queries.ts';
import { currentTenant, tenantSearchValue } from '../../tenant/current-tenant.ts';
import { PRIORITY_MAX, PRIORITY_MIN, readOptionalPriority } from '../job-detail/priority-input.ts';
import { OperatorActionDialog } from '../operator/OperatorActionDialog.tsx';
import { BulkDryRunPreview } from '../selection/BulkDryRunPreview.tsx';
import { dryRunBlocker } from '../selection/bulk-dry-run.ts';
import { bulkOutcomeSummary, clusterReplayFilter, replayDryRunSummary } from './dead-letter-overview.ts';

interface ReplayClusterDialogProps {
  cluster: DeadLetterCluster;
  onClose: () => void;
}

/** Replays every open entry of one cluster as new jobs: the dry-run count first, then the reason and the run. */
export function ReplayClusterDialog({ cluster, onClose }: ReplayClusterDialogProps) {
  const filter = useMemo(() => clusterReplayFilter(cluster.clusterKey), [cluster.clusterKey]);
  const dryRun = useDeadLetterDryRun('replay', { filter });
  const invalidate = useInvalidateAfterDeadLetterAction();
  const navigate = useNavigate();
  const [priority, setPriority] = useState<string | number>('');
  const read = readOptionalPriority(priority);

  const blocked = dryRunBlocker(dryRun, 'open entries', 'Nothing to replay.') ?? ('error' in read ? read.error : undefined);

  const announce = (result: BulkDeadLetterResponse) => {
    notifications.show({
      color: 'green',
      title: `Cluster ${cluster.code}: ${result.affected.toLocaleString('en-US')} replayed`,
      message: (
        <Stack gap={2}>
          <Text size="sm">{bulkOutcomeSummary(result.results)}</Text>
          <Group gap="xs">
            {cluster.jobTypes.map((jobType) => (
              <Anchor
                key={jobType}
                size="sm"
                href={`${canonicalRoutes.jobs}${toQueryString({ jobType, tenant: tenantSearchValue(currentTenant()) })}`}
                onClick={(event) => {
                  event.preventDefault();
                  void navigate({ to: '/ops/operations/jobengine/jobs', search: { jobType } });
                }}
              >
                Jobs of {jobType}
              </Anchor>
            ))}
          </Group>
        </Stack>
      ),
    });
    void invalidate();
  };

  return (
    <OperatorActionDialog
      title="Replay cluster"
      opened
      onClose={onClose}
      confirmLabel={dryRun.data ? `Replay ${dryRun.data.matched.toLocaleString('en-US')}` : 'Replay'}
      blocked={blocked}
      onConfirm={(operator) => deadLetterApi.bulkReplay({ filter, priority: 'priority' in read ? read.priority : undefined }, operator)}
      onDone={announce}
    >
      <Stack gap="xs">
        <Text size="sm">
          Every open entry failing with <Code>{cluster.code}</Code> is replayed: a new job with the same type, queue and payload
          that records the failed job as the one it replays. Fix the cause first.
        </Text>
        <Text size="sm" c="dimmed" lineClamp={3} title={cluster.sampleMessage}>
          Latest message: {cluster.sampleMessage}
        </Text>
        <BulkDryRunPreview dryRun={dryRun} counted="open entries" summary={replayDryRunSummary} />
        <NumberInput
          label="Priority"
          description="Empty: each new job runs 100 ahead of the job it replays; lower runs first"
          min={PRIORITY_MIN}
          max={PRIORITY_MAX}
          allowDecimal={false}
          value={priority}
          onChange={setPriority}
          error={'error' in read}
        />
      </Stack>
    </OperatorActionDialog>
  );
}
