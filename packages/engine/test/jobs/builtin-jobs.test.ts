import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EnqueueJobRequest, HttpRequestResult, JobState, PruneJobResult } from '@execops/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerBuiltinJobs } from '../../src/jobs/builtin-jobs.ts';
import { WorkerRuntime } from '../../src/runtime/worker-runtime.ts';
import { PgStore } from '../../src/store/pg-store.ts';
import { createTestDatabase, databaseTargets, type TestDatabase } from '../support/databases.ts';
import { waitForJobState } from '../support/wait.ts';

const TENANT = 'default';
const FINISHED: readonly JobState[] = ['succeeded', 'failed', 'canceled'];
const OK_BODY = { hello: 'world', items: [1, 2, 3] };
const target = databaseTargets()[0]!;

/** A local server with the answers the `http.request` cases need. */
function startServer(): Promise<{ server: http.Server; baseUrl: string; hits: Map<string, number> }> {
  const hits = new Map<string, number>();
  const timers = new Set<NodeJS.Timeout>();
  const server = http.createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    switch (path) {
      case '/ok':
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(OK_BODY));
        return;
      case '/missing':
        res.writeHead(404, { 'content-type': 'text/plain' }).end('no such thing');
        return;
      case '/flaky':
        res.writeHead(503, { 'content-type': 'text/plain' }).end('try again later');
        return;
      case '/slow': {
        const timer = setTimeout(() => {
          timers.delete(timer);
          res.writeHead(200, { 'content-type': 'text/plain' }).end('finally');
        }, 3_000);
        timers.add(timer);
        return;
      }
      default:
        res.writeHead(500).end('unknown route');
    }
  });
  server.on('close', () => timers.forEach(clearTimeout));
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, baseUrl: `http://127.0.0.1:${port}`, hits });
    });
  });
}

