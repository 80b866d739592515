import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { AuthStore, DeadLetterQueue, JobOperations, QueuePauses, QuotaAdmin, RunStore, ScheduleAdmin, SchedulerStatusReader, WorkerFleet, WorkerProtocol, type PgStore, type Pool } from '@execops/engine';
import { BUILTIN_ANALYZERS, KitStore } from '@execops/scanner';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { registerAuth } from './auth/request-auth.ts';
import { registerConsoleAssets } from './console-assets.ts';
import { ApiError, registerErrorEnvelope, sendError, toApiError } from './error-envelope.ts';
import { registerLegacyRedirects } from './legacy-redirects.ts';
import { healthRoutes } from './routes/health.ts';
import { auditRoutes } from './routes/audit.ts';
import { authRoutes } from './routes/auth.ts';
import { tokenRoutes } from './routes/tokens.ts';
import { dagRoutes } from './routes/dag.ts';
import { deadLetterRoutes } from './routes/dead-letter.ts';
import { jobActionRoutes } from './routes/job-actions.ts';
import { jobLogRoutes } from './routes/job-logs.ts';
import { eventRoutes } from './routes/events.ts';
import { jobHistoryRoutes } from './routes/job-history.ts';
import { jobRoutes } from './routes/jobs.ts';
import { overviewRoutes } from './routes/overview.ts';
import { queueHealthRoutes } from './routes/queue-health.ts';
import { queueRoutes } from './routes/queues.ts';
import { quotaRoutes } from './routes/quotas.ts';
import { runRoutes } from './routes/runs.ts';
import { runStreamRoutes } from './routes/run-stream.ts';
import { schedulerStatusRoutes } from './routes/scheduler-status.ts';
import { scannerScanRoutes } from './routes/scanner-scans.ts';
import { scheduleRoutes } from './routes/schedules.ts';
import { workerRoutes } from './routes/worker.ts';
import { workersRoutes } from './routes/workers.ts';
import { scannerKitRoutes } from './routes/scanner-kits.ts';
import { SERVER_VERSION } from './version.ts';

export interface AppOptions {
  store: PgStore;
  /** The engine's pool: routes run their own transactions (operator mutations with their audit rows). */
  db: Pool;
  storage: 'embedded' | 'external';
  /** Folder of the built console; pages answer 503 with a hint when it is missing. */
  webDist: string;
  /** Largest request body accepted, in bytes. */
  bodyLimitBytes: number;
  logLevel?: string;
  /** How long a console session lasts. */
  sessionSeconds?: number;
  /** Console login attempts per client address and minute. */
  loginAttemptsPerMinute?: number;
}

/**
 * Security headers on every answer. The CSP allows only this origin; inline styles stay allowed because Mantine and
 * the API docs inject them, never inline scripts. The login URL carries a one-time code, so no page sends a Referer.
 * No HSTS or upgrade-insecure-requests: the server speaks plain HTTP (TLS, when any, is a proxy's).
 */
const SECURITY_HEADERS: FastifyHelmetOptions = {
  contentSecurityPolicy: {
    useDefaults: false,
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      workerSrc: ["'self'", 'blob:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
  },
  frameguard: { action: 'deny' },
  referrerPolicy: { policy: 'no-referrer' },
  strictTransportSecurity: false,
};

const DEFAULT_SESSION_SECONDS = 12 * 3600;
const DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE = 10;

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: options.logLevel ?? 'info' },
    bodyLimit: options.bodyLimitBytes,
    genReqId: () => randomBytes(8).toString('hex'),
    requestIdHeader: false,
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    // The router's own refusals (a path parameter over its length limit, a malformed %-escape) answer with the
    // error envelope too.
    frameworkErrors: (error, request, reply) => sendError(reply, request, toApiError(error)),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Trace-Id', request.id);
  });
  await app.register(fastifyHelmet, SECURITY_HEADERS);
  acceptEmptyJsonBodies(app);
  registerErrorEnvelope(app);
  registerLegacyRedirects(app);
  const authStore = new AuthStore(options.db);
  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError(429, 'rate_limited', `too many attempts: try again in ${context.after}`),
  });
  registerAuth(app, authStore);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'execops API', version: SERVER_VERSION, description: 'Execution operations: jobs, queues, scheduler, dead-letter.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'an API token, eo_<id>_<secret>' } } },
      security: [{ bearer: [] }],
      tags: [{ name: 'jobs' }, { name: 'auth' }, { name: 'audit' }, { name: 'health' }, { name: 'worker' }, { name: 'workers' }, { name: 'dead-letter' }, { name: 'scheduler' }, { name: 'overview' }, { name: 'scanner' }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(
    async (api) => {
      await api.register(healthRoutes, { db: options.db, storage: options.storage, version: SERVER_VERSION });
      await api.register(authRoutes, {
        store: authStore,
        sessionSeconds: options.sessionSeconds ?? DEFAULT_SESSION_SECONDS,
        loginAttemptsPerMinute: options.loginAttemptsPerMinute ?? DEFAULT_LOGIN_ATTEMPTS_PER_MINUTE,
      });
      await api.register(tokenRoutes, { store: authStore });
      await api.register(jobRoutes, { store: options.store });
      await api.register(dagRoutes, { store: options.store });
      await api.register(jobActionRoutes, { operations: new JobOperations(options.db) });
      await api.register(auditRoutes, { db: options.db });
      const workerProtocol = new WorkerProtocol({ store: options.store, pool: options.db });
      await api.register(workerRoutes, { protocol: workerProtocol });
      await api.register(workersRoutes, { fleet: new WorkerFleet(options.db) });
      await api.register(jobLogRoutes, { logs: workerProtocol.logs });
      await api.register(queueHealthRoutes, { db: options.db });
      await api.register(queueRoutes, { pauses: new QueuePauses(options.db) });
      await api.register(quotaRoutes, { quotas: new QuotaAdmin(options.db) });
      await api.register(eventRoutes, { db: options.db });
      await api.register(jobHistoryRoutes, { db: options.db, store: options.store });
      await api.register(deadLetterRoutes, { queue: new DeadLetterQueue(options.db) });
      await api.register(scheduleRoutes, { schedules: new ScheduleAdmin(options.db, options.store.insert) });
      await api.register(runRoutes, { runs: new RunStore(options.db) });
      await api.register(runStreamRoutes, { db: options.db });
      await api.register(schedulerStatusRoutes, { status: new SchedulerStatusReader(options.db) });
      await api.register(overviewRoutes, { db: options.db });
      await api.register(scannerScanRoutes, { pool: options.db, insert: options.store.insert, analyzers: BUILTIN_ANALYZERS });
      await api.register(scannerKitRoutes, { kits: new KitStore(options.db), db: options.db });
    },
    { prefix: '/api/v1' },
  );
  await registerConsoleAssets(app, options.webDist);
  return app;
}

/** Action endpoints (cancel, …) take no body; a client that still sends `Content-Type: application/json` is fine. */
function acceptEmptyJsonBodies(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (error, value) =>
      error ? done(new ApiError(400, 'bad_request', `request body is not valid JSON: ${error.message}`), undefined) : done(null, value),
    );
  });
}
