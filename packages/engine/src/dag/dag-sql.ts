// DAG statements. Invariant: a blocked job's `dag_pending` counts its parents that are unfinished or still carry
// `dag_children_pending`. Locks go parents first, then children, each set in id order, so DAG writers cannot
// deadlock each other.
import { notifyQueues } from '../store/job-sql.ts';

const FINISHED = `('succeeded', 'failed', 'canceled', 'skipped')`;
/** A parent in one of these states skips its children whose edge says `skip`. */
const SKIPPING = `('failed', 'canceled', 'skipped')`;

/**
 * $1 tenant, $2 job ids. Locks the would-be parents (serialising against their completion and the resolver) and
 * says whether each is still unresolved for a new child: unfinished, or finished but not yet propagated.
 */
export const LOCK_PARENTS_SQL = `
SELECT id, state, (state NOT IN ${FINISHED} OR dag_children_pending) AS pending
FROM jobs WHERE tenant = $1 AND id = ANY ($2::uuid[])
ORDER BY id
FOR NO KEY UPDATE`;

/**
 * $1 parents, $2 children, $3 onParentFailure, $4 whether the parent is unresolved, in matching order. Inserts the
 * edges, adds the unresolved ones to the children's counters and marks those parents for the resolver. One UPDATE
 * covers both roles, as a pipeline node can be a parent and a child at once.
 */
export const ATTACH_EDGES_SQL = `
WITH input AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::boolean[]) AS t(parent, child, on_parent_failure, pending)
), inserted AS (
  INSERT INTO job_edges (parent, child, on_parent_failure) SELECT parent, child, on_parent_failure FROM input
), roles AS (
  SELECT child AS id, 1 AS waits, false AS has_waiting_child FROM input WHERE pending
  UNION ALL
  SELECT parent, 0, true FROM input WHERE pending
), touched AS (
  SELECT id, sum(waits)::int AS waits, bool_or(has_waiting_child) AS has_waiting_child FROM roles GROUP BY id
)
UPDATE jobs j
SET dag_pending = j.dag_pending + t.waits, dag_children_pending = j.dag_children_pending OR t.has_waiting_child
FROM touched t WHERE j.id = t.id`;

/**
 * $1 job ids. Blocked jobs among them with a parent that skips them become `skipped`; those with no unresolved
 * parent left become `queued` (or `scheduled` while runAt is ahead). Returns the jobs it changed.
 */
export const SETTLE_SQL = `
WITH locked AS (
  SELECT id FROM jobs WHERE id = ANY ($1::uuid[]) AND state = 'blocked' ORDER BY id FOR NO KEY UPDATE
), decided AS (
  SELECT l.id,
         (SELECT p.id FROM job_edges e JOIN jobs p ON p.id = e.parent
          WHERE e.child = l.id AND e.on_parent_failure = 'skip' AND p.state IN ${SKIPPING}
          ORDER BY p.finished_at, p.id LIMIT 1) AS skipped_by
  FROM locked l
), settled AS (
  UPDATE jobs j
  SET state = CASE WHEN d.skipped_by IS NOT NULL THEN 'skipped' WHEN j.run_at > now() THEN 'scheduled' ELSE 'queued' END,
      finished_at = CASE WHEN d.skipped_by IS NOT NULL THEN now() END
  FROM decided d
  WHERE j.id = d.id AND j.state = 'blocked' AND (d.skipped_by IS NOT NULL OR j.dag_pending = 0)
  RETURNING j.*, d.skipped_by
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', CASE state WHEN 'skipped' THEN 'job.skipped' ELSE 'job.unblocked' END, id::text,
         jsonb_strip_nulls(jsonb_build_object('state', state, 'skippedBy', skipped_by))
  FROM settled
), ${notifyQueues('settled', `state = 'queued'`)}
SELECT settled.* FROM settled, woke`;

/**
 * $1 limit. Takes finished parents the resolver has not propagated yet (skipping those another resolver holds),
 * clears their mark and takes one off each blocked child's counter per such parent. Returns the parents resolved
 * and the children to settle.
 */
export const RESOLVE_SQL = `
WITH resolved AS (
  SELECT id FROM jobs
  WHERE dag_children_pending AND state IN ${FINISHED}
  ORDER BY finished_at LIMIT $1
  FOR NO KEY UPDATE SKIP LOCKED
), cleared AS (
  UPDATE jobs j SET dag_children_pending = false FROM resolved r WHERE j.id = r.id
), counts AS (
  SELECT e.child, count(*)::int AS n FROM job_edges e JOIN resolved r ON r.id = e.parent GROUP BY e.child
), children AS (
  SELECT j.id FROM jobs j JOIN counts c ON c.child = j.id WHERE j.state = 'blocked' ORDER BY j.id FOR NO KEY UPDATE OF j
), decremented AS (
  UPDATE jobs j SET dag_pending = j.dag_pending - c.n
  FROM children ch JOIN counts c ON c.child = ch.id
  WHERE j.id = ch.id AND j.state = 'blocked'
  RETURNING j.id
)
SELECT (SELECT count(*) FROM resolved)::int AS parents, ARRAY(SELECT id FROM decremented) AS children`;

/** $1 run id, $2 job ids. A pipeline's jobs share its run id; no state changes, so no event. */
export const SET_RUN_ID_SQL = `UPDATE jobs SET run_id = $1 WHERE id = ANY ($2::uuid[]) RETURNING *`;

// ---- Replay support -------------------------------------------------------------------------------------------

/** $1 tenant, $2 job. Locks the replayed job and says whether its children still count it as unresolved. */
export const LOCK_REPLAYED_SQL = `
SELECT (state NOT IN ${FINISHED} OR dag_children_pending) AS pending FROM jobs WHERE tenant = $1 AND id = $2 FOR NO KEY UPDATE`;

