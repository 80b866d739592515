import type { Quota } from '@execops/contract';

/** A limit is "near" once this share of it is used (or, for tokens, once this share of the bucket is gone). */
export const NEAR_LIMIT_SHARE = 0.8;

export type PressureLevel = 'at' | 'near';

export interface QuotaPressureSignal {
  kind: 'paused' | 'active' | 'hourly' | 'tokens' | 'throttled';
  /** Paused and throttled are states, not levels. */
  level: PressureLevel | null;
  label: string;
}

function levelOf(used: number, limit: number): PressureLevel | null {
  if (used >= limit) return 'at';
  return used >= limit * NEAR_LIMIT_SHARE ? 'near' : null;
}

const LEVEL_TEXT: Record<PressureLevel, string> = { at: 'at limit', near: 'near limit' };

/** Why a quota holds jobs back now (or soon); empty when it has headroom everywhere. */
export function quotaPressure(quota: Quota): QuotaPressureSignal[] {
  const { usage } = quota;
  const signals: QuotaPressureSignal[] = [];
  if (quota.paused) signals.push({ kind: 'paused', level: null, label: 'paused: admits nothing' });
  if (quota.maxActive !== null) {
    const level = levelOf(usage.active, quota.maxActive);
    if (level) signals.push({ kind: 'active', level, label: `running ${usage.active} / ${quota.maxActive} (${LEVEL_TEXT[level]})` });
  }
  if (quota.maxPerHour !== null) {
    const level = levelOf(usage.usedThisHour, quota.maxPerHour);
    if (level) signals.push({ kind: 'hourly', level, label: `this hour ${usage.usedThisHour} / ${quota.maxPerHour} (${LEVEL_TEXT[level]})` });
  }
  if (quota.burst !== null && usage.tokens !== null) {
    const level = usage.tokens < 1 ? 'at' : levelOf(quota.burst - usage.tokens, quota.burst);
    if (level) signals.push({ kind: 'tokens', level, label: `tokens ${usage.tokens.toFixed(1)} / ${quota.burst} (${LEVEL_TEXT[level]})` });
  }
  if (usage.throttled > 0) signals.push({ kind: 'throttled', level: null, label: `${usage.throttled} throttled` });
  return signals;
}

/** Every job type when the quota is the tenant-wide `*`. */
export const quotaJobTypeFilter = (quota: Quota): string | undefined => (quota.jobType === '*' ? undefined : quota.jobType);
