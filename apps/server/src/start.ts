import {
  AuthStore,
  CountCompactor,
  createPool,
  DagResolver,
  JobLogStore,
  LeaseRescuer,
  migrate,
  PgStore,
  registerBuiltinJobs,
  Scheduler,
  startEmbeddedDatabase,
  WorkerRegistry,
  WorkerRuntime,
  type EmbeddedDatabase,
  type Pool,
} from '@execops/engine';
import { BUILTIN_ANALYZERS, ensureDemoFeed, registerScanJobs } from '@execops/scanner';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.ts';
import { SERVER_VERSION } from './version.ts';
import type { ServerConfig } from './config.ts';
import { startRetentionPruning, type Stoppable } from './retention.ts';

const RESCUE_INTERVAL_MS = 5_000;
/** A login URL works once, within this time. */
const LOGIN_CODE_SECONDS = 15 * 60;

/** What the first start on an empty database prints once: the admin token (a login URL comes with it). */
export interface FirstStart {
  adminToken: string;
  /** True when the token came from EXECOPS_ADMIN_TOKEN (so printing it again tells nothing new). */
  preset: boolean;
}

export interface RunningServer {
  url: string;
  storage: 'embedded' | 'external';
  app: FastifyInstance;
  /** Set when this start created the admin token (no live one was in the database). */
  firstStart: FirstStart | undefined;
  /** A one-time console login URL for the admin token: on the first start, or when `config.loginUrl` asks. */
  loginUrl: string | undefined;
  stop(): Promise<void>;
}

/**
 * Starts the database (embedded unless DATABASE_URL), applies migrations, starts in-process workers and the
 * HTTP server. `stop()` undoes it in reverse order; a failure half-way undoes what had started.
 */
export async function startServer(config: ServerConfig): Promise<RunningServer> {
  const cleanups: Array<() => Promise<void>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup().catch(() => undefined);
  };
  try {
    let embedded: EmbeddedDatabase | undefined;
    if (!config.databaseUrl) {
      embedded = await startEmbeddedDatabase({ dataDir: config.dataDir });
      cleanups.push(() => (embedded as EmbeddedDatabase).stop());
    }
    const connectionString = config.databaseUrl ?? (embedded as EmbeddedDatabase).connectionString;
    const pool: Pool = createPool({ connectionString, max: 20, applicationName: 'execops-server' });
    cleanups.push(() => pool.end());
    await migrate(pool);
    const auth = new AuthStore(pool);
    const bootstrap = await auth.ensureAdminToken(LOGIN_CODE_SECONDS, config.adminToken);
    const loginCode = bootstrap?.loginCode ?? (config.loginUrl ? await auth.issueAdminLoginCode(LOGIN_CODE_SECONDS) : null);

    const store = new PgStore({ pool, payloadLimitBytes: config.payloadLimitBytes });
    // Every process resolves DAG children, like the rescuer: HTTP workers' completions unblock children too.
    const dagResolver = new DagResolver({ pool, connectionString });
    await dagResolver.start();
    cleanups.push(() => dagResolver.stop());
    const counts = new CountCompactor(pool);
    counts.start();
    cleanups.push(async () => counts.stop());
    if (config.workers) {
      const runtime = new WorkerRuntime({
        store,
        connectionString,
        concurrency: config.workerConcurrency,
        logs: new JobLogStore(pool),
        fleet: { registry: new WorkerRegistry(pool), name: 'execops-server', version: SERVER_VERSION },
      });
      registerBuiltinJobs(runtime, { store });
      registerScanJobs(runtime, { pool, insert: store.insert, analyzers: BUILTIN_ANALYZERS, toolVersion: SERVER_VERSION });
      await runtime.start();
      cleanups.push(() => runtime.stop());
      const retention: Stoppable = startRetentionPruning(store, config.retentionHours);
      cleanups.push(async () => retention.stop());
    } else {
      // The runtime rescues expired leases itself; an API-only node still must, for its HTTP workers' jobs.
      const rescuer = new LeaseRescuer(store, RESCUE_INTERVAL_MS);
      rescuer.start();
      cleanups.push(async () => rescuer.stop());
    }

    const storage = embedded ? 'embedded' : 'external';
    const app = await buildApp({
      store,
      db: pool,
      storage,
      webDist: config.webDist,
      // JSON text of a payload at the limit plus the envelope fields; the store enforces the exact limit.
      bodyLimitBytes: config.payloadLimitBytes * 2 + 64 * 1024,
      logLevel: config.logLevel,
    });
    cleanups.push(() => app.close());
    const demoKit = await ensureDemoFeed(pool);
    if (demoKit) {
      app.log.warn(
        { kitId: demoKit.id, version: demoKit.version, advisories: demoKit.advisories },
        'scanner: no kit was active, so the sample kit was imported as a DEMO feed (a few real advisories, signed with a public test key); import a real kit, then revoke trust key execops-fixture-demo',
      );
    }
    // Every process competes for the scheduler's leader lease; the holder fires due schedules.
    const scheduler = new Scheduler({
      pool,
      insert: store.insert,
      leaseMs: config.schedulerLeaseSeconds * 1000,
      onError: (error) => app.log.error({ err: error }, 'scheduler tick failed'),
    });
    scheduler.start();
    cleanups.push(() => scheduler.stop());
    await app.listen({ host: config.host, port: config.port });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    const url = `http://${config.host}:${port}`;
    const firstStart = bootstrap ? { adminToken: bootstrap.created.secret, preset: config.adminToken !== undefined } : undefined;
    const loginUrl = loginCode === null ? undefined : `${url}/login?code=${encodeURIComponent(loginCode)}`;
    return { url, storage, app, firstStart, loginUrl, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