/** $1 old job, $2 new job. The old job's children now wait for the new one; returns them. */
export const MOVE_CHILD_EDGES_SQL = `UPDATE job_edges SET parent = $2 WHERE parent = $1 RETURNING child`;

/** $1 children. Their (new) parent is unfinished: blocked ones count it. */
export const ADD_UNRESOLVED_PARENT_SQL = `
WITH locked AS (
  SELECT id FROM jobs WHERE id = ANY ($1::uuid[]) AND state = 'blocked' ORDER BY id FOR NO KEY UPDATE
)
UPDATE jobs j SET dag_pending = j.dag_pending + 1 FROM locked l WHERE j.id = l.id`;

/** $1 old job, $2 new job. The resolver now owes the children to the new job, not the old one. */
export const HAND_OVER_CHILDREN_SQL = `UPDATE jobs SET dag_children_pending = (id = $2) WHERE id IN ($1, $2)`;

/** $1 job. Its incoming edges, which the job replacing it copies. */
export const PARENT_EDGES_SQL = `SELECT parent, on_parent_failure FROM job_edges WHERE child = $1 ORDER BY parent`;

/** $1 job. A job not yet started goes (back) to `blocked`; `settle` then decides whether it may run. */
export const BLOCK_SQL = `
WITH blocked AS (
  UPDATE jobs SET state = 'blocked' WHERE id = $1 AND state IN ('queued', 'scheduled', 'throttled') RETURNING id, tenant
)
INSERT INTO events (tenant, topic, type, subject_id, data)
SELECT tenant, 'jobs', 'job.blocked', id::text, '{"reason": "waiting for parents"}'::jsonb FROM blocked`;

/**
 * $1 job. Its skipped descendants (reached through skipped jobs only) go back to `blocked`, counting as unresolved
 * every parent that is unfinished, not yet propagated, or reset here. Returns the reset ids.
 */
export const RESET_SKIPPED_DESCENDANTS_SQL = `
WITH RECURSIVE reset_ids(id) AS (
  SELECT e.child FROM job_edges e JOIN jobs c ON c.id = e.child WHERE e.parent = $1 AND c.state = 'skipped'
  UNION
  SELECT e.child FROM reset_ids r JOIN job_edges e ON e.parent = r.id JOIN jobs c ON c.id = e.child WHERE c.state = 'skipped'
), parents AS (
  SELECT p.id, p.state, p.dag_children_pending, p.id IN (SELECT id FROM reset_ids) AS reset
  FROM jobs p WHERE p.id IN (SELECT e.parent FROM job_edges e WHERE e.child IN (SELECT id FROM reset_ids))
  ORDER BY p.id
  FOR SHARE
), counts AS (
  SELECT e.child AS id,
         count(*) FILTER (WHERE p.reset OR p.state NOT IN ${FINISHED} OR p.dag_children_pending)::int AS pending
  FROM job_edges e JOIN parents p ON p.id = e.parent
  WHERE e.child IN (SELECT id FROM reset_ids)
  GROUP BY e.child
), reset AS (
  UPDATE jobs j
  SET state = 'blocked', finished_at = NULL, dag_pending = c.pending,
      dag_children_pending = EXISTS (SELECT 1 FROM job_edges e WHERE e.parent = j.id)
  FROM counts c WHERE j.id = c.id AND j.state = 'skipped'
  RETURNING j.id, j.tenant
), logged AS (
  INSERT INTO events (tenant, topic, type, subject_id, data)
  SELECT tenant, 'jobs', 'job.blocked', id::text, jsonb_build_object('reason', 'parent replayed', 'previousState', 'skipped')
  FROM reset
)
SELECT id FROM reset`;

// ---- The graph around a job -------------------------------------------------------------------------------------

/**
 * $1 job, $2 tenant, $3 most nodes, $4 most rows each walk may produce. Ancestors and descendants, nearest first:
 * each walk goes breadth first, so its row cap drops only the farthest jobs.
 */
export const DAG_NODES_SQL = `
WITH RECURSIVE up(id, distance) AS (
  SELECT id, 0 FROM jobs WHERE id = $1 AND tenant = $2
  UNION
  SELECT e.parent, u.distance + 1 FROM up u JOIN job_edges e ON e.child = u.id WHERE u.distance < $3
), down(id, distance) AS (
  SELECT id, 0 FROM jobs WHERE id = $1 AND tenant = $2
  UNION
  SELECT e.child, d.distance + 1 FROM down d JOIN job_edges e ON e.parent = d.id WHERE d.distance < $3
), reached AS (
  (SELECT id, distance FROM up LIMIT $4) UNION ALL (SELECT id, distance FROM down LIMIT $4)
), nearest AS (
  SELECT id, min(distance) AS distance FROM reached GROUP BY id ORDER BY min(distance), id LIMIT $3
)
SELECT j.id, j.job_type, j.queue, j.state, j.attempt, j.max_attempts, j.created_at, j.started_at, j.finished_at,
       (CASE WHEN j.started_at IS NULL THEN NULL
             WHEN j.finished_at IS NOT NULL THEN extract(epoch FROM j.finished_at - j.started_at)
             WHEN j.state = 'running' THEN extract(epoch FROM now() - j.started_at) END * 1000)::float8 AS duration_ms
FROM nearest n JOIN jobs j ON j.id = n.id AND j.tenant = $2
ORDER BY n.distance, j.id`;

/** $1 job ids. The edges among them. */
export const DAG_EDGES_SQL = `
SELECT parent, child, on_parent_failure FROM job_edges
WHERE child = ANY ($1::uuid[]) AND parent = ANY ($1::uuid[])
ORDER BY parent, child`;
