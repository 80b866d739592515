import type { CreatePipelineRequest, CreatePipelineResponse, EnqueueJobRequest, EnqueueJobResponse } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import { toJobSummary, type JobRow } from '../store/job-rows.ts';
import { DagValidationError } from './dag-errors.ts';
import { attachEdges, lockParents, type PlannedEdge } from './dag-edges.ts';
import { SET_RUN_ID_SQL } from './dag-sql.ts';
import { pipelineEdges } from './pipeline-graph.ts';

export interface NewJob {
  request: EnqueueJobRequest;
  /** Inserted as `blocked` rather than queued or scheduled. */
  blocked: boolean;
}

/** The store's enqueue (payload limit, idempotency keys) run on the caller's transaction. */
export type JobInserter = (db: Queryable, tenant: string, jobs: readonly NewJob[]) => Promise<EnqueueJobResponse[]>;

export const hasParents = (request: EnqueueJobRequest) => (request.dependsOn?.length ?? 0) > 0;

/**
 * Enqueues jobs with `dependsOn` (call inside a transaction). A job whose parents have all succeeded is queued
 * directly; otherwise it is blocked until the resolver hears from its parents, or skipped at once when a finished
 * parent already skips it. A job that an idempotency key resolves to an existing job gains no edges.
 */
export async function enqueueWithParents(
  db: Queryable,
  tenant: string,
  requests: readonly EnqueueJobRequest[],
  insert: JobInserter,
): Promise<EnqueueJobResponse[]> {
  const parentIds = [...new Set(requests.flatMap((r) => r.dependsOn ?? []))];
  const parents = await lockParents(db, tenant, parentIds);
  const unknown = parentIds.filter((id) => !parents.has(id));
  if (unknown.length > 0) {
    throw new DagValidationError(`dependsOn names jobs that do not exist in tenant ${tenant}: ${unknown.join(', ')}`, {
      unknownParentIds: unknown,
    });
  }
  const waits = (request: EnqueueJobRequest) =>
    (request.dependsOn ?? []).some((id) => {
      const parent = parents.get(id);
      return !parent || parent.pending || parent.state !== 'succeeded';
    });
  const results = await insert(db, tenant, requests.map((request) => ({ request, blocked: waits(request) })));
  const edges = results.flatMap((result, i) => {
    const request = requests[i] as EnqueueJobRequest;
    if (!result.created) return [];
    return [...new Set(request.dependsOn ?? [])].map((parent) => ({
      parent,
      child: result.job.id,
      onParentFailure: request.onParentFailure ?? 'skip',
    }));
  });
  const settled = await attachEdges(db, edges, parents);
  return results.map((result) => withLatest(result, settled));
}

/**
 * Creates a pipeline's jobs and edges (call inside a transaction); throws `DagValidationError` before writing
 * anything when the graph is invalid. Every created job gets the pipeline's run id (`runId`, or a new one).
 */
export async function createPipeline(
  db: Queryable,
  tenant: string,
  request: CreatePipelineRequest,
  insert: JobInserter,
  runId: string = uuidv7(),
): Promise<CreatePipelineResponse> {
  const nodeEdges = pipelineEdges(request.nodes);
  const children = new Set(nodeEdges.map((e) => e.child));
  const results = await insert(db, tenant, request.nodes.map((node, i) => ({ request: node.job, blocked: children.has(i) })));
  const createdIds = results.filter((r) => r.created).map((r) => r.job.id);
  const { rows } = await db.query<JobRow>(SET_RUN_ID_SQL, [runId, createdIds]);
  const latest = new Map(rows.map((row) => [row.id, row]));

  const idOf = (index: number) => (results[index] as EnqueueJobResponse).job.id;
  // An existing job an idempotency key led to keeps its own parents; it can still be a parent here.
  const edges: PlannedEdge[] = nodeEdges
    .filter((e) => results[e.child]?.created)
    .map((e) => ({ parent: idOf(e.parent), child: idOf(e.child), onParentFailure: e.onParentFailure }));
  const parents = await lockParents(db, tenant, [...new Set(edges.map((e) => e.parent))]);
  for (const [id, row] of await attachEdges(db, edges, parents)) latest.set(id, row);

  return {
    runId,
    jobs: request.nodes.map((node, i) => ({ key: node.key, ...withLatest(results[i] as EnqueueJobResponse, latest) })),
  };
}

function withLatest(result: EnqueueJobResponse, latest: ReadonlyMap<string, JobRow>): EnqueueJobResponse {
  const row = latest.get(result.job.id);
  return row ? { ...result, job: toJobSummary(row) } : result;
}
