import type { Quota } from '@execops/contract';
import { Button, Drawer, Group, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconEdit, IconPlayerPause, IconPlayerPlay, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { DrawerSection } from '../../components/DrawerSection.tsx';
import { ErrorState } from '../../components/ErrorState.tsx';
import { Timestamp } from '../../components/Timestamp.tsx';
import { AuditTrail } from '../audit/AuditTrail.tsx';
import { QuotaPausedBadge } from './QuotaPausedBadge.tsx';
import type { QuotaStateAction } from './QuotaStateDialog.tsx';
import { ActiveUsage, HourUsage, ThrottledLink, TokenUsage } from './QuotaUsageCells.tsx';
import { DisabledAction } from '../../components/DisabledAction.tsx';
import { useMissingScope } from '../auth/use-session.ts';
import { quotaTypeLabel } from './quota-labels.ts';

export type QuotaAction = QuotaStateAction | 'edit';

interface QuotaDetailDrawerProps {
  jobType: string | undefined;
  /** Undefined while the list loads, when it failed, or when no quota has this job type. */
  quota: Quota | undefined;
  loading: boolean;
  /** The list failed before it ever loaded. */
  loadError: Error | null;
  onRetry: () => void;
  onClose: () => void;
  onAction: (action: QuotaAction, quota: Quota) => void;
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

const limitText = (value: number | null) => (value === null ? 'no limit' : String(value));

/** The selected quota (`?jobType=`): its limits, live usage, actions and audit trail. */
export function QuotaDetailDrawer({ jobType, quota, loading, loadError, onRetry, onClose, onAction }: QuotaDetailDrawerProps) {
  return (
    <Drawer
      opened={jobType !== undefined}
      onClose={onClose}
      position="right"
      size="56rem"
      title={jobType === undefined ? '' : `Quota ${quotaTypeLabel(jobType)}`}
      data-testid="quota-detail"
    >
      {quota ? (
        <QuotaDetail quota={quota} onAction={onAction} />
      ) : loading ? (
        <Skeleton height={200} />
      ) : loadError ? (
        <ErrorState title="Quotas could not be loaded" error={loadError} onRetry={onRetry} />
      ) : (
        <Text c="dimmed" data-testid="quota-not-found">
          No quota for job type {jobType} in this tenant: jobs of this type run without a limit of their own.
        </Text>
      )}
    </Drawer>
  );
}

function QuotaDetail({ quota, onAction }: { quota: Quota; onAction: QuotaDetailDrawerProps['onAction'] }) {
  const missingScope = useMissingScope('quotas:admin');
  return (
    <Stack gap="lg">
      {missingScope ? (
        <Group gap="xs">
          {['Edit limits', quota.paused ? 'Resume' : 'Pause', 'Delete'].map((label) => (
            <DisabledAction key={label} size="xs" label={label} reason={missingScope} />
          ))}
        </Group>
      ) : (
      <Group gap="xs">
        <Button size="xs" leftSection={<IconEdit size={14} />} onClick={() => onAction('edit', quota)}>
          Edit limits
        </Button>
        {quota.paused ? (
          <Button size="xs" variant="light" leftSection={<IconPlayerPlay size={14} />} onClick={() => onAction('resume', quota)}>
            Resume
          </Button>
        ) : (
          <Button size="xs" variant="light" color="orange" leftSection={<IconPlayerPause size={14} />} onClick={() => onAction('pause', quota)}>
            Pause
          </Button>
        )}
        <Button size="xs" variant="light" color="red" leftSection={<IconTrash size={14} />} onClick={() => onAction('delete', quota)}>
          Delete
        </Button>
      </Group>
      )}
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md" data-testid="quota-limits">
        <Field label="State">
          <QuotaPausedBadge paused={quota.paused} />
        </Field>
        <Field label="Max active">{limitText(quota.maxActive)}</Field>
        <Field label="Max per hour">{limitText(quota.maxPerHour)}</Field>
        <Field label="Token bucket">
          {quota.burst === null ? 'none' : `burst ${quota.burst}, ${quota.refillPerSecond ?? 0}/s`}
        </Field>
        <Field label="Active">
          <ActiveUsage quota={quota} />
        </Field>
        <Field label="This hour">
          <HourUsage quota={quota} />
        </Field>
        <Field label="Tokens">
          <TokenUsage quota={quota} />
        </Field>
        <Field label="Throttled">
          <ThrottledLink quota={quota} />
        </Field>
        <Field label="Created">
          <Timestamp iso={quota.createdAt} />
        </Field>
        <Field label="Updated">
          <Timestamp iso={quota.updatedAt} />
        </Field>
      </SimpleGrid>
      <DrawerSection title="Audit trail">
        <AuditTrail targetType="quota" targetId={quota.jobType} />
      </DrawerSection>
    </Stack>
  );
}
