import type { Quota } from '@execops/contract';
import { Anchor, Badge, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconGauge, IconHandStop, IconPlayerPause } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useQuotas } from '../../api/quota-queries.ts';
import { ErrorState } from '../../components/ErrorState.tsx';
import { StaleDataAlert } from '../../components/StaleDataAlert.tsx';
import { quotaJobTypeFilter, quotaPressure, type QuotaPressureSignal } from './quota-pressure.ts';

const SIGNAL_STYLE: Record<QuotaPressureSignal['kind'], { color: string; icon: typeof IconGauge }> = {
  paused: { color: 'orange', icon: IconPlayerPause },
  active: { color: 'red', icon: IconGauge },
  hourly: { color: 'red', icon: IconGauge },
  tokens: { color: 'red', icon: IconGauge },
  throttled: { color: 'yellow', icon: IconHandStop },
};

function SignalBadge({ signal }: { signal: QuotaPressureSignal }) {
  const style = SIGNAL_STYLE[signal.kind];
  const color = signal.level === 'near' ? 'yellow' : style.color;
  const Icon = signal.level === 'at' ? IconAlertTriangle : style.icon;
  return (
    <Badge color={color} variant="light" leftSection={<Icon size={12} />} tt="none" data-testid={`quota-signal-${signal.kind}`}>
      {signal.label}
    </Badge>
  );
}

function PressureRow({ quota, signals }: { quota: Quota; signals: QuotaPressureSignal[] }) {
  const jobType = quotaJobTypeFilter(quota);
  return (
    <Table.Tr data-testid="quota-pressure-row" data-job-type={quota.jobType}>
      <Table.Td>
        <Anchor
          renderRoot={(props) => <Link to="/ops/operations/jobengine/quotas" search={{ jobType: quota.jobType }} {...props} />}
          size="sm"
          ff="monospace"
        >
          {quota.jobType === '*' ? '* (every job type)' : quota.jobType}
        </Anchor>
      </Table.Td>
      <Table.Td>
        <Group gap={6}>
          {signals.map((signal) => (
            <SignalBadge key={signal.kind} signal={signal} />
          ))}
        </Group>
      </Table.Td>
      <Table.Td ta="right">
        {quota.usage.throttled > 0 ? (
          <Anchor
            renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs" search={{ state: 'throttled', jobType }} {...props} />}
            size="sm"
            data-testid="quota-throttled-link"
          >
            {quota.usage.throttled} throttled jobs
          </Anchor>
        ) : (
          <Text span size="sm" c="dimmed">
            none throttled
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function PressureBody({ quotas }: { quotas: readonly Quota[] }) {
  if (quotas.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="quotas-none">
        No quotas are configured: every job type runs without concurrency, hourly or token limits.
      </Text>
    );
  }
  const pressed = quotas.map((quota) => ({ quota, signals: quotaPressure(quota) })).filter((entry) => entry.signals.length > 0);
  if (pressed.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid="quotas-relaxed">
        {quotas.length === 1 ? '1 quota' : `${quotas.length} quotas`}, none paused, throttling or near a limit.
      </Text>
    );
  }
  return (
    <Table verticalSpacing="xs" aria-label="Quota pressure">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Job type</Table.Th>
          <Table.Th>Pressure</Table.Th>
          <Table.Th ta="right">Waiting</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {pressed.map(({ quota, signals }) => (
          <PressureRow key={quota.jobType} quota={quota} signals={signals} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** Quotas that hold jobs back now or soon: paused, at or near a limit, or with throttled jobs waiting. */
export function QuotaPressurePanel() {
  const quotas = useQuotas();
  return (
    <Paper withBorder p="md" data-testid="quota-pressure">
      <Group justify="space-between" mb="sm">
        <Title order={2} fz="h4">
          Quota pressure
        </Title>
        <Anchor renderRoot={(props) => <Link to="/ops/operations/jobengine/quotas" {...props} />} size="sm">
          All quotas
        </Anchor>
      </Group>
      {quotas.isPending && <Skeleton height={60} />}
      {quotas.isError && !quotas.data && (
        <ErrorState title="Quotas could not be loaded" error={quotas.error} onRetry={() => void quotas.refetch()} />
      )}
      {quotas.data && (
        <Stack gap="sm">
          {quotas.isError && (
            <StaleDataAlert title="Showing the last quotas that loaded" error={quotas.error} />
          )}
          <PressureBody quotas={quotas.data.items} />
        </Stack>
      )}
    </Paper>
  );
}
