import { z } from 'zod';
import { DEPENDS_ON_MAX, EnqueueJobRequest, JobState, JobSummary, OnParentFailure, Uuid } from './jobs.ts';

export const PIPELINE_NODES_MAX = 1000;
export const DAG_VIEW_MAX_NODES = 2000;

export const PipelineNodeKey = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/, 'a node key uses letters, digits, ".", "_", ":" or "-" (≤ 128)');

export const PipelineJob = EnqueueJobRequest.omit({ dependsOn: true, onParentFailure: true }).meta({ id: 'PipelineJob' });
export type PipelineJob = z.infer<typeof PipelineJob>;

export const PipelineNode = z
  .strictObject({
    key: PipelineNodeKey.describe('local to this request; dependsOn names other nodes by it'),
    job: PipelineJob,
    dependsOn: z.array(PipelineNodeKey).max(DEPENDS_ON_MAX).optional(),
    onParentFailure: OnParentFailure.optional(),
  })
  .meta({ id: 'PipelineNode' });
export type PipelineNode = z.infer<typeof PipelineNode>;

export const CreatePipelineRequest = z
  .strictObject({ nodes: z.array(PipelineNode).min(1).max(PIPELINE_NODES_MAX) })
  .meta({ id: 'CreatePipelineRequest' });
export type CreatePipelineRequest = z.infer<typeof CreatePipelineRequest>;

export const PipelineJobResult = z
  .object({
    key: z.string(),
    job: JobSummary,
    created: z.boolean().describe('false when an unfinished job with the same idempotencyKey already existed'),
  })
  .meta({ id: 'PipelineJobResult' });
export type PipelineJobResult = z.infer<typeof PipelineJobResult>;

export const CreatePipelineResponse = z
  .object({
    runId: Uuid.describe('the runId of every job the pipeline created'),
    jobs: z.array(PipelineJobResult).describe('in request order'),
  })
  .meta({ id: 'CreatePipelineResponse' });
export type CreatePipelineResponse = z.infer<typeof CreatePipelineResponse>;

const isoDate = z.iso.datetime({ offset: true });

export const DagNode = z
  .object({
    id: Uuid,
    jobType: z.string(),
    queue: z.string(),
    state: JobState,
    attempt: z.int(),
    maxAttempts: z.int(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
    durationMs: z.number().nullable().describe('finished: finished − started; running: now − started; otherwise null'),
  })
  .meta({ id: 'DagNode' });
export type DagNode = z.infer<typeof DagNode>;

export const DagEdge = z.object({ parent: Uuid, child: Uuid, onParentFailure: OnParentFailure }).meta({ id: 'DagEdge' });
export type DagEdge = z.infer<typeof DagEdge>;

export const JobDag = z
  .object({
    rootId: Uuid,
    nodes: z.array(DagNode).describe('the job, its ancestors and its descendants, nearest first'),
    edges: z.array(DagEdge),
    criticalPath: z.array(Uuid).describe('the longest path by duration from a source to a sink, in order'),
    truncated: z.boolean().describe(`true when more than ${DAG_VIEW_MAX_NODES} jobs are connected; the nearest are returned`),
  })
  .meta({ id: 'JobDag' });
export type JobDag = z.infer<typeof JobDag>;
