import type { Pool } from '../../src/db/pool.ts';

/** One ended attempt as the database holds it; once ended, an attempt must never change again. */
export type EndedAttempts = Map<string, string>;

/**
 * The engine's safety invariants, read from the database for one tenant. Each query returns the rows that break
 * its invariant, so an empty answer is a pass and a failure names the offending ids.
 */
const INVARIANTS: Record<string, string> = {
  'at most one live lease per job': `
    SELECT j.id, j.state, j.lease_id, count(a.lease_id) AS open_attempts
    FROM jobs j LEFT JOIN job_attempts a ON a.job_id = j.id AND a.ended_at IS NULL
    WHERE j.tenant = $1
    GROUP BY j.id
    HAVING count(a.lease_id) > 1
        OR (j.state = 'running') <> (count(a.lease_id) = 1)
        OR (j.state = 'running' AND j.lease_id IS DISTINCT FROM max(a.lease_id::text)::uuid)`,
  'an attempt is ended with an outcome, or open': `
    SELECT a.job_id, a.attempt FROM job_attempts a JOIN jobs j ON j.id = a.job_id
    WHERE j.tenant = $1 AND (a.ended_at IS NULL) <> (a.outcome IS NULL)`,
  'running jobs within maxActive': `
    SELECT q.job_type, q.max_active, count(j.*) AS running
    FROM quotas q JOIN jobs j ON j.tenant = q.tenant AND (q.job_type = '*' OR j.job_type = q.job_type) AND j.state = 'running'
    WHERE q.tenant = $1 AND q.max_active IS NOT NULL
    GROUP BY q.job_type, q.max_active HAVING count(j.*) > q.max_active`,
  'starts within maxPerHour': `
    SELECT q.job_type, q.max_per_hour, q.hour_used, count(a.lease_id) AS started
    FROM quotas q
    LEFT JOIN jobs j ON j.tenant = q.tenant AND (q.job_type = '*' OR j.job_type = q.job_type)
    LEFT JOIN job_attempts a ON a.job_id = j.id AND a.started_at >= q.hour_started_at
    WHERE q.tenant = $1 AND q.max_per_hour IS NOT NULL
    GROUP BY q.job_type, q.max_per_hour, q.hour_used
    HAVING q.hour_used > q.max_per_hour OR count(a.lease_id) > q.max_per_hour`,
  'token bucket never negative': `
    SELECT job_type, tokens FROM quotas WHERE tenant = $1 AND tokens < 0`,
  'a DAG child starts only after every parent succeeded': `
    SELECT e.parent, e.child, p.state AS parent_state
    FROM job_edges e JOIN jobs p ON p.id = e.parent JOIN jobs c ON c.id = e.child
    JOIN LATERAL (SELECT min(started_at) AS first_start FROM job_attempts WHERE job_id = c.id) s ON true
    WHERE c.tenant = $1 AND s.first_start IS NOT NULL AND e.on_parent_failure = 'skip'
      AND (p.state <> 'succeeded' OR p.finished_at > s.first_start)`,
  'one run per cron slot': `
    SELECT schedule_id, fire_at, count(*) FROM runs WHERE tenant = $1 AND fire_at IS NOT NULL
    GROUP BY schedule_id, fire_at HAVING count(*) > 1`,
  'maintained job counts equal the rows': `
    SELECT coalesce(c.queue, r.queue) AS queue, coalesce(c.state, r.state) AS state, c.n AS maintained, r.n AS counted
    FROM execops_job_counts($1) c
    FULL JOIN (SELECT queue, state, count(*)::int AS n FROM jobs WHERE tenant = $1 GROUP BY queue, state) r
      ON r.queue = c.queue AND r.state = c.state
    WHERE c.n IS DISTINCT FROM r.n`,
  'maintained dead-letter counts equal the rows': `
    SELECT coalesce(c.status, r.status) AS status, coalesce(c.job_type, r.job_type) AS job_type,
           coalesce(c.cluster_key, r.cluster_key) AS cluster_key, coalesce(c.retryable, r.retryable) AS retryable,
           c.n AS maintained, r.n AS counted
    FROM execops_dead_letter_counts($1) c
    FULL JOIN (SELECT status, job_type, cluster_key, retryable, count(*)::int AS n FROM dead_letter WHERE tenant = $1
               GROUP BY status, job_type, cluster_key, retryable) r
      ON (r.status, r.job_type, r.cluster_key, r.retryable) = (c.status, c.job_type, c.cluster_key, c.retryable)
    WHERE c.n IS DISTINCT FROM r.n`,
  'one job per run of a job schedule': `
    SELECT run_id, count(*) FROM jobs WHERE tenant = $1 AND run_id IS NOT NULL GROUP BY run_id HAVING count(*) > 1`,
};

/** Throws naming every broken invariant and its rows. */
export async function assertInvariants(pool: Pool, tenant: string): Promise<void> {
  const broken: string[] = [];
  for (const [name, sql] of Object.entries(INVARIANTS)) {
    const { rows } = await pool.query(sql, [tenant]);
    if (rows.length > 0) broken.push(`${name}: ${JSON.stringify(rows)}`);
  }
  if (broken.length > 0) throw new Error(`engine invariants broken:\n${broken.join('\n')}`);
}

/** Each attempt is finalised once: an ended attempt's outcome and end time never change afterwards. */
export async function assertEndedAttemptsUnchanged(pool: Pool, tenant: string, seen: EndedAttempts): Promise<void> {
  const { rows } = await pool.query<{ key: string; value: string }>(
    `SELECT a.lease_id::text AS key, a.outcome || '@' || a.ended_at::text AS value
     FROM job_attempts a JOIN jobs j ON j.id = a.job_id WHERE j.tenant = $1 AND a.ended_at IS NOT NULL`,
    [tenant],
  );
  for (const { key, value } of rows) {
    const before = seen.get(key);
    if (before !== undefined && before !== value) throw new Error(`attempt of lease ${key} was finalised twice: ${before}, then ${value}`);
    seen.set(key, value);
  }
}
