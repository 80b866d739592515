import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedDatabase } from '../../src/db/embedded-postgres.ts';

/** One embedded PostgreSQL for the whole run; each test file makes its own database in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'execops-test-'));
  const db = await startEmbeddedDatabase({ dataDir });
  project.provide('embeddedDatabaseUrl', db.connectionString);
  return async () => {
    await db.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
