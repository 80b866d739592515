import {
  AREA_STATUSES,
  DEFAULT_FEED_STALENESS_DAYS,
  canonicalRoutes,
  OVERVIEW_THRESHOLDS as T,
  WORKER_STATES,
  worstStatus,
  type AreaFigure,
  type AreaHealth,
  type AreaLink,
  type AreaReason,
  type AreaStatus,
  type Overview,
  type OverviewAreaId,
  type WorkerState,
} from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { openTotals } from '../dead-letter/dead-letter-queue.ts';
import { WorkerRegistry } from '../workers/worker-registry.ts';
import { QUEUE_FLOW_SQL, QUOTA_PRESSURE_SQL, SCANNER_FEED_SQL, SCHEDULER_HEALTH_SQL } from './overview-sql.ts';

/** Reads one area's health for a tenant. */
export type AreaProbe = (db: Queryable, tenant: string) => Promise<AreaHealth>;

/** Every area's card, computed from real data with the thresholds of SPEC §8 (`OVERVIEW_THRESHOLDS`). */
export async function executionOverview(db: Queryable, tenant: string): Promise<Overview> {
  const areas = await Promise.all(AREA_PROBES.map((probe) => probe(db, tenant)));
  return { generatedAt: new Date().toISOString(), tenant, status: worstStatus(areas.map((a) => a.status)), areas };
}

const link = (label: string, to: string, search: Record<string, string> = {}): AreaLink => ({ label, to, search });

function reason(status: AreaStatus, code: string, message: string, value: number, threshold: number | null, to: AreaLink | null): AreaReason {
  return { status, code, message, value, threshold, link: to };
}

const count = (label: string, value: number): AreaFigure => ({ label, value, unit: 'count' });

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The level a value reaches on a warn/fail scale, or null below warn. */
function level(value: number, { warn, fail }: { warn: number; fail: number }): { status: AreaStatus; threshold: number } | null {
  if (value >= fail) return { status: 'BLOCKING', threshold: fail };
  if (value >= warn) return { status: 'DEGRADED', threshold: warn };
  return null;
}

/** The card: status = worst reason, reasons worst first; `summary` states the area's numbers in a line. */
function area(id: OverviewAreaId, title: string, owner: AreaLink, summary: string, figures: AreaFigure[], reasons: AreaReason[]): AreaHealth {
  const rank = (r: AreaReason) => AREA_STATUSES.indexOf(r.status);
  const sorted = [...reasons].sort((a, b) => rank(a) - rank(b));
  return { area: id, title, status: worstStatus(sorted.map((r) => r.status)), summary, figures, reasons: sorted, link: owner };
}

function formatWait(seconds: number): string {
  return seconds >= 120 ? `${Math.floor(seconds / 60)} min` : `${Math.round(seconds)} s`;
}

interface QueueFlowRow {
  queue: string;
  queued: number;
  running: number;
  oldest_queued_s: number | null;
  finished: number;
  paused: boolean;
}

const jobEngineArea: AreaProbe = async (db, tenant) => {
  const { rows } = await db.query<QueueFlowRow>(QUEUE_FLOW_SQL, [tenant, T.throughputWindowMinutes]);
  const reasons: AreaReason[] = [];
  for (const row of rows) {
    const queuedJobs = link(`Queued jobs in ${row.queue}`, canonicalRoutes.jobs, { state: 'queued', queue: row.queue });
    const depth = level(row.queued, T.queueDepth);
    if (depth) {
      reasons.push(reason(depth.status, 'queue_depth', `${row.queue}: ${plural(row.queued, 'job')} queued (${depth.status === 'BLOCKING' ? 'fail' : 'warn'} at ${depth.threshold})`, row.queued, depth.threshold, queuedJobs));
    }
    const perMinute = row.finished / T.throughputWindowMinutes;
    const backlog = row.queued > 0 && (row.oldest_queued_s ?? 0) >= T.backlogAgeSeconds;
    if (row.paused) {
      if (row.queued > 0) reasons.push(reason('INFO', 'queue_paused', `${row.queue} is paused with ${plural(row.queued, 'job')} queued`, row.queued, null, queuedJobs));
    } else if (backlog && perMinute < T.throughputPerMinuteMin) {
      const message = `${row.queue}: ${perMinute.toFixed(1)} jobs/min over the last ${T.throughputWindowMinutes} min with ${plural(row.queued, 'job')} queued, the oldest waiting ${formatWait(row.oldest_queued_s ?? 0)}`;
      reasons.push(reason('DEGRADED', 'low_throughput', message, perMinute, T.throughputPerMinuteMin, queuedJobs));
    }
  }
  const total = (pick: (row: QueueFlowRow) => number) => rows.reduce((sum, row) => sum + pick(row), 0);
  const queued = total((r) => r.queued);
  const figures: AreaFigure[] = [
    count('Queued', queued),
    count('Running', total((r) => r.running)),
    { label: `Finished per minute (last ${T.throughputWindowMinutes} min)`, value: total((r) => r.finished) / T.throughputWindowMinutes, unit: 'perMinute' },
  ];
  const waiting = rows.filter((row) => row.queued > 0).length;
  const summary = queued === 0 ? 'No jobs waiting' : `${plural(queued, 'job')} queued in ${plural(waiting, 'queue')}`;
  return area('jobEngine', 'JobEngine', link('JobEngine', canonicalRoutes.jobEngine), summary, figures, reasons);
};

