import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TOKEN_PATTERN } from '@execops/contract';

export interface ServerConfig {
  host: string;
  port: number;
  /** Folder for the embedded PostgreSQL and its lock; unused with `databaseUrl`. */
  dataDir: string;
  /** An external PostgreSQL 15+; when unset the embedded one is started. */
  databaseUrl: string | undefined;
  webDist: string;
  payloadLimitBytes: number;
  /** Finished jobs older than this are pruned by the `maintenance.prune` job. */
  retentionHours: number;
  /** In-process workers run the built-in job types; off for API-only nodes. */
  workers: boolean;
  workerConcurrency: number;
  /** The scheduler's leader lease: another process takes over firing this long after the leader stops renewing. */
  schedulerLeaseSeconds: number;
  logLevel: string;
  /** Seeds the first admin token's value (`eo_<id>_<secret>`) on a database without one; for automation and tests. */
  adminToken: string | undefined;
  /** Issue a fresh one-time console login URL for the admin token at start (`execops start --login-url`). */
  loginUrl: boolean;
}

const DEFAULT_WEB_DIST = fileURLToPath(new URL('../../web/dist/', import.meta.url));

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integer(name: string, raw: string | undefined, fallback: number, min: number, max: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  return value;
}

/** Configuration from EXECOPS_* variables and DATABASE_URL; `overrides` (CLI flags) win. */
export function loadConfig(env: NodeJS.ProcessEnv, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const databaseUrl = overrides.databaseUrl ?? (env.DATABASE_URL || undefined);
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl))
    throw new ConfigError('DATABASE_URL must be a postgres:// or postgresql:// URL');
  return {
    host: overrides.host ?? env.EXECOPS_HOST ?? '127.0.0.1',
    port: overrides.port ?? integer('EXECOPS_PORT', env.EXECOPS_PORT, 7400, 0, 65_535),
    dataDir: path.resolve(overrides.dataDir ?? env.EXECOPS_DATA_DIR ?? '.execops'),
    databaseUrl,
    webDist: overrides.webDist ?? env.EXECOPS_WEB_DIST ?? DEFAULT_WEB_DIST,
    payloadLimitBytes: overrides.payloadLimitBytes ?? integer('EXECOPS_PAYLOAD_LIMIT', env.EXECOPS_PAYLOAD_LIMIT, 256 * 1024, 1024, 64 * 1024 * 1024),
    retentionHours: overrides.retentionHours ?? integer('EXECOPS_RETENTION_HOURS', env.EXECOPS_RETENTION_HOURS, 7 * 24, 1, 24 * 3650),
    workers: overrides.workers ?? env.EXECOPS_WORKERS !== 'off',
    workerConcurrency: overrides.workerConcurrency ?? integer('EXECOPS_WORKER_CONCURRENCY', env.EXECOPS_WORKER_CONCURRENCY, 10, 1, 1000),
    schedulerLeaseSeconds:
      overrides.schedulerLeaseSeconds ?? integer('EXECOPS_SCHEDULER_LEASE_SECONDS', env.EXECOPS_SCHEDULER_LEASE_SECONDS, 10, 2, 300),
    logLevel: overrides.logLevel ?? env.EXECOPS_LOG_LEVEL ?? 'info',
    adminToken: adminToken(overrides.adminToken ?? (env.EXECOPS_ADMIN_TOKEN || undefined)),
    loginUrl: overrides.loginUrl ?? false,
  };
}

function adminToken(raw: string | undefined): string | undefined {
  if (raw !== undefined && !TOKEN_PATTERN.test(raw))
    throw new ConfigError('EXECOPS_ADMIN_TOKEN must look like eo_<16 hex digits>_<43 base64url characters> (or be unset)');
  return raw;
}
