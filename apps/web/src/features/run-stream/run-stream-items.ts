import { JOB_STATES, type LogLevel, type RunStreamEvent, type RunStreamEventType } from '@execops/contract';
import { atLeastLevel } from '../job-detail/job-detail-search.ts';

const WARN_JOB_EVENTS = new Set(['job.retry_scheduled', 'job.lease_expired', 'job.canceled', 'job.cancel_requested', 'job.skipped', 'job.throttled']);

/** How severe an item is, so one level filter serves log lines and changes alike. */
export function itemLevel(item: RunStreamEvent): LogLevel {
  switch (item.type) {
    case 'log':
      return item.level;
    case 'jobChanged':
      return item.state === 'failed' ? 'error' : WARN_JOB_EVENTS.has(item.event) ? 'warn' : 'info';
    case 'stateChanged':
      return item.to === 'error' ? 'error' : item.to === 'cancelled' ? 'warn' : 'info';
    case 'progress':
      return 'debug';
    case 'runEvent':
      return item.event === 'run.cancel_requested' ? 'warn' : 'info';
  }
}

export const TYPE_LABELS: Record<RunStreamEventType, string> = {
  stateChanged: 'state',
  progress: 'progress',
  jobChanged: 'job',
  log: 'log',
  runEvent: 'run',
};

/** One line of text for the list. */
export function itemMessage(item: RunStreamEvent): string {
  switch (item.type) {
    case 'log':
      return item.message;
    case 'jobChanged':
      return `${item.event} → ${item.state}${item.attempt > 0 ? ` (attempt ${item.attempt})` : ''}`;
    case 'stateChanged':
      return item.from === null ? `Run is ${item.to}` : `Run ${item.from} → ${item.to}`;
    case 'progress': {
      const counts = JOB_STATES.filter((s) => item.counts[s] > 0).map((s) => `${s} ${item.counts[s]}`);
      return `${item.processed} of ${item.total} jobs finished${counts.length ? ` · ${counts.join(', ')}` : ''}`;
    }
    case 'runEvent':
      return item.event;
  }
}

export interface ItemFilter {
  level?: LogLevel | undefined;
  /** Comma-separated types, as in the URL; undefined: all. */
  type?: string | undefined;
}

export function itemMatches(item: RunStreamEvent, { level, type }: ItemFilter): boolean {
  if (!atLeastLevel(itemLevel(item), level)) return false;
  return type === undefined || type.split(',').includes(item.type);
}
