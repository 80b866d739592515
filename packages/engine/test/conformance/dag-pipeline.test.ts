import type { CreatePipelineRequest } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { DagValidationError } from '../../src/dag/dag-errors.ts';
import { PayloadTooLargeError } from '../../src/store/errors.ts';
import { databaseTargets } from '../support/databases.ts';
import { useDagStore } from './dag-fixture.ts';
import { TENANT } from './store-fixture.ts';

const node = (key: string, jobType: string, dependsOn?: string[], extra: Partial<CreatePipelineRequest['nodes'][number]> = {}) => ({
  key,
  job: { jobType },
  ...(dependsOn ? { dependsOn } : {}),
  ...extra,
});

describe.each(databaseTargets())('pipelines on $name PostgreSQL', (target) => {
  const fx = useDagStore(target);
  const countJobs = async () => (await fx.db.pool.query<{ n: number }>('SELECT count(*) AS n FROM jobs')).rows[0]?.n;
  const countEdges = async () => (await fx.db.pool.query<{ n: number }>('SELECT count(*) AS n FROM job_edges')).rows[0]?.n;

  it('creates a diamond in one go: sources queued, the rest blocked, all under one run id', async () => {
    const { runId, jobs } = await fx.store.createPipeline(TENANT, {
      nodes: [node('extract', 'pipe.extract'), node('clean', 'pipe.clean', ['extract']), node('enrich', 'pipe.enrich', ['extract']), node('load', 'pipe.load', ['clean', 'enrich'])],
    });
    expect(jobs.map((j) => [j.key, j.job.state, j.created])).toEqual([
      ['extract', 'queued', true],
      ['clean', 'blocked', true],
      ['enrich', 'blocked', true],
      ['load', 'blocked', true],
    ]);
    expect(jobs.every((j) => j.job.runId === runId)).toBe(true);
    const [extract, clean, enrich, load] = jobs.map((j) => j.job.id) as [string, string, string, string];
    expect(await fx.pendingParents(load)).toBe(2);

    await fx.succeed('pipe.extract');
    await fx.resolve();
    expect(await fx.states([clean, enrich, load])).toEqual(['queued', 'queued', 'blocked']);
    await fx.succeed('pipe.clean');
    await fx.succeed('pipe.enrich');
    await fx.resolve();
    expect(await fx.state(load)).toBe('queued');
    expect(await fx.edges(extract)).toHaveLength(2);
  });

  it('applies each node’s onParentFailure', async () => {
    const { jobs } = await fx.store.createPipeline(TENANT, {
      nodes: [node('work', 'pipe.rule.work'), node('report', 'pipe.rule.report', ['work'], { onParentFailure: 'run' }), node('publish', 'pipe.rule.publish', ['work'])],
    });
    await fx.failNext('pipe.rule.work');
    await fx.resolve();
    expect(await fx.states(jobs.slice(1).map((j) => j.job.id))).toEqual(['queued', 'skipped']);
  });

  it.each([
    ['a cycle', [node('a', 'pipe.bad', ['c']), node('b', 'pipe.bad', ['a']), node('c', 'pipe.bad', ['b'])], { cycle: ['a', 'c', 'b', 'a'] }, /cycle.*a → c → b → a/],
    ['a job depending on itself', [node('self', 'pipe.bad', ['self'])], { cycle: ['self', 'self'] }, /cycle/],
    ['an unknown key', [node('a', 'pipe.bad'), node('b', 'pipe.bad', ['a', 'nope'])], { unknownKeys: [{ node: 'b', dependsOn: 'nope' }] }, /b → nope/],
    ['a repeated key', [node('a', 'pipe.bad'), node('a', 'pipe.bad')], { duplicateKeys: ['a'] }, /repeated: a/],
  ])('rejects %s, naming it, and writes nothing', async (_name, nodes, details, message) => {
    const [jobsBefore, edgesBefore] = [await countJobs(), await countEdges()];
    const attempt = fx.store.createPipeline(TENANT, { nodes });
    await expect(attempt).rejects.toBeInstanceOf(DagValidationError);
    await expect(attempt).rejects.toMatchObject({ details, message: expect.stringMatching(message) });
    expect([await countJobs(), await countEdges()]).toEqual([jobsBefore, edgesBefore]);
  });

  it('writes nothing when one node is bad after others were inserted', async () => {
    const [jobsBefore, edgesBefore] = [await countJobs(), await countEdges()];
    const attempt = fx.store.createPipeline(TENANT, {
      nodes: [node('ok', 'pipe.atomic'), node('next', 'pipe.atomic', ['ok']), { key: 'huge', job: { jobType: 'pipe.atomic', payload: { blob: 'x'.repeat(4096) } }, dependsOn: ['next'] }],
    });
    await expect(attempt).rejects.toBeInstanceOf(PayloadTooLargeError);
    expect([await countJobs(), await countEdges()]).toEqual([jobsBefore, edgesBefore]);
  });

  it('returns the existing graph when the same pipeline is submitted again with idempotency keys', async () => {
    const request = {
      nodes: [
        { key: 'a', job: { jobType: 'pipe.idem', idempotencyKey: 'pipe-idem-a' } },
        { key: 'b', job: { jobType: 'pipe.idem', idempotencyKey: 'pipe-idem-b' }, dependsOn: ['a'] },
      ],
    };
    const first = await fx.store.createPipeline(TENANT, request);
    const edgesBefore = await countEdges();
    const second = await fx.store.createPipeline(TENANT, request);
    expect(second.jobs.map((j) => [j.job.id, j.created])).toEqual(first.jobs.map((j) => [j.job.id, false]));
    expect(await countEdges()).toBe(edgesBefore);
  });

  it('makes a new node wait on an existing job an idempotency key resolved to', async () => {
    const existing = await fx.enqueue({ jobType: 'pipe.reuse', idempotencyKey: 'pipe-reuse' });
    const { jobs } = await fx.store.createPipeline(TENANT, {
      nodes: [{ key: 'a', job: { jobType: 'pipe.reuse', idempotencyKey: 'pipe-reuse' } }, node('b', 'pipe.reuse.child', ['a'])],
    });
    expect(jobs.map((j) => [j.job.id === existing, j.created, j.job.state])).toEqual([
      [true, false, 'queued'],
      [false, true, 'blocked'],
    ]);
    await fx.succeed('pipe.reuse');
    await fx.resolve();
    expect(await fx.state(jobs[1]?.job.id as string)).toBe('queued');
  });

  it('creates 1,000 nodes in one transaction', async () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => node(`n${i}`, 'pipe.big', i === 0 ? undefined : [`n${Math.floor((i - 1) / 2)}`]));
    const { jobs } = await fx.store.createPipeline(TENANT, { nodes });
    expect(jobs).toHaveLength(1000);
    expect(jobs.filter((j) => j.job.state === 'blocked')).toHaveLength(999);
  });
});
