import type { Quota } from '@execops/contract';
import { Anchor } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { Timestamp } from '../../components/Timestamp.tsx';
import { QuotaUsageBar } from './QuotaUsageBar.tsx';
import { ALL_TYPES } from './quota-labels.ts';

export function ActiveUsage({ quota }: { quota: Quota }) {
  return <QuotaUsageBar name="active" used={quota.usage.active} limit={quota.maxActive} />;
}

export function HourUsage({ quota }: { quota: Quota }) {
  const { usedThisHour, hourEndsAt } = quota.usage;
  return (
    <QuotaUsageBar
      name="hour"
      used={usedThisHour}
      limit={quota.maxPerHour}
      detail={hourEndsAt ? <>window ends <Timestamp iso={hourEndsAt} /></> : 'no start in the last hour'}
    />
  );
}

export function TokenUsage({ quota }: { quota: Quota }) {
  if (quota.burst === null || quota.usage.tokens === null) return <>no bucket</>;
  return <QuotaUsageBar name="tokens" used={quota.usage.tokens} limit={quota.burst} fullIsGood detail={`refills ${quota.refillPerSecond ?? 0}/s`} />;
}

/** The jobs this quota holds back, opened in the jobs list. */
export function ThrottledLink({ quota }: { quota: Quota }) {
  const search = quota.jobType === ALL_TYPES ? { state: 'throttled' } : { state: 'throttled', jobType: quota.jobType };
  return (
    <Anchor
      renderRoot={(props) => <Link to="/ops/operations/jobengine/jobs" search={search} {...props} />}
      data-testid="quota-throttled"
      title="Open the throttled jobs of this quota"
    >
      {quota.usage.throttled}
    </Anchor>
  );
}
