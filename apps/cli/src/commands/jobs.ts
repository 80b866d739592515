import { readFile } from 'node:fs/promises';
import {
  CancelJobResponse,
  EnqueueJobResponse,
  JOB_SORTS,
  JOB_STATES,
  JobDetail,
  JobPage,
  type EnqueueJobRequest,
  type JobSummary,
} from '@execops/contract';
import { Option, type Command } from '@commander-js/extra-typings';
import { CliError } from '../api-client.ts';
import type { ClientFactory } from '../main.ts';
import { jobFilter } from '../job-filter.ts';
import { operatorHeaders } from '../operator.ts';
import { formatTable, printJson } from '../output.ts';
import { addJobActionCommands } from './job-actions.ts';
import { addJobDagCommand } from './job-dag.ts';
import { parseIntegerOption, parseJsonOption, parseSinceOption } from '../options.ts';

export function addJobsCommands(program: Command, client: ClientFactory): void {
  const jobs = program.command('jobs').description('enqueue, list, inspect and cancel jobs');

  jobs
    .command('enqueue')
    .description('enqueue one job')
    .argument('<jobType>', 'the job type, e.g. http.request')
    .option('--payload <json>', 'payload as JSON text', parseJsonOption)
    .option('--payload-file <file>', 'read the payload from a JSON file')
    .option('--queue <queue>', 'queue (default: the job type)')
    .option('--priority <n>', 'lower runs first (default 0)', parseIntegerOption)
    .option('--max-attempts <n>', 'attempts before the job fails (default 5)', parseIntegerOption)
    .option('--run-at <iso>', 'earliest start time (ISO 8601)')
    .option('--idempotency-key <key>', 'return the unfinished job with this key instead of adding another')
    .option('--timeout <seconds>', 'handler time limit in seconds (default 300)', parseIntegerOption)
    .option('--tag <tag...>', 'tags')
    .option('--json', 'print the API answer as JSON')
    .action(async (jobType, options) => {
      if (options.payload !== undefined && options.payloadFile) throw new CliError('use --payload or --payload-file, not both');
      const payload = options.payloadFile ? parseJsonOption(await readFile(options.payloadFile, 'utf8')) : options.payload;
      const body: EnqueueJobRequest = {
        jobType,
        ...(payload !== undefined ? { payload: payload as EnqueueJobRequest['payload'] } : {}),
        ...(options.queue ? { queue: options.queue } : {}),
        ...(options.priority !== undefined ? { priority: options.priority } : {}),
        ...(options.maxAttempts !== undefined ? { maxAttempts: options.maxAttempts } : {}),
        ...(options.runAt ? { runAt: options.runAt } : {}),
        ...(options.idempotencyKey ? { idempotencyKey: options.idempotencyKey } : {}),
        ...(options.timeout !== undefined ? { timeoutSeconds: options.timeout } : {}),
        ...(options.tag ? { tags: options.tag } : {}),
      };
      const result = await client().request(EnqueueJobResponse, 'POST', '/jobs', { body });
      if (options.json) return printJson(result);
      const verb = result.created ? 'enqueued' : 'already enqueued (same idempotency key)';
      process.stdout.write(`${verb} ${result.job.id} ${result.job.jobType} on ${result.job.queue}: ${result.job.state}\n`);
    });

  jobs
    .command('list')
    .description('list jobs, newest first unless --sort/--order say otherwise')
    .addOption(new Option('--state <state...>', 'only these states').choices(JOB_STATES))
    .option('--type <jobType>', 'only this job type')
    .option('--queue <queue>', 'only this queue')
    .option('--text <text>', 'match id, type, idempotency key, correlation id or error message')
    .option('--since <duration>', 'created within, e.g. 15m, 1h, 7d', (v) => parseSinceOption(v))
    .addOption(new Option('--sort <key>', 'order by this key, ties by id (default createdAt)').choices(JOB_SORTS))
    .addOption(new Option('--order <order>', 'ascending or descending (default desc)').choices(['asc', 'desc'] as const))
    .option('--limit <n>', 'page size (1–500, default 50)', parseIntegerOption)
    .option('--cursor <cursor>', 'continue after a previous page (with the same --sort and --order)')
    .option('--json', 'print the API answer as JSON')
    .action(async (options) => {
      const query = new URLSearchParams();
      for (const [key, value] of Object.entries(jobFilter(options))) query.set(key, Array.isArray(value) ? value.join(',') : value);
      if (options.sort) query.set('sort', options.sort);
      if (options.order) query.set('order', options.order);
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      if (options.cursor) query.set('cursor', options.cursor);
      const page = await client().request(JobPage, 'GET', `/jobs?${query}`);
      if (options.json) return printJson(page);
      if (page.items.length === 0) return void process.stdout.write('no jobs match\n');
      process.stdout.write(`${formatTable(['ID', 'TYPE', 'QUEUE', 'STATE', 'ATTEMPT', 'CREATED'], page.items.map(jobRow))}\n`);
      if (page.nextCursor) process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });

  jobs
    .command('get')
    .description('show one job with its attempts')
    .argument('<id>', 'job id')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const job = await client().request(JobDetail, 'GET', `/jobs/${encodeURIComponent(id)}`);
      if (options.json) return printJson(job);
      const facts: Array<[string, string]> = [
        ['id', job.id],
        ['type', job.jobType],
        ['queue', job.queue],
        ['state', job.state],
        ['attempt', `${job.attempt}/${job.maxAttempts}`],
        ['priority', String(job.priority)],
        ['created', job.createdAt],
        ['run at', job.runAt],
        ['finished', job.finishedAt ?? '-'],
        ['last error', job.lastError ? `${job.lastError.code}: ${job.lastError.message}` : '-'],
        ['payload', JSON.stringify(job.payload)],
        ['result', job.result === null ? '-' : JSON.stringify(job.result)],
      ];
      process.stdout.write(`${facts.map(([k, v]) => `${k.padEnd(11)}${v}`).join('\n')}\n`);
      if (job.attempts.length) {
        const rows = job.attempts.map((a) => [String(a.attempt), a.worker, a.startedAt, a.endedAt ?? '-', a.outcome ?? 'running', a.error?.message ?? '']);
        process.stdout.write(`\n${formatTable(['#', 'WORKER', 'STARTED', 'ENDED', 'OUTCOME', 'ERROR'], rows)}\n`);
      }
    });

  jobs
    .command('cancel')
    .description('cancel a job (a running job is told on its next heartbeat)')
    .argument('<id>', 'job id')
    .requiredOption('--reason <text>', 'why (required; recorded in the audit log)')
    .option('--ticket <ticket>', 'change ticket (recorded in the audit log)')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const headers = operatorHeaders(options);
      const result = await client().request(CancelJobResponse, 'POST', `/jobs/${encodeURIComponent(id)}/cancel`, { headers });
      if (options.json) return printJson(result);
      process.stdout.write(result.outcome === 'canceled' ? `canceled ${id}\n` : `cancel requested for running job ${id}\n`);
    });

  addJobActionCommands(jobs, client);
  addJobDagCommand(jobs, client);
}

function jobRow(job: JobSummary): string[] {
  return [job.id, job.jobType, job.queue, job.state, `${job.attempt}/${job.maxAttempts}`, job.createdAt];
}
