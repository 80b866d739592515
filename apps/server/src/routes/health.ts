import { ErrorEnvelope, Health, Readiness } from '@execops/contract';
import { migrationStatus, type Queryable } from '@execops/engine';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export interface HealthRoutesOptions {
  db: Queryable;
  storage: 'embedded' | 'external';
  version: string;
}

export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, { db, storage, version }) => {
  app.get(
    '/healthz',
    { schema: { tags: ['health'], summary: 'Liveness: the process is up', response: { 200: Health } } },
    async () => ({ status: 'ok' as const, version }),
  );

  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers and every migration is applied',
        response: { 200: Readiness, 503: Readiness, 500: ErrorEnvelope },
      },
    },
    async (_request, reply) => {
      const started = performance.now();
      const readiness: Readiness = {
        status: 'ready',
        storage,
        checks: {
          database: { ok: true, latencyMs: null },
          migrations: { ok: false, applied: 0, expected: 0 },
        },
      };
      try {
        await db.query('SELECT 1');
        readiness.checks.database.latencyMs = Math.round((performance.now() - started) * 100) / 100;
        const migrations = await migrationStatus(db);
        readiness.checks.migrations = { ok: migrations.applied >= migrations.expected, ...migrations };
      } catch (error) {
        readiness.checks.database = { ok: false, latencyMs: null, error: (error as Error).message };
      }
      const ready = readiness.checks.database.ok && readiness.checks.migrations.ok;
      readiness.status = ready ? 'ready' : 'not_ready';
      return reply.status(ready ? 200 : 503).send(readiness);
    },
  );
};
