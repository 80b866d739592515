import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AnalyzerList,
  ErrorEnvelope,
  PermanentJobError,
  StreamEvent,
  type ScanEventType,
} from '@execops/contract';
import { DagResolver, PgStore, uuidv7, WorkerRuntime, type JobContext, type JobHandler } from '@execops/engine';
import { BUILTIN_ANALYZERS, ensureDemoFeed, registerScanJobs } from '@execops/scanner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../packages/engine/test/support/wait.ts';
import { readScan, readTimeline, startPathScan } from './scan-requests.ts';
import { adminAuth, createAppFixture, listenLocally, PAYLOAD_LIMIT, type AppFixture } from './app-fixture.ts';
import { collectEvents, type ReceivedEvent } from './sse-client.ts';

const LOCKFILE = JSON.stringify({
  name: 'shop',
  lockfileVersion: 3,
  packages: { '': { name: 'shop', dependencies: { lodash: '4.17.11' } }, 'node_modules/lodash': { version: '4.17.11' } },
});

describe('scan lifecycle events', () => {
  let fx: AppFixture;
  let base: string;
  let store: PgStore;
  let project: string;
  const stopping: { stop(): Promise<void> }[] = [];

  beforeAll(async () => {
    fx = await createAppFixture();
    base = await listenLocally(fx);
    await ensureDemoFeed(fx.db.pool);
    store = new PgStore({ pool: fx.db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
    project = await mkdtemp(path.join(os.tmpdir(), 'execops-scan-events-'));
    await writeFile(path.join(project, 'package-lock.json'), LOCKFILE);
  });

  afterAll(async () => {
    for (const service of stopping) await service.stop();
    await fx?.close();
  });

  const start = (target = project) => startPathScan(fx, target);
  const getScan = (scanId: string) => readScan(fx, scanId);
  const timeline = (scanId: string) => readTimeline(fx, scanId);
  const npmHealth = async () => AnalyzerList.parse((await fx.app.inject({ url: '/api/v1/scanner/analyzers' })).json()).items.find((a) => a.id === 'npm')?.health;
  const streamed = (received: ReceivedEvent[]) => received.map((r) => StreamEvent.parse(r.data));

  it('a canceled analyzer run is recorded as canceled and left out of the analyzer’s health; the scan’s cancel cancels the rest', async () => {
    const handlers = new Map<string, JobHandler>();
    registerScanJobs({ register: (jobType, handler) => handlers.set(jobType, handler) }, {
      pool: fx.db.pool,
      insert: store.insert,
      analyzers: BUILTIN_ANALYZERS,
      toolVersion: 'test',
    });
    const started = await start();
    const scanId = started.scan.id;
    // The steps run here by hand (no runtime is running yet), as the runtime would call them.
    const run = (jobType: string, key: string, payload: Record<string, string>, signal: AbortSignal) => {
      const context: JobContext = {
        job: {
          jobId: started.jobIds[key] as string,
          leaseId: uuidv7(),
          tenant: 'default',
          jobType,
          queue: 'default',
          payload,
          attempt: 1,
          maxAttempts: 1,
          timeoutSeconds: 60,
          leaseUntil: new Date(Date.now() + 60_000),
        },
        payload,
        signal,
        reportProgress: () => undefined,
      };
      return (handlers.get(jobType) as JobHandler)(context);
    };
    await run('scanner.resolve', 'resolve', { scanId }, new AbortController().signal);
    const before = await npmHealth();

    const operatorCancel = new AbortController();
    operatorCancel.abort('canceled');
    await expect(run('scanner.analyze', 'analyze:npm', { scanId, analyzer: 'npm' }, operatorCancel.signal)).rejects.toBeInstanceOf(PermanentJobError);
    expect((await getScan(scanId)).analyzers.find((a) => a.analyzer === 'npm')).toMatchObject({ outcome: 'canceled', error: 'stopped: canceled' });
    expect(await npmHealth()).toEqual(before);

    const canceled = await fx.app.inject({ method: 'POST', url: `/api/v1/scanner/scans/${scanId}/cancel`, headers: { 'x-operator-reason': 'events test' } });
    expect(canceled.statusCode, canceled.body).toBe(200);
    const scan = await getScan(scanId);
    expect(scan.state).toBe('canceled');
    expect(new Set(scan.analyzers.map((a) => a.outcome))).toEqual(new Set(['canceled']));
    expect(await npmHealth()).toEqual(before);

    const events = await timeline(scanId);
    expect(events.map((e) => e.type)).toEqual(['scan.created', 'scan.started', 'scan.resolved', 'scan.analyzer_finished', 'scan.canceled']);
    // The built-in analyzers, then the demo kit's composer analyzer.
    expect(events[0]).toMatchObject({ subjectId: scanId, data: { targetName: 'shop', trigger: 'manual', analyzers: [...BUILTIN_ANALYZERS.map((a) => a.id), 'composer'] } });
    expect(events[3]?.data).toMatchObject({ analyzer: 'npm', outcome: 'canceled', components: null });
  });

  it('streams each step of a scan on topics scans and scans:<id>, committed with the state it reports; a token without scanner:read gets none', async () => {
    const runtime = new WorkerRuntime({ store, connectionString: fx.db.connectionString, concurrency: 4, pollIntervalMs: 100 });
    registerScanJobs(runtime, { pool: fx.db.pool, insert: store.insert, analyzers: BUILTIN_ANALYZERS, toolVersion: 'test' });
    const resolver = new DagResolver({ pool: fx.db.pool, connectionString: fx.db.connectionString, intervalMs: 100 });
    stopping.push(runtime, resolver);
    await runtime.start();
    await resolver.start();

    const jobsReader = { authorization: `Bearer ${await fx.createToken({ scopes: ['jobs:read'] })}` };
    const refused = await fetch(`${base}/api/v1/events?topics=scans`, { headers: jobsReader });
    expect(refused.status).toBe(403);
    expect(ErrorEnvelope.parse(await refused.json()).error.message).toContain('scanner:read');

    const expected = 7 + BUILTIN_ANALYZERS.length;
    let scanId = '';
    let scanEvents: ReceivedEvent[] = [];
    let stateAtTheEnd = '';
    const jobsOnly = await collectEvents(`${base}/api/v1/events?topics=jobs,scans`, 12, jobsReader, async () => {
      scanEvents = await collectEvents(`${base}/api/v1/events?topics=scans`, expected, adminAuth(fx), async () => {
        scanId = (await start()).scan.id;
      });
      // The final event is delivered only once its transaction committed: the scan reads as finished by then.
      stateAtTheEnd = (await getScan(scanId)).state;
    });

    const events = streamed(scanEvents);
    expect(events.every((e) => e.topic === 'scans' && e.subjectId === scanId && e.tenant === 'default')).toBe(true);
    const types = events.map((e) => e.type as ScanEventType);
    expect(types.slice(0, 3)).toEqual(['scan.created', 'scan.started', 'scan.resolved']);
    expect(types.slice(3, 3 + BUILTIN_ANALYZERS.length)).toEqual(BUILTIN_ANALYZERS.map(() => 'scan.analyzer_finished'));
    expect(types.slice(-4)).toEqual(['scan.matched', 'scan.reported', 'scan.compared', 'scan.succeeded']);
    const npm = events.find((e) => e.type === 'scan.analyzer_finished' && (e.data as { analyzer: string }).analyzer === 'npm');
    expect(npm?.data).toMatchObject({ outcome: 'ok', components: 1 });
    expect(events.find((e) => e.type === 'scan.matched')?.data).toEqual({ components: 1, findings: 1 });
    expect(stateAtTheEnd).toBe('succeeded');
    // The stream delivers in commit order, the timeline in id order: analyzers finishing together may swap.
    expect((await timeline(scanId)).map((e) => e.id)).toEqual(events.map((e) => e.id).sort((a, b) => a - b));

    // The scan's pipeline jobs reach the jobs:read token; its scan events do not.
    const seen = streamed(jobsOnly);
    expect(seen.length).toBeGreaterThanOrEqual(12);
    expect(new Set(seen.map((e) => e.topic))).toEqual(new Set(['jobs']));
  });

  it('a token with only scanner:read opens the stream: it gets the scan events and none of the jobs topic', async () => {
    const scannerReader = { authorization: `Bearer ${await fx.createToken({ scopes: ['scanner:read'] })}` };
    let scanId = '';
    const received = await collectEvents(`${base}/api/v1/events?topics=jobs,scans`, 3, scannerReader, async () => {
      scanId = (await start()).scan.id;
    });
    const events = streamed(received);
    expect(events.length).toBeGreaterThanOrEqual(3);
    expect(new Set(events.map((e) => e.topic))).toEqual(new Set(['scans']));
    expect(events.some((e) => e.subjectId === scanId)).toBe(true);
  });

  it('a scan whose target cannot be read ends failed with its reason, in the event and on the scan', async () => {
    // It starts like a tar.gz (so the start takes it) but is none.
    const broken = path.join(project, 'broken.tar.gz');
    await writeFile(broken, Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(600, 7)]));
    const { scan } = await start(broken);
    const failed = await waitFor(async () => ((await getScan(scan.id)).state === 'failed' ? getScan(scan.id) : null), {
      timeoutMs: 20_000,
      description: 'the scan to fail',
    });
    const events = await timeline(scan.id);
    expect(events.map((e) => e.type)).toEqual(['scan.created', 'scan.started', 'scan.failed']);
    expect(failed.error).toContain(`${broken} is not a readable tar or tar.gz archive: `);
    expect(events[2]?.data).toEqual({ error: failed.error });
  });
});
