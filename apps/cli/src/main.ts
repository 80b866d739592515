import { DEFAULT_TENANT } from '@execops/contract';
import { Command, CommanderError } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { ApiClient, CliError } from './api-client.ts';
import { addDeadLetterCommands } from './commands/dead-letter.ts';
import { addJobsCommands } from './commands/jobs.ts';
import { addKitCommands } from './commands/kits.ts';
import { addMigrateCommand } from './commands/migrate.ts';
import { addPipelinesCommands } from './commands/pipelines.ts';
import { addScanCommands } from './commands/scans.ts';
import { addSchedulesCommands } from './commands/schedules.ts';
import { addStartCommand } from './commands/start.ts';
import { addStatusCommand } from './commands/status.ts';
import { addTokensCommands } from './commands/tokens.ts';
import { addWorkerCommand } from './commands/worker.ts';

export type ClientFactory = () => ApiClient;

const program = new Command()
  .name('execops')
  .description('execution operations: job engine, scheduler, dead-letter and their console')
  // Not `.version()`: the root would take `--version` anywhere on the line, and `kit build --version` is the kit's.
  .addHelpText('after', '\n  -V, --version   print the version (as the first argument)')
  .option('--server <url>', 'execops server for API commands (EXECOPS_URL)', process.env.EXECOPS_URL ?? 'http://127.0.0.1:7400')
  .option('--tenant <tenant>', 'tenant to act for (EXECOPS_TENANT)', process.env.EXECOPS_TENANT ?? DEFAULT_TENANT)
  .option('--token <token>', 'API token for API commands (EXECOPS_TOKEN)', process.env.EXECOPS_TOKEN)
  .exitOverride();

const client: ClientFactory = () => {
  const { server, tenant, token } = program.opts();
  return new ApiClient({ baseUrl: server, tenant, token });
};

addStartCommand(program);
addMigrateCommand(program);
addJobsCommands(program, client);
addPipelinesCommands(program, client);
addDeadLetterCommands(program, client);
addSchedulesCommands(program, client);
addScanCommands(program, client);
addStatusCommand(program, client);
addTokensCommands(program, client);
addKitCommands(program, client);
addWorkerCommand(program);

const [first] = process.argv.slice(2);
if (first === '--version' || first === '-V') {
  process.stdout.write(`${(await import('@execops/server')).SERVER_VERSION}\n`);
  process.exit(0);
}

try {
  await program.parseAsync();
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  const known = await isOperatorError(error);
  process.stderr.write(`${pc.red('error:')} ${known ? (error as Error).message : String((error as Error).stack ?? error)}\n`);
  process.exit(1);
}

/**
 * An error whose message says it all; anything else prints its stack. The server and engine load here, on this
 * path only: API commands never need them, and loading them doubled every command's start-up.
 */
async function isOperatorError(error: unknown): Promise<boolean> {
  if (error instanceof CliError) return true;
  const [{ ConfigError }, { DataDirLockedError }] = await Promise.all([import('@execops/server'), import('@execops/engine')]);
  return error instanceof ConfigError || error instanceof DataDirLockedError;
}
