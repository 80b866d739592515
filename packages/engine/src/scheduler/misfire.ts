import type { MisfirePolicy } from '@execops/contract';
import type { CronSchedule } from './cron.ts';

/** A slot later than this is missed (downtime, a pause): the misfire policy decides about it. */
export const DEFAULT_MISFIRE_GRACE_MS = 60_000;
/** Most on-time slots fired in one pass (an every-second schedule over the grace period). */
const ON_TIME_MAX = 600;
const MISSED_COUNT_MAX = 10_000;

export interface FirePlan {
  /** The slots to fire, ascending. */
  fires: Date[];
  /** Slots due but dropped by the policy. */
  dropped: number;
  /** The first slot after `now`. */
  nextFireAt: Date | null;
}

export interface PlanInput {
  cron: CronSchedule;
  nextFireAt: Date;
  now: Date;
  policy: MisfirePolicy;
  maxCatchUp: number;
  graceMs: number;
}

/**
 * Which due slots (from `nextFireAt` up to `now`) to fire. Slots within the grace period always fire; older ones
 * follow the policy: skip drops them, fire_once fires the latest of them, fire_all the latest `maxCatchUp`.
 */
export function planFires({ cron, nextFireAt, now, policy, maxCatchUp, graceMs }: PlanInput): FirePlan {
  const next = cron.next(now);
  if (nextFireAt > now) return { fires: [], dropped: 0, nextFireAt };
  const graceStart = new Date(Math.max(now.getTime() - graceMs, nextFireAt.getTime()));
  // `nextFireAt` itself is a slot; the cron's walk is exclusive of its start, so start just before it.
  const onTime = slotsBetween(cron, graceStart, now, ON_TIME_MAX);
  if (graceStart.getTime() === nextFireAt.getTime()) return { fires: onTime, dropped: 0, nextFireAt: next };

  const keep = policy === 'skip' ? 0 : policy === 'fire_once' ? 1 : maxCatchUp;
  const missed = keep === 0 ? [] : cron.previousFires(keep, graceStart).filter((at) => at >= nextFireAt);
  // Counted up to a bound: the number only goes into the schedule's event.
  const missedTotal = slotsBetween(cron, nextFireAt, new Date(graceStart.getTime() - 1), MISSED_COUNT_MAX).length;
  return { fires: [...missed, ...onTime], dropped: Math.max(0, missedTotal - missed.length), nextFireAt: next };
}

/** Slots in [from, to], ascending, at most `max`. */
function slotsBetween(cron: CronSchedule, from: Date, to: Date, max: number): Date[] {
  const slots: Date[] = [];
  for (let at = cron.next(new Date(from.getTime() - 1)); at && at <= to && slots.length < max; at = cron.next(at)) slots.push(at);
  return slots;
}