const schedulerArea: AreaProbe = async (db, tenant) => {
  const { rows } = await db.query<{ firing: number; idle: number; overdue: number; missed_fires: number; error_runs: number }>(SCHEDULER_HEALTH_SQL, [
    tenant,
    T.scheduleOverdueSeconds,
    T.missedFiresWindowHours,
  ]);
  const row = rows[0] ?? { firing: 0, idle: 0, overdue: 0, missed_fires: 0, error_runs: 0 };
  const hours = T.missedFiresWindowHours;
  const reasons: AreaReason[] = [];
  if (row.overdue > 0) {
    const message = `${plural(row.overdue, 'schedule')} overdue by more than ${T.scheduleOverdueSeconds} s: no scheduler fired ${row.overdue === 1 ? 'it' : 'them'}`;
    reasons.push(reason('DEGRADED', 'schedule_overdue', message, row.overdue, 0, link('Active schedules', canonicalRoutes.schedules, { state: 'active' })));
  }
  if (row.missed_fires > 0) {
    const message = `${plural(row.missed_fires, 'fire')} missed in the last ${hours} h (dropped by the misfire policy)`;
    reasons.push(reason('DEGRADED', 'missed_fires', message, row.missed_fires, 0, link('Missed fires', canonicalRoutes.scheduler)));
  }
  if (row.error_runs > 0) {
    reasons.push(reason('INFO', 'runs_in_error', `${plural(row.error_runs, 'run')} ended in error in the last ${hours} h`, row.error_runs, null, link('Runs in error', canonicalRoutes.runs, { state: 'error' })));
  }
  const figures = [
    count('Schedules firing', row.firing),
    count('Paused or disabled', row.idle),
    count(`Missed fires (${hours} h)`, row.missed_fires),
    count(`Runs in error (${hours} h)`, row.error_runs),
  ];
  const summary = row.firing === 0 ? 'No schedule is firing' : `${plural(row.firing, 'schedule')} firing`;
  return area('scheduler', 'Scheduler', link('Scheduler', canonicalRoutes.scheduler), summary, figures, reasons);
};

const deadLetterArea: AreaProbe = async (db, tenant) => {
  const row = await openTotals(db, tenant);
  const reasons: AreaReason[] = [];
  const open = level(row.open, T.deadLetterOpen);
  if (open) {
    const message = `${plural(row.open, 'open entry', 'open entries')} (${open.status === 'BLOCKING' ? 'fail' : 'warn'} at ${open.threshold})`;
    reasons.push(reason(open.status, 'dead_letter_open', message, row.open, open.threshold, link('Open entries', canonicalRoutes.deadLetterQueue, { status: 'open' })));
  }
  const figures: AreaFigure[] = [count('Open', row.open), count('Retryable', row.retryable_open)];
  if (row.oldest_open_at) figures.push({ label: 'Oldest open', value: row.generated_at.getTime() - row.oldest_open_at.getTime(), unit: 'ms' });
  const summary = row.open === 0 ? 'No open entries' : `${plural(row.open, 'open entry', 'open entries')} to replay or resolve`;
  return area('deadLetter', 'Dead-Letter', link('Dead-Letter', canonicalRoutes.deadLetter), summary, figures, reasons);
};

const quotasArea: AreaProbe = async (db, tenant) => {
  const { rows } = await db.query<{ quotas: number; paused: number; throttled: number }>(QUOTA_PRESSURE_SQL, [tenant]);
  const row = rows[0] ?? { quotas: 0, paused: 0, throttled: 0 };
  const reasons: AreaReason[] = [];
  if (row.paused > 0) {
    reasons.push(reason('INFO', 'quota_paused', `${plural(row.paused, 'quota')} paused: ${row.paused === 1 ? 'its' : 'their'} jobs wait`, row.paused, null, link('Quotas', canonicalRoutes.quotas)));
  }
  if (row.throttled > 0) {
    reasons.push(reason('INFO', 'jobs_throttled', `${plural(row.throttled, 'job')} throttled by quotas`, row.throttled, null, link('Throttled jobs', canonicalRoutes.jobs, { state: 'throttled' })));
  }
  const figures = [count('Quotas', row.quotas), count('Paused', row.paused), count('Throttled jobs', row.throttled)];
  const summary = row.quotas === 0 ? 'No quotas: nothing is limited' : `${plural(row.quotas, 'quota')}, ${plural(row.throttled, 'job')} throttled`;
  return area('quotas', 'Quotas', link('Quotas', canonicalRoutes.quotas), summary, figures, reasons);
};

