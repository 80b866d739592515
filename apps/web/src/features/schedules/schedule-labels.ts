import type { MisfirePolicy, OverlapPolicy, Schedule, ScheduleTarget } from '@execops/contract';

export const MISFIRE_LABELS: Record<MisfirePolicy, string> = {
  skip: 'skip missed slots',
  fire_once: 'fire once for all missed',
  fire_all: 'fire each missed slot',
};

export const OVERLAP_LABELS: Record<OverlapPolicy, string> = {
  allow: 'allow overlap',
  skip: 'skip while running',
  cancel_previous: 'cancel previous run',
};

export function misfireText(schedule: Pick<Schedule, 'misfirePolicy' | 'maxCatchUp'>): string {
  const label = MISFIRE_LABELS[schedule.misfirePolicy];
  return schedule.misfirePolicy === 'fire_all' ? `${label} (latest ${schedule.maxCatchUp})` : label;
}

/** "job export.nightly on queue exports" or "pipeline of 3 jobs: extract, transform, load". */
export function targetSummary(target: ScheduleTarget): string {
  if (target.kind === 'job') {
    const queue = target.job.queue && target.job.queue !== target.job.jobType ? ` on queue ${target.job.queue}` : '';
    return `job ${target.job.jobType}${queue}`;
  }
  const keys = target.pipeline.nodes.map((node) => node.key);
  const shown = keys.length > 3 ? `${keys.slice(0, 3).join(', ')}, …` : keys.join(', ');
  return `pipeline of ${keys.length} job${keys.length === 1 ? '' : 's'}: ${shown}`;
}
