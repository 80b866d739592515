import type { OnParentFailure } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { attachEdges, lockParents, settle, type ParentStatus } from './dag-edges.ts';
import {
  ADD_UNRESOLVED_PARENT_SQL,
  BLOCK_SQL,
  HAND_OVER_CHILDREN_SQL,
  LOCK_REPLAYED_SQL,
  MOVE_CHILD_EDGES_SQL,
  PARENT_EDGES_SQL,
  RESET_SKIPPED_DESCENDANTS_SQL,
} from './dag-sql.ts';

/** A job's place in its graph, locked for a replay that takes it over (see `lockReplayPlace`). */
export interface ReplayPlace {
  jobId: string;
  parentEdges: ReadonlyArray<{ parent: string; onParentFailure: OnParentFailure }>;
  parents: ReadonlyMap<string, ParentStatus>;
  /** Whether the job's children still count it as unresolved. */
  pending: boolean;
}

/**
 * Locks a job about to be replayed in its place, inside the caller's transaction: its parents first, then the job,
 * the order every DAG writer locks in. Call it before inserting the replay, which reads the job too. Undefined when
 * the tenant has no such job.
 */
export async function lockReplayPlace(db: Queryable, tenant: string, jobId: string): Promise<ReplayPlace | undefined> {
  const edges = await db.query<{ parent: string; on_parent_failure: OnParentFailure }>(PARENT_EDGES_SQL, [jobId]);
  const parents = await lockParents(db, tenant, edges.rows.map((e) => e.parent));
  const job = (await db.query<{ pending: boolean }>(LOCK_REPLAYED_SQL, [tenant, jobId])).rows[0];
  if (!job) return undefined;
  const parentEdges = edges.rows.map((e) => ({ parent: e.parent, onParentFailure: e.on_parent_failure }));
  return { jobId, parentEdges, parents, pending: job.pending };
}

/**
 * Puts `newJobId` (a replay of the job at `place`, not started yet) in the old job's place, inside the transaction
 * that locked it: it gets copies of the old job's parent edges, and the old job's children now wait for it instead.
 * The edges to children move rather than copy: a child still tied to the failed original would be skipped again.
 * If the new job's parents are not all resolved and succeeded it goes to `blocked` (or straight to `skipped`, as at
 * enqueue).
 */
export async function copyEdgesForReplay(db: Queryable, place: ReplayPlace, newJobId: string): Promise<void> {
  const children = (await db.query<{ child: string }>(MOVE_CHILD_EDGES_SQL, [place.jobId, newJobId])).rows.map((r) => r.child);
  if (children.length > 0) {
    // Children that had already resolved the old job must now wait for the new one.
    if (!place.pending) await db.query(ADD_UNRESOLVED_PARENT_SQL, [children]);
    await db.query(HAND_OVER_CHILDREN_SQL, [place.jobId, newJobId]);
  }

  const mustWait = [...place.parents.values()].some((p) => p.pending || p.state !== 'succeeded');
  if (mustWait) await db.query(BLOCK_SQL, [newJobId]);
  const edges = place.parentEdges.map((e) => ({ parent: e.parent, child: newJobId, onParentFailure: e.onParentFailure }));
  await attachEdges(db, edges, place.parents);
}

/**
 * Inside the caller's transaction: the job's skipped descendants (reached through skipped jobs) go back to
 * `blocked` with their counters recomputed, and any that must stay skipped (another parent failed) are skipped
 * again at once. Returns the ids left waiting.
 */
export async function resetSkippedDescendants(db: Queryable, jobId: string): Promise<string[]> {
  const reset = (await db.query<{ id: string }>(RESET_SKIPPED_DESCENDANTS_SQL, [jobId])).rows.map((r) => r.id);
  const settled = await settle(db, reset);
  return reset.filter((id) => settled.get(id)?.state !== 'skipped');
}
