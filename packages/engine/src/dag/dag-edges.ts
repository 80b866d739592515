import type { JobState, OnParentFailure } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import type { JobRow } from '../store/job-rows.ts';
import { ATTACH_EDGES_SQL, LOCK_PARENTS_SQL, SETTLE_SQL } from './dag-sql.ts';

/** A would-be parent as locked for a new edge: `pending` when the child must count it as unresolved. */
export interface ParentStatus {
  state: JobState;
  pending: boolean;
}

export interface PlannedEdge {
  parent: string;
  child: string;
  onParentFailure: OnParentFailure;
}

/** Locks the tenant's jobs among `ids` as parents; ids that are not the tenant's jobs are absent from the map. */
export async function lockParents(db: Queryable, tenant: string, ids: readonly string[]): Promise<Map<string, ParentStatus>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<{ id: string } & ParentStatus>(LOCK_PARENTS_SQL, [tenant, ids]);
  return new Map(rows.map((r) => [r.id, { state: r.state, pending: r.pending }]));
}

/** Writes edges whose parents `lockParents` returned (in this transaction), then settles their children. */
export async function attachEdges(
  db: Queryable,
  edges: readonly PlannedEdge[],
  parents: ReadonlyMap<string, ParentStatus>,
): Promise<Map<string, JobRow>> {
  if (edges.length === 0) return new Map();
  await db.query(ATTACH_EDGES_SQL, [
    edges.map((e) => e.parent),
    edges.map((e) => e.child),
    edges.map((e) => e.onParentFailure),
    edges.map((e) => parents.get(e.parent)?.pending ?? true),
  ]);
  return settle(db, [...new Set(edges.map((e) => e.child))]);
}

/** Queues or skips the blocked jobs among `ids` whose parents allow it; returns the changed jobs by id. */
export async function settle(db: Queryable, ids: readonly string[]): Promise<Map<string, JobRow>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.query<JobRow>(SETTLE_SQL, [ids]);
  return new Map(rows.map((row) => [row.id, row]));
}
