import { DAG_VIEW_MAX_NODES, type DagEdge, type DagNode, type JobDag, type JobState, type OnParentFailure } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { criticalPath } from './critical-path.ts';
import { DAG_EDGES_SQL, DAG_NODES_SQL } from './dag-sql.ts';

/** Rows one direction of the walk may produce; it revisits a job once per distinct distance, so this bounds odd graphs. */
const WALK_ROW_CAP = 100_000;

interface DagNodeRow {
  id: string;
  job_type: string;
  queue: string;
  state: JobState;
  attempt: number;
  max_attempts: number;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
  duration_ms: number | null;
}

interface DagEdgeRow {
  parent: string;
  child: string;
  on_parent_failure: OnParentFailure;
}

/** The job with its ancestors and descendants (nearest first, at most 2,000), or null when the tenant has no such job. */
export async function loadJobDag(db: Queryable, tenant: string, jobId: string): Promise<JobDag | null> {
  const { rows } = await db.query<DagNodeRow>(DAG_NODES_SQL, [jobId, tenant, DAG_VIEW_MAX_NODES + 1, WALK_ROW_CAP]);
  if (rows.length === 0) return null;
  const nodes = rows.slice(0, DAG_VIEW_MAX_NODES).map(toDagNode);
  const edgeRows = await db.query<DagEdgeRow>(DAG_EDGES_SQL, [nodes.map((n) => n.id)]);
  const edges: DagEdge[] = edgeRows.rows.map((e) => ({ parent: e.parent, child: e.child, onParentFailure: e.on_parent_failure }));
  return { rootId: jobId, nodes, edges, criticalPath: criticalPath(nodes, edges), truncated: rows.length > DAG_VIEW_MAX_NODES };
}

function toDagNode(row: DagNodeRow): DagNode {
  return {
    id: row.id,
    jobType: row.job_type,
    queue: row.queue,
    state: row.state,
    attempt: row.attempt,
    maxAttempts: row.max_attempts,
    createdAt: row.created_at.toISOString(),
    startedAt: row.started_at?.toISOString() ?? null,
    finishedAt: row.finished_at?.toISOString() ?? null,
    durationMs: row.duration_ms === null ? null : Math.round(row.duration_ms),
  };
}
