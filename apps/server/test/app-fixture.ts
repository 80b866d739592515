import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { brotliCompressSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import type { CreateTokenRequest } from '@execops/contract';
import { AuthStore, PgStore } from '@execops/engine';
import { createTestDatabase, databaseTargets, seedAdminToken, type TestDatabase } from '@execops/engine/testing';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../src/app.ts';

export const PAYLOAD_LIMIT = 4096;

type Inject = (options: InjectOptions) => Promise<LightMyRequestResponse>;

export interface AppFixture {
  /** The API; its `inject` signs in as the admin token unless the request brings an Authorization header or a cookie. */
  app: FastifyInstance;
  db: TestDatabase;
  adminToken: string;
  /** `inject` exactly as given: no credentials are added. */
  injectRaw: Inject;
  /** A new token (created directly in the store), as its whole `eo_…` value. */
  createToken(request: Partial<CreateTokenRequest> & Pick<CreateTokenRequest, 'scopes'>): Promise<string>;
  close(): Promise<void>;
}

const hasCredentials = (headers: InjectOptions['headers']) =>
  Object.keys(headers ?? {}).some((name) => ['authorization', 'cookie'].includes(name.toLowerCase()));

let tokenCount = 0;

/** The API on a fresh database, with a stand-in console build so page fallbacks can be asserted. */
export async function createAppFixture(options: Partial<Pick<AppOptions, 'loginAttemptsPerMinute' | 'sessionSeconds'>> = {}): Promise<AppFixture> {
  const [target] = databaseTargets();
  if (!target) throw new Error('no database target');
  const db = await createTestDatabase(target);
  const webDist = await mkdtemp(path.join(os.tmpdir(), 'execops-web-'));
  await mkdir(path.join(webDist, 'assets'));
  await writeFile(path.join(webDist, 'index.html'), '<!doctype html><title>execops console</title>');
  await writeFile(path.join(webDist, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(webDist, 'assets', 'app.js.br'), brotliCompressSync('console.log(1)'));
  const store = new PgStore({ pool: db.pool, payloadLimitBytes: PAYLOAD_LIMIT });
  const app = await buildApp({ store, db: db.pool, storage: 'embedded', webDist, bodyLimitBytes: PAYLOAD_LIMIT * 4, logLevel: 'silent', ...options });
  const adminToken = await seedAdminToken(db.pool);
  const original = app.inject.bind(app) as Inject;
  const injectRaw: Inject = (request) => original(request);
  const asAdmin: Inject = (request) =>
    injectRaw(hasCredentials(request.headers) ? request : { ...request, headers: { ...request.headers, authorization: `Bearer ${adminToken}` } });
  app.inject = asAdmin as FastifyInstance['inject'];
  const auth = new AuthStore(db.pool);
  return {
    app,
    db,
    adminToken,
    injectRaw,
    async createToken(request) {
      tokenCount += 1;
      const created = await auth.createToken(
        { name: `test-${tokenCount}`, tenants: ['*'], ...request },
        { tenant: 'default', operator: { actor: 'test', reason: 'test token' } },
      );
      return created.secret;
    },
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
/** The admin token as a header, for clients other than `app.inject` (which the fixture signs in already). */
export const adminAuth = (fx: AppFixture) => ({ authorization: `Bearer ${fx.adminToken}` });

export async function listenLocally(fx: AppFixture): Promise<string> {
  await fx.app.listen({ host: '127.0.0.1', port: 0 });
  const address = fx.app.server.address();
  if (typeof address !== 'object' || !address) throw new Error('the app is not listening on a TCP port');
  return `http://127.0.0.1:${address.port}`;
}
