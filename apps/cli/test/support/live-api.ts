import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PgStore } from '@execops/engine';
import { createTestDatabase, databaseTargets, seedAdminToken, TEST_ADMIN_TOKEN, type TestDatabase } from '@execops/engine/testing';
import { buildApp } from '@execops/server';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';

export const CLI = fileURLToPath(new URL('../../bin/execops.js', import.meta.url));

export interface LiveApi {
  db: TestDatabase;
  store: PgStore;
  /** The API's base URL, for `--server`. */
  server: string;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** A real API server on a throwaway database for the tests of one file; its fields are set once `beforeAll` ran. */
export function useLiveApi(): LiveApi {
  const live = {} as LiveApi;
  let app: FastifyInstance;
  beforeAll(async () => {
    live.db = await createTestDatabase(databaseTargets()[0]!);
    live.store = new PgStore({ pool: live.db.pool });
    app = await buildApp({
      store: live.store,
      db: live.db.pool,
      storage: 'embedded',
      webDist: '/nonexistent',
      bodyLimitBytes: 1024 * 1024,
      logLevel: 'silent',
    });
    await seedAdminToken(live.db.pool);
    await app.listen({ host: '127.0.0.1', port: 0 });
    const address = app.server.address();
    live.server = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(async () => {
    await app?.close();
    await live.db?.drop();
  });
  return live;
}

/** Runs `execops --server <server> --token <the seeded admin token> …args` to its end; a non-zero exit is a result, not a throw. */
export function runCli(server: string, ...args: string[]): Promise<CliResult> {
  return runCliAs(TEST_ADMIN_TOKEN, server, ...args);
}

/** Runs the command with another token (none: no `--token`, and no EXECOPS_TOKEN). */
export async function runCliAs(token: string | undefined, server: string, ...args: string[]): Promise<CliResult> {
  const tokenArgs = token === undefined ? [] : ['--token', token];
  const env = { ...process.env };
  delete env.EXECOPS_TOKEN;
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, '--server', server, ...tokenArgs, ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as CliResult;
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}