/** The fleet serves every tenant (leases are not limited by tenant), so this card reads the whole fleet. */
const workersArea: AreaProbe = async (db) => {
  const counts = await new WorkerRegistry(db).counts();
  const workers = (state: WorkerState) => link(`${state[0]?.toUpperCase()}${state.slice(1)} workers`, canonicalRoutes.workers, { state });
  const reasons: AreaReason[] = [];
  if (counts.active < T.activeWorkersMin) {
    const others = (['draining', 'stale', 'offline'] as const).filter((state) => counts[state] > 0);
    const detail = others.length === 0 ? 'none registered' : others.map((state) => `${counts[state]} ${state}`).join(', ');
    const first = others[0];
    reasons.push(reason('BLOCKING', 'no_active_worker', `No active worker: nothing claims jobs (${detail})`, counts.active, T.activeWorkersMin, first ? workers(first) : null));
  } else if (counts.draining > 0) {
    reasons.push(reason('INFO', 'workers_draining', `${plural(counts.draining, 'worker')} draining`, counts.draining, null, workers('draining')));
  }
  if (counts.stale > 0) reasons.push(reason('INFO', 'workers_stale', `${plural(counts.stale, 'worker')} stale (no recent heartbeat)`, counts.stale, null, workers('stale')));
  const figures = WORKER_STATES.map((state) => count(`${state[0]?.toUpperCase()}${state.slice(1)}`, counts[state]));
  const summary = `${plural(counts.active, 'active worker')} of ${plural(WORKER_STATES.reduce((n, state) => n + counts[state], 0), 'registered worker')}, serving every tenant`;
  return area('workers', 'Worker fleet', link('Workers', canonicalRoutes.workers), summary, figures, reasons);
};

interface ScannerFeedRow {
  version: string | null;
  origin: string | null;
  advisories: number | null;
  age_ms: number | null;
  quarantined: number;
  staleness_days: number | null;
}

/** The active offline kit: none → INFO, older than the staleness window → DEGRADED (SPEC §8); demo feed and refusals → INFO. */
const scannerArea: AreaProbe = async (db) => {
  const { rows } = await db.query<ScannerFeedRow>(SCANNER_FEED_SQL);
  const row = rows[0] ?? { version: null, origin: null, advisories: null, age_ms: null, quarantined: 0, staleness_days: null };
  const stalenessDays = row.staleness_days ?? DEFAULT_FEED_STALENESS_DAYS;
  const kits = link('Offline kits', canonicalRoutes.offlineKits);
  const reasons: AreaReason[] = [];
  if (row.quarantined > 0) {
    reasons.push(reason('INFO', 'kits_quarantined', `${plural(row.quarantined, 'kit')} refused and quarantined in the last 24 h`, row.quarantined, null, link('Quarantined kits', canonicalRoutes.offlineKits, { status: 'quarantined' })));
  }
  const owner = link('Scanner Ops', canonicalRoutes.scannerOps);
  if (row.version === null || row.age_ms === null) {
    reasons.push(reason('INFO', 'no_kit', 'No offline kit is active: scans have no vulnerability feed to match against', 0, null, kits));
    return area('scanner', 'Scanner', owner, 'No scanner data: no offline kit imported', [], reasons);
  }
  const ageDays = row.age_ms / 86_400_000;
  if (ageDays > stalenessDays) {
    const message = `The active kit ${row.version} is ${Math.floor(ageDays)} days old (stale after ${stalenessDays} days): import a newer kit`;
    reasons.push(reason('DEGRADED', 'kit_stale', message, Math.floor(ageDays), stalenessDays, kits));
  }
  if (row.origin === 'first-start') {
    reasons.push(reason('INFO', 'demo_feed', `The active feed is the sample kit (demo, ${plural(row.advisories ?? 0, 'advisory', 'advisories')}): import a real kit`, row.advisories ?? 0, null, kits));
  }
  const figures: AreaFigure[] = [
    { label: 'Active kit age', value: Math.round(row.age_ms), unit: 'ms' },
    count('Advisories', row.advisories ?? 0),
    count('Quarantined (24 h)', row.quarantined),
  ];
  return area('scanner', 'Scanner', owner, `Kit ${row.version} active, ${Math.floor(ageDays)} days old`, figures, reasons);
};

const AREA_PROBES: readonly AreaProbe[] = [jobEngineArea, schedulerArea, deadLetterArea, quotasArea, workersArea, scannerArea];
