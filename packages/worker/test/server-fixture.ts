import type { EnqueueJobRequest } from '@execops/contract';
import { PgStore } from '@execops/engine';
import { createTestDatabase, databaseTargets, seedAdminToken, type TestDatabase } from '@execops/engine/testing';
import { buildApp } from '@execops/server';
import type { FastifyInstance } from 'fastify';

export interface ServerFixture {
  url: string;
  app: FastifyInstance;
  db: TestDatabase;
  store: PgStore;
  /** The seeded admin token (it holds scope `worker` for every tenant, and everything else). */
  token: string;
  close(): Promise<void>;
}

/** The API listening on a free port, over a fresh database; retries come due almost at once. */
export async function startServerFixture(db?: TestDatabase): Promise<ServerFixture> {
  const database = db ?? (await createTestDatabase(databaseTargets()[0]!));
  const store = new PgStore({ pool: database.pool, retry: { baseSeconds: 0.05, capSeconds: 0.05 } });
  const app = await buildApp({ store, db: database.pool, storage: 'embedded', webDist: '/nonexistent', bodyLimitBytes: 1024 * 1024, logLevel: 'silent' });
  const token = await seedAdminToken(database.pool);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    url,
    app,
    db: database,
    store,
    token,
    async close() {
      await app.close();
      if (!db) await database.drop();
    },
  };
}

export async function enqueue(fx: ServerFixture, jobType: string, extra: Omit<EnqueueJobRequest, 'jobType'> = {}): Promise<string> {
  const [result] = await fx.store.enqueueBatch('default', [{ jobType, ...extra }]);
  if (!result) throw new Error('enqueue returned nothing');
  return result.job.id;
}

export async function getJson(fx: ServerFixture, path: string): Promise<unknown> {
  const response = await fetch(`${fx.url}/api/v1${path}`, { headers: { authorization: `Bearer ${fx.token}` } });
  return response.json();
}
