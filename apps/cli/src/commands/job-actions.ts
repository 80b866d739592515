import {
  BulkJobsResponse,
  ChangePriorityResponse,
  JOB_STATES,
  ReplayJobResponse,
} from '@execops/contract';
import { Argument, Option, type Command } from '@commander-js/extra-typings';
import { CliError } from '../api-client.ts';
import { jobFilter } from '../job-filter.ts';
import type { ClientFactory } from '../main.ts';
import { operatorHeaders } from '../operator.ts';
import { formatTable, printJson } from '../output.ts';
import { parseIntegerOption, parseSinceOption } from '../options.ts';

const BULK_ACTIONS = ['cancel', 'replay', 'priority'] as const;

export function addJobActionCommands(jobs: Command, client: ClientFactory): void {
  jobs
    .command('replay')
    .description('run a finished job again as a new job (replayOf), ahead of the original by default')
    .argument('<id>', 'job id')
    .requiredOption('--reason <text>', 'why (required; recorded in the audit log)')
    .option('--ticket <ticket>', 'change ticket')
    .option('--priority <n>', 'priority of the new job (default: original − 100)', parseIntegerOption)
    .option('--with-downstream', 'in a DAG: the new job takes the original’s place and its skipped descendants wait for it again')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const body = {
        ...(options.priority !== undefined ? { priority: options.priority } : {}),
        ...(options.withDownstream ? { withDownstream: true } : {}),
      };
      const result = await client().request(ReplayJobResponse, 'POST', `/jobs/${encodeURIComponent(id)}/replay`, {
        headers: operatorHeaders(options),
        body,
      });
      if (options.json) return printJson(result);
      process.stdout.write(`replayed ${id} as ${result.job.id} (priority ${result.job.priority}, ${result.job.state})\n`);
      if (!options.withDownstream) return;
      if (result.resetJobIds.length === 0) return void process.stdout.write('no skipped descendants to reset\n');
      process.stdout.write(`${result.resetJobIds.length} skipped descendant(s) back to blocked:\n${result.resetJobIds.join('\n')}\n`);
    });

  jobs
    .command('priority')
    .description('change the priority of a job that has not started (lower runs first)')
    .argument('<id>', 'job id')
    .argument('<priority>', '-1000 … 1000', parseIntegerOption)
    .requiredOption('--reason <text>', 'why (required; recorded in the audit log)')
    .option('--ticket <ticket>', 'change ticket')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, priority, options) => {
      const result = await client().request(ChangePriorityResponse, 'POST', `/jobs/${encodeURIComponent(id)}/priority`, {
        headers: operatorHeaders(options),
        body: { priority },
      });
      if (options.json) return printJson(result);
      process.stdout.write(`priority of ${id}: ${result.previousPriority} → ${result.job.priority}\n`);
    });

  jobs
    .command('bulk')
    .description('cancel, replay or re-prioritize many jobs, chosen by --id or by filter flags')
    .addArgument(new Argument('<action>', BULK_ACTIONS.join(' | ')).choices(BULK_ACTIONS))
    .option('--id <id...>', 'these jobs (up to 1,000)')
    .addOption(new Option('--state <state...>', 'filter: only these states').choices(JOB_STATES))
    .option('--type <jobType>', 'filter: only this job type')
    .option('--queue <queue>', 'filter: only this queue')
    .option('--text <text>', 'filter: match id, type, keys or error')
    .option('--since <duration>', 'filter: created within, e.g. 1h', (v) => parseSinceOption(v))
    .option('--priority <n>', 'for priority: the new priority', parseIntegerOption)
    .option('--dry-run', 'only count the jobs it would change (needs no --reason)')
    .option('--reason <text>', 'why (required unless --dry-run; recorded in the audit log)')
    .option('--ticket <ticket>', 'change ticket')
    .option('--json', 'print the API answer as JSON')
    .action(async (action, options) => {
      const filter = jobFilter(options);
      const byFilter = Object.keys(filter).length > 0;
      if (byFilter === Boolean(options.id)) throw new CliError('choose the jobs with --id or with filter flags (--state, --type, …), not both');
      if ((action === 'priority') !== (options.priority !== undefined)) throw new CliError('--priority goes with the priority action only, and it needs one');
      if (!options.dryRun && options.reason === undefined) throw new CliError('--reason is required (only a --dry-run goes without one)');
      const body = {
        ...(options.id ? { ids: options.id } : { filter }),
        ...(options.priority !== undefined ? { priority: options.priority } : {}),
        dryRun: Boolean(options.dryRun),
      };
      const headers = options.reason === undefined ? {} : operatorHeaders({ reason: options.reason, ticket: options.ticket });
      const result = await client().request(BulkJobsResponse, 'POST', `/jobs/bulk/${action}`, { headers, body });
      if (options.json) return printJson(result);
      if (result.dryRun) return void process.stdout.write(`${action} would apply to ${result.matched} of ${result.selected} selected job(s)\n`);
      process.stdout.write(`${action}: ${result.affected} job(s) changed\n`);
      const rows = result.results.map((r) => [r.id, r.outcome, r.state ?? '-', r.newJobId ?? '']);
      if (rows.length) process.stdout.write(`${formatTable(['ID', 'OUTCOME', 'STATE', 'NEW JOB'], rows)}\n`);
    });
}
