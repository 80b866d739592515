import type { OnParentFailure } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { JobNotFoundError } from '../store/errors.ts';
import { attachEdges, lockParents, settle } from './dag-edges.ts';
import {
  ADD_UNRESOLVED_PARENT_SQL,
  BLOCK_SQL,
  HAND_OVER_CHILDREN_SQL,
  JOB_TENANT_SQL,
  LOCK_REPLAYED_SQL,
  MOVE_CHILD_EDGES_SQL,
  PARENT_EDGES_SQL,
  RESET_SKIPPED_DESCENDANTS_SQL,
} from './dag-sql.ts';

/**
 * Puts `newJobId` (a replay of `oldJobId`, not started yet) in the old job's place, inside the caller's transaction:
 * it gets copies of the old job's parent edges, and the old job's children now wait for it instead. The edges to
 * children move rather than copy: a child still tied to the failed original would be skipped again. If the new job's
 * parents are not all resolved and succeeded it goes to `blocked` (or straight to `skipped`, as at enqueue).
 */
export async function copyEdgesForReplay(db: Queryable, oldJobId: string, newJobId: string): Promise<void> {
  const tenant = (await db.query<{ tenant: string }>(JOB_TENANT_SQL, [oldJobId])).rows[0]?.tenant;
  if (tenant === undefined) throw new JobNotFoundError(oldJobId);
  const parentEdges = await db.query<{ parent: string; on_parent_failure: OnParentFailure }>(PARENT_EDGES_SQL, [oldJobId]);
  // Ancestors before descendants, the order every DAG writer locks in.
  const parents = await lockParents(db, tenant, parentEdges.rows.map((e) => e.parent));
  const old = (await db.query<{ pending: boolean }>(LOCK_REPLAYED_SQL, [oldJobId])).rows[0];
  if (!old) throw new JobNotFoundError(oldJobId);

  const children = (await db.query<{ child: string }>(MOVE_CHILD_EDGES_SQL, [oldJobId, newJobId])).rows.map((r) => r.child);
  if (children.length > 0) {
    // Children that had already resolved the old job must now wait for the new one.
    if (!old.pending) await db.query(ADD_UNRESOLVED_PARENT_SQL, [children]);
    await db.query(HAND_OVER_CHILDREN_SQL, [oldJobId, newJobId]);
  }

  const mustWait = [...parents.values()].some((p) => p.pending || p.state !== 'succeeded');
  if (mustWait) await db.query(BLOCK_SQL, [newJobId]);
  const edges = parentEdges.rows.map((e) => ({ parent: e.parent, child: newJobId, onParentFailure: e.on_parent_failure }));
  await attachEdges(db, edges, parents);
}

/**
 * Inside the caller's transaction: the job's skipped descendants (reached through skipped jobs) go back to
 * `blocked` with their counters recomputed, and any that may already run or must stay skipped are settled.
 * Returns the ids it reset.
 */
export async function resetSkippedDescendants(db: Queryable, jobId: string): Promise<string[]> {
  const reset = (await db.query<{ id: string }>(RESET_SKIPPED_DESCENDANTS_SQL, [jobId])).rows.map((r) => r.id);
  await settle(db, reset);
  return reset;
}
