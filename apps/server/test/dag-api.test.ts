import { CreatePipelineResponse, ErrorEnvelope, JobDag } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countJobs, createAppFixture, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';

let fx: AppFixture;
beforeAll(async () => {
  fx = await createAppFixture();
});
afterAll(async () => fx.close());

interface NodeSpec {
  key: string;
  jobType: string;
  dependsOn?: string[];
  payload?: unknown;
}

const pipeline = (nodes: NodeSpec[], headers: Record<string, string> = {}) =>
  fx.app.inject({
    method: 'POST',
    url: '/api/v1/pipelines',
    headers,
    payload: {
      nodes: nodes.map(({ key, jobType, dependsOn, payload }) => ({
        key,
        job: { jobType, ...(payload === undefined ? {} : { payload }) },
        ...(dependsOn ? { dependsOn } : {}),
      })),
    },
  });

const countEdges = async () => (await fx.db.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM job_edges')).rows[0]?.n;

describe('POST /api/v1/pipelines', () => {
  it('creates the graph with 201: one run id, jobs in request order, sources queued and the rest blocked', async () => {
    const res = await pipeline([
      { key: 'load', jobType: 'api.pipe.load', dependsOn: ['clean', 'enrich'] },
      { key: 'extract', jobType: 'api.pipe.extract' },
      { key: 'clean', jobType: 'api.pipe.clean', dependsOn: ['extract'] },
      { key: 'enrich', jobType: 'api.pipe.enrich', dependsOn: ['extract'] },
    ]);
    expect(res.statusCode).toBe(201);
    const { runId, jobs } = CreatePipelineResponse.parse(res.json());
    expect(jobs.map((j) => [j.key, j.job.jobType, j.job.state, j.created])).toEqual([
      ['load', 'api.pipe.load', 'blocked', true],
      ['extract', 'api.pipe.extract', 'queued', true],
      ['clean', 'api.pipe.clean', 'blocked', true],
      ['enrich', 'api.pipe.enrich', 'blocked', true],
    ]);
    expect(jobs.every((j) => j.job.runId === runId)).toBe(true);
    const [load, extract, clean, enrich] = jobs.map((j) => j.job.id);
    const { rows } = await fx.db.pool.query('SELECT parent, child FROM job_edges WHERE child = ANY($1::uuid[]) ORDER BY child, parent', [
      [load, clean, enrich],
    ]);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(
      expect.arrayContaining([
        { parent: extract, child: clean },
        { parent: extract, child: enrich },
        { parent: clean, child: load },
        { parent: enrich, child: load },
      ]),
    );
  });

  describe('refuses an invalid graph with 422 naming the problem, and writes nothing', () => {
    const cases: Array<[string, NodeSpec[], Record<string, unknown>]> = [
      [
        'a cycle',
        [
          { key: 'a', jobType: 'api.bad', dependsOn: ['c'] },
          { key: 'b', jobType: 'api.bad', dependsOn: ['a'] },
          { key: 'c', jobType: 'api.bad', dependsOn: ['b'] },
          { key: 'free', jobType: 'api.bad' },
        ],
        { cycle: ['a', 'c', 'b', 'a'] },
      ],
      [
        'an unknown key',
        [
          { key: 'a', jobType: 'api.bad' },
          { key: 'b', jobType: 'api.bad', dependsOn: ['a', 'nope'] },
        ],
        { unknownKeys: [{ node: 'b', dependsOn: 'nope' }] },
      ],
      [
        'a repeated key',
        [
          { key: 'a', jobType: 'api.bad' },
          { key: 'a', jobType: 'api.bad' },
        ],
        { duplicateKeys: ['a'] },
      ],
    ];
    it.each(cases)('%s', async (_name, nodes, details) => {
      const [jobs, edges] = [await countJobs(fx.db), await countEdges()];
      const res = await pipeline(nodes);
      expect(res.statusCode).toBe(422);
      const { error } = ErrorEnvelope.parse(res.json());
      expect(error).toMatchObject({ code: 'validation_failed', details });
      expect(error.traceId).toBe(res.headers['x-trace-id']);
      expect([await countJobs(fx.db), await countEdges()]).toEqual([jobs, edges]);
    });
  });

  describe('rejects a bad request and writes nothing', () => {
    const raw = (payload: object) => fx.app.inject({ method: 'POST', url: '/api/v1/pipelines', payload });
    const cases: Array<[string, () => ReturnType<typeof raw>, number, string]> = [
      ['no nodes', () => raw({ nodes: [] }), 400, 'validation_failed'],
      ['a node without a job', () => raw({ nodes: [{ key: 'a' }] }), 400, 'validation_failed'],
      ['a bad key', () => raw({ nodes: [{ key: 'has space', job: { jobType: 'api.bad' } }] }), 400, 'validation_failed'],
      ['an unknown field', () => raw({ nodes: [{ key: 'a', job: { jobType: 'api.bad' } }], colour: 'red' }), 400, 'validation_failed'],
      ['dependsOn inside the job', () => raw({ nodes: [{ key: 'a', job: { jobType: 'api.bad', dependsOn: [] } }] }), 400, 'validation_failed'],
      [
        'malformed JSON',
        () => fx.app.inject({ method: 'POST', url: '/api/v1/pipelines', body: '{"nodes":', headers: { 'content-type': 'application/json' } }),
        400,
        'bad_request',
      ],
      [
        'a job payload over the limit',
        () => pipeline([{ key: 'a', jobType: 'api.big' }, { key: 'b', jobType: 'api.big', dependsOn: ['a'], payload: { blob: 'x'.repeat(PAYLOAD_LIMIT) } }]),
        413,
        'payload_too_large',
      ],
      ['a body over the HTTP limit', () => pipeline([{ key: 'a', jobType: 'api.big', payload: { blob: 'x'.repeat(PAYLOAD_LIMIT * 5) } }]), 413, 'payload_too_large'],
    ];
    it.each(cases)('%s', async (_name, send, status, code) => {
      const [jobs, edges] = [await countJobs(fx.db), await countEdges()];
      const res = await send();
      expect(res.statusCode).toBe(status);
      expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
      expect([await countJobs(fx.db), await countEdges()]).toEqual([jobs, edges]);
    });
  });
});

describe('GET /api/v1/jobs/:id/dag', () => {
  it('returns the graph around any of its jobs, with edges and the critical path', async () => {
    const created = CreatePipelineResponse.parse(
      (
        await pipeline([
          { key: 'a', jobType: 'api.dag.a' },
          { key: 'b', jobType: 'api.dag.b', dependsOn: ['a'] },
          { key: 'c', jobType: 'api.dag.c', dependsOn: ['b'] },
          { key: 'side', jobType: 'api.dag.side', dependsOn: ['a'] },
        ])
      ).json(),
    );
    const [a, b, c, side] = created.jobs.map((j) => j.job.id) as [string, string, string, string];
    const res = await fx.app.inject({ url: `/api/v1/jobs/${b}/dag` });
    expect(res.statusCode).toBe(200);
    const dag = JobDag.parse(res.json());
    expect(dag.rootId).toBe(b);
    expect(dag.truncated).toBe(false);
    // b itself, then its parent and child at distance 1; the sibling is not connected to b by a directed path.
    expect(dag.nodes.map((n) => n.id)).toEqual([b, ...[a, c].sort()]);
    expect(dag.nodes[0]).toMatchObject({ jobType: 'api.dag.b', state: 'blocked', attempt: 0, startedAt: null, durationMs: null });
    expect(dag.edges).toEqual(
      expect.arrayContaining([
        { parent: a, child: b, onParentFailure: 'skip' },
        { parent: b, child: c, onParentFailure: 'skip' },
      ]),
    );
    expect(dag.edges).toHaveLength(2);
    expect(dag.criticalPath).toEqual([a, b, c]);

    const fromSource = JobDag.parse((await fx.app.inject({ url: `/api/v1/jobs/${a}/dag` })).json());
    expect(fromSource.nodes.map((n) => n.id).sort()).toEqual([a, b, c, side].sort());
    expect(fromSource.criticalPath).toEqual([a, b, c]);
  });

  it('answers a job without edges with just that job', async () => {
    const id = (await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', payload: { jobType: 'api.dag.lone' } })).json().job.id;
    const dag = JobDag.parse((await fx.app.inject({ url: `/api/v1/jobs/${id}/dag` })).json());
    expect(dag).toMatchObject({ rootId: id, edges: [], criticalPath: [id], truncated: false });
    expect(dag.nodes.map((n) => n.id)).toEqual([id]);
  });

  it('answers 404 for an unknown job and for another tenant’s job, 400 for a bad id', async () => {
    const foreign = (await fx.app.inject({ method: 'POST', url: '/api/v1/jobs', headers: { 'x-tenant': 'other' }, payload: { jobType: 'api.dag.foreign' } })).json()
      .job.id;
    expect((await fx.app.inject({ url: `/api/v1/jobs/${foreign}/dag`, headers: { 'x-tenant': 'other' } })).statusCode).toBe(200);
    for (const [url, status, code] of [
      ['/api/v1/jobs/0190a5c4-0000-7000-8000-000000000000/dag', 404, 'not_found'],
      [`/api/v1/jobs/${foreign}/dag`, 404, 'not_found'],
      ['/api/v1/jobs/not-a-uuid/dag', 400, 'validation_failed'],
    ] as const) {
      const res = await fx.app.inject({ url });
      expect(res.statusCode).toBe(status);
      expect(ErrorEnvelope.parse(res.json()).error.code).toBe(code);
    }
  });
});
