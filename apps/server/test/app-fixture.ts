import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PgStore } from '@execops/engine';
import { createTestDatabase, databaseTargets, type TestDatabase } from '@execops/engine/testing';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.ts';

export const PAYLOAD_LIMIT = 4096;

export interface AppFixture {
  app: FastifyInstance;
  db: TestDatabase;
  close(): Promise<void>;
}

/** The API on a fresh database, with a stand-in console build so page fallbacks can be asserted. */
export async function createAppFixture(): Promise<AppFixture> {
  const [target] = databaseTargets();
  if (!target) throw new Error('no database target');
  const db = await createTestDatabase(target);
  const webDist = await mkdtemp(path.join(os.tmpdir(), 'execops-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>execops console</title>');
  await writeFile(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
  const store = new PgStore({ pool: db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
  const app = await buildApp({ store, db: db.pool, storage: 'embedded', webDist, bodyLimitBytes: PAYLOAD_LIMIT * 4, logLevel: 'silent' });
  return {
    app,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export async function countJobs(db: TestDatabase): Promise<number> {
  const { rows } = await db.pool.query<{ n: number }>('SELECT count(*) AS n FROM jobs');
  return rows[0]?.n ?? 0;
}

/** Starts the app on a free local port, for tests that need a real HTTP client (streams); answers its base URL. */
export async function listenLocally(fx: AppFixture): Promise<string> {
  await fx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = fx.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