describe(`built-in jobs (${target.name} PostgreSQL)`, () => {
  let db: TestDatabase;
  let store: PgStore;
  let runtime: WorkerRuntime;
  let server: http.Server;
  let baseUrl: string;
  let hits: Map<string, number>;
  const errors: { error: unknown; during: string }[] = [];

  beforeAll(async () => {
    ({ server, baseUrl, hits } = await startServer());
    db = await createTestDatabase(target);
    store = new PgStore({ pool: db.pool, retry: { baseSeconds: 0.05, capSeconds: 0.05 } });
    runtime = new WorkerRuntime({
      store,
      pollIntervalMs: 50,
      shutdownGraceMs: 1_000,
      onError: (error, during) => errors.push({ error, during }),
    });
    registerBuiltinJobs(runtime, { store });
    await runtime.start();
  });

  afterAll(async () => {
    await runtime?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    await db?.drop();
    expect(errors).toEqual([]);
  });

  async function enqueue(job: EnqueueJobRequest): Promise<string> {
    const [result] = await store.enqueueBatch(TENANT, [job]);
    if (!result) throw new Error('enqueue returned nothing');
    return result.job.id;
  }

  const runToEnd = async (job: EnqueueJobRequest) => waitForJobState(store, TENANT, await enqueue(job), FINISHED);

  it('registers both built-in job types', () => {
    expect(runtime.jobTypes.sort()).toEqual(['http.request', 'maintenance.prune']);
  });

  describe('http.request', () => {
    it('records status, content type, timing and the start of the body', async () => {
      const job = await runToEnd({ jobType: 'http.request', payload: { url: `${baseUrl}/ok` } });

      expect(job.state).toBe('succeeded');
      const result = job.result as HttpRequestResult;
      expect(result.status).toBe(200);
      expect(result.contentType).toContain('json');
      expect(result.bodyPreview).toContain(JSON.stringify(OK_BODY));
      expect(result.bodyBytes).toBe(Buffer.byteLength(JSON.stringify(OK_BODY)));
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
      expect(job.attempts.map((a) => a.outcome)).toEqual(['succeeded']);
    });

    it('fails at once on a 404', async () => {
      const job = await runToEnd({ jobType: 'http.request', payload: { url: `${baseUrl}/missing` }, maxAttempts: 5 });

      expect(job.state).toBe('failed');
      expect(job.attempts).toHaveLength(1);
      expect(job.lastError).toMatchObject({ code: 'http_status', class: 'permanent', retryable: false });
      expect(job.lastError?.message).toContain('404');
    });

    it('retries a 503 until attempts run out', async () => {
      const before = hits.get('/flaky') ?? 0;
      const job = await runToEnd({ jobType: 'http.request', payload: { url: `${baseUrl}/flaky` }, maxAttempts: 2 });

      expect(job.state).toBe('failed');
      expect(job.attempts.map((a) => a.outcome)).toEqual(['failed', 'failed']);
      expect(job.attempts.map((a) => a.error?.code)).toEqual(['http_status', 'http_status']);
      expect(job.lastError).toMatchObject({ code: 'http_status', class: 'transient', retryable: true });
      expect((hits.get('/flaky') ?? 0) - before).toBe(2);
    });

    it('gives up on a server that does not answer within timeoutMs', async () => {
      const job = await runToEnd({ jobType: 'http.request', payload: { url: `${baseUrl}/slow`, timeoutMs: 300 }, maxAttempts: 1 });

      expect(job.state).toBe('failed');
      expect(job.attempts).toHaveLength(1);
      expect(job.lastError?.code).toBe('http_unreachable');
      expect(job.lastError?.message).toContain('no answer within 300 ms');
    });

    it('counts a status listed in expectStatus as success', async () => {
      const job = await runToEnd({ jobType: 'http.request', payload: { url: `${baseUrl}/missing`, expectStatus: [404] } });

      expect(job.state).toBe('succeeded');
      expect(job.result).toMatchObject({ status: 404, bodyPreview: 'no such thing' });
    });

    it.each([
      ['a non-HTTP URL', { url: 'ftp://example.com/file' }],
      ['no URL', {}],
      ['an unknown field', { url: 'http://127.0.0.1:1/', retries: 3 }],
    ])('fails at once on a payload with %s', async (_, payload) => {
      const job = await runToEnd({ jobType: 'http.request', payload, maxAttempts: 5 });

      expect(job.state).toBe('failed');
      expect(job.attempts).toHaveLength(1);
      expect(job.lastError).toMatchObject({ code: 'invalid_payload', class: 'permanent', retryable: false });
    });
  });

  describe('maintenance.prune', () => {
    it('deletes finished jobs older than the retention, with their attempts, and nothing else', async () => {
      const type = 'prune.fixture';
      const created = await store.enqueueBatch(
        TENANT,
        Array.from({ length: 7 }, (_, i) => ({ jobType: type, payload: { i } })),
      );
      const ids = created.map((r) => r.job.id);
      // Finish five of the seven: three will be old, two recent; two stay queued.
      const claimed = await store.claim({ workerId: 'fixture', jobTypes: [type], limit: 5, leaseSeconds: 30 });
      expect(claimed).toHaveLength(5);
      for (const lease of claimed) await store.complete(lease, { done: true });
      const finished = claimed.map((c) => c.jobId);
      const old = finished.slice(0, 3);
      const recent = finished.slice(3);
      const unfinished = ids.filter((id) => !finished.includes(id));
      await db.pool.query(`UPDATE jobs SET finished_at = now() - interval '48 hours' WHERE id = ANY($1::uuid[])`, [old]);

      const prune = await runToEnd({ jobType: 'maintenance.prune', payload: { olderThanHours: 24 } });

      expect(prune.state).toBe('succeeded');
      expect((prune.result as PruneJobResult).deleted).toBe(old.length);
      const remaining = await db.pool.query<{ id: string }>('SELECT id FROM jobs WHERE id = ANY($1::uuid[])', [ids]);
      expect(remaining.rows.map((r) => r.id).sort()).toEqual([...recent, ...unfinished].sort());
      const attempts = await db.pool.query<{ job_id: string }>('SELECT job_id FROM job_attempts WHERE job_id = ANY($1::uuid[])', [ids]);
      expect(attempts.rows.map((r) => r.job_id).sort()).toEqual([...recent].sort());
      for (const id of old) expect(await store.getJob(TENANT, id)).toBeNull();
      for (const id of unfinished) expect((await store.getJob(TENANT, id))?.state).toBe('queued');
    });

    it('fails at once on an invalid payload', async () => {
      const job = await runToEnd({ jobType: 'maintenance.prune', payload: { olderThanHours: -1 } });

      expect(job.state).toBe('failed');
      expect(job.attempts).toHaveLength(1);
      expect(job.lastError?.code).toBe('invalid_payload');
    });
  });
});
