import {
  MISSED_FIRE_TYPES,
  RUN_STATES,
  SCHEDULE_STATES,
  SCHEDULER_STATUS_LIST_MAX,
  SCHEDULER_STATUS_WINDOW_HOURS,
  type MissedFire,
  type RunState,
  type SchedulerStatus,
  type ScheduleState,
} from '@execops/contract';
import type { Pool } from '../db/pool.ts';
import { FINISHED, runsSelect } from './scheduler-sql.ts';

const WINDOW_SQL = `SELECT now() AS now, now() - make_interval(hours => $1) AS since`;

const LEADER_SQL = `SELECT holder, term, held_since, lease_until, lease_until > now() AS live FROM scheduler_leader WHERE id = 1`;

const SCHEDULE_COUNTS_SQL = `
SELECT CASE WHEN NOT enabled THEN 'disabled' WHEN paused THEN 'paused' ELSE 'active' END AS state, count(*)::int AS n
FROM schedules WHERE tenant = $1 GROUP BY 1`;

/** Runs with an unfinished job, or none yet (planning): the derived states planning, queued and running. */
const ACTIVE_RUN_COUNTS_SQL = `
SELECT state, count(*)::int AS n FROM (${runsSelect(`r.tenant = $1 AND (
  EXISTS (SELECT 1 FROM jobs j WHERE j.run_id = r.id AND j.state NOT IN ${FINISHED})
  OR NOT EXISTS (SELECT 1 FROM jobs j WHERE j.run_id = r.id))`)}) active GROUP BY state`;

const RECENT_RUN_COUNTS_SQL = `
SELECT state, count(*)::int AS n FROM (${runsSelect('r.tenant = $1 AND r.created_at >= $2')}) recent GROUP BY state`;

const NEXT_FIRES_SQL = `
SELECT id, name, cron, timezone, next_fire_at FROM schedules
WHERE tenant = $1 AND enabled AND NOT paused AND next_fire_at IS NOT NULL
ORDER BY next_fire_at, id LIMIT $2`;

const MISSED_TOTALS_SQL = `
SELECT count(*)::int AS events,
       coalesce(sum(CASE WHEN type = 'schedule.misfired' THEN (data->>'dropped')::int ELSE 1 END), 0)::int AS slots
FROM events WHERE tenant = $1 AND topic = 'schedules' AND type = ANY($2::text[]) AND ts >= $3`;

const MISSED_LATEST_SQL = `
SELECT e.id::text AS event_id, e.subject_id, s.name, e.type, e.ts, e.data
FROM events e LEFT JOIN schedules s ON s.id::text = e.subject_id
WHERE e.tenant = $1 AND e.topic = 'schedules' AND e.type = ANY($2::text[]) AND e.ts >= $3
ORDER BY e.id DESC LIMIT $4`;

interface MissedRow {
  event_id: string;
  subject_id: string;
  name: string | null;
  type: MissedFire['type'];
  ts: Date;
  data: { dropped?: number; fireAt?: string };
}

function countsOf<S extends string>(states: readonly S[], rows: Array<{ state: S; n: number }>): Record<S, number> {
  const counts = Object.fromEntries(states.map((state) => [state, 0])) as Record<S, number>;
  for (const { state, n } of rows) counts[state] = n;
  return counts;
}

function toMissedFire(row: MissedRow): MissedFire {
  const skipped = row.type === 'schedule.fire_skipped';
  return {
    eventId: row.event_id,
    scheduleId: row.subject_id,
    scheduleName: row.name,
    type: row.type,
    at: row.ts.toISOString(),
    slots: skipped ? 1 : (row.data.dropped ?? 0),
    fireAt: skipped && row.data.fireAt ? row.data.fireAt : null,
  };
}

/**
 * The scheduler at a glance for one tenant: the leader lease, schedules by state, unfinished runs, runs of the
 * last 24 hours by state, the soonest fires and the fires missed (misfire policy or overlap) in that window.
 */
export class SchedulerStatusReader {
  constructor(private readonly pool: Pool) {}

  async read(tenant: string): Promise<SchedulerStatus> {
    const window = (await this.pool.query<{ now: Date; since: Date }>(WINDOW_SQL, [SCHEDULER_STATUS_WINDOW_HOURS])).rows[0];
    if (!window) throw new Error('the database answered no time');
    const types = [...MISSED_FIRE_TYPES];
    const [leader, schedules, active, recent, next, missedTotals, missed] = await Promise.all([
      this.pool.query<{ holder: string; term: string; held_since: Date; lease_until: Date; live: boolean }>(LEADER_SQL),
      this.pool.query<{ state: ScheduleState; n: number }>(SCHEDULE_COUNTS_SQL, [tenant]),
      this.pool.query<{ state: RunState; n: number }>(ACTIVE_RUN_COUNTS_SQL, [tenant]),
      this.pool.query<{ state: RunState; n: number }>(RECENT_RUN_COUNTS_SQL, [tenant, window.since]),
      this.pool.query<{ id: string; name: string; cron: string; timezone: string; next_fire_at: Date }>(NEXT_FIRES_SQL, [tenant, SCHEDULER_STATUS_LIST_MAX]),
      this.pool.query<{ events: number; slots: number }>(MISSED_TOTALS_SQL, [tenant, types, window.since]),
      this.pool.query<MissedRow>(MISSED_LATEST_SQL, [tenant, types, window.since, SCHEDULER_STATUS_LIST_MAX]),
    ]);
    const lease = leader.rows[0];
    const activeCounts = countsOf(RUN_STATES, active.rows);
    return {
      generatedAt: window.now.toISOString(),
      since: window.since.toISOString(),
      leader: lease
        ? { holder: lease.holder, term: Number(lease.term), since: lease.held_since.toISOString(), leaseUntil: lease.lease_until.toISOString(), live: lease.live }
        : null,
      schedules: countsOf(SCHEDULE_STATES, schedules.rows),
      activeRuns: { planning: activeCounts.planning, queued: activeCounts.queued, running: activeCounts.running },
      recentRuns: countsOf(RUN_STATES, recent.rows),
      nextFires: next.rows.map((row) => ({
        scheduleId: row.id,
        name: row.name,
        cron: row.cron,
        timezone: row.timezone,
        nextFireAt: row.next_fire_at.toISOString(),
      })),
      missedFires: { events: missedTotals.rows[0]?.events ?? 0, slots: missedTotals.rows[0]?.slots ?? 0, latest: missed.rows.map(toMissedFire) },
    };
  }
}
