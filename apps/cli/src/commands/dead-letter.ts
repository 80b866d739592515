import {
  BulkDeadLetterResponse,
  DEAD_LETTER_EXPORT_FORMATS,
  DEAD_LETTER_STATUSES,
  DeadLetterEntry,
  DeadLetterEntryDetail,
  DeadLetterPage,
  DeadLetterStats,
  ErrorClass,
  ReplayDeadLetterResponse,
} from '@execops/contract';
import { Option, type Command, type OptionValues } from '@commander-js/extra-typings';
import { CliError } from '../api-client.ts';
import { deadLetterFilter, type DeadLetterFilterOptions } from '../dead-letter-filter.ts';
import type { ClientFactory } from '../main.ts';
import { operatorHeaders } from '../operator.ts';
import { parseIntegerOption, parseSinceOption } from '../options.ts';
import { formatTable, printJson } from '../output.ts';

/** The filter flags of list, bulk replay/resolve and export. */
function withFilterFlags<Args extends unknown[], Opts extends OptionValues>(command: Command<Args, Opts>, prefix = '') {
  return command
    .addOption(new Option('--status <status...>', `${prefix}only these statuses`).choices(DEAD_LETTER_STATUSES))
    .option('--type <jobType>', `${prefix}only this job type`)
    .option('--cluster <clusterKey>', `${prefix}only this error cluster (its clusterKey)`)
    .addOption(new Option('--class <class...>', `${prefix}only these error classes`).choices(ErrorClass.options))
    .addOption(new Option('--retryable <bool>', `${prefix}only retryable (true) or permanent (false) errors`).choices(['true', 'false'] as const))
    .option('--since <duration>', `${prefix}dead-lettered within, e.g. 15m, 1h, 7d`, (v) => parseSinceOption(v))
    .option('--before <iso>', `${prefix}dead-lettered before this instant (ISO 8601)`)
    .option('--text <text>', `${prefix}match error code or message, entry id, job id or job type`);
}

const entryPath = (id: string) => `/dead-letter/${encodeURIComponent(id)}`;

function entryRow(e: DeadLetterEntry): string[] {
  return [e.id, e.jobType, e.status, e.error.code, e.error.class, String(e.attempts), e.deadLetteredAt];
}

function printBulk(action: 'replay' | 'resolve', result: BulkDeadLetterResponse): void {
  if (result.dryRun) return void process.stdout.write(`${action} would apply to ${result.matched} of ${result.selected} selected entr(y/ies)\n`);
  process.stdout.write(`${action}: ${result.affected} entr(y/ies) changed\n`);
  const rows = result.results.map((r) => [r.id, r.outcome, r.status ?? '-', r.newJobId ?? '']);
  if (rows.length) process.stdout.write(`${formatTable(['ID', 'OUTCOME', 'STATUS', 'NEW JOB'], rows)}\n`);
}

/** The operator headers once there is a --reason; a bulk --dry-run goes without. */
function reasonHeaders(options: { reason?: string | undefined; ticket?: string | undefined }): Record<string, string> {
  return options.reason === undefined ? {} : operatorHeaders({ reason: options.reason, ticket: options.ticket });
}

async function runBulk(
  client: ClientFactory,
  action: 'replay' | 'resolve',
  request: { headers: Record<string, string>; body: Record<string, unknown> },
  json: boolean | undefined,
): Promise<void> {
  const result = await client().request(BulkDeadLetterResponse, 'POST', `/dead-letter/bulk/${action}`, request);
  return json ? printJson(result) : printBulk(action, result);
}

/** One entry by its id, or many by --id or filter flags (bulk, with --dry-run). */
function bulkSelection(id: string | undefined, options: DeadLetterFilterOptions & { id?: string[] | undefined; dryRun?: true | undefined }) {
  const filter = deadLetterFilter(options);
  const byFilter = Object.keys(filter).length > 0;
  const ways = [id !== undefined, Boolean(options.id), byFilter].filter(Boolean).length;
  if (ways !== 1) throw new CliError('choose the entries with one <id>, with --id, or with filter flags (--status, --type, …), one way only');
  if (id !== undefined && options.dryRun) throw new CliError('--dry-run counts a bulk selection (--id or filter flags), not one <id>');
  return id !== undefined ? null : { ...(options.id ? { ids: options.id } : { filter }), dryRun: Boolean(options.dryRun) };
}

export function addDeadLetterCommands(program: Command, client: ClientFactory): void {
  const dlq = program.command('dlq').description('the dead-letter queue: jobs that failed for good; list, inspect, replay, resolve, export');

  withFilterFlags(dlq.command('list').description('list dead-letter entries, newest first'))
    .option('--limit <n>', 'page size (1–500, default 50)', parseIntegerOption)
    .option('--cursor <cursor>', 'continue after a previous page')
    .option('--json', 'print the API answer as JSON')
    .action(async (options) => {
      const query = new URLSearchParams(deadLetterFilter(options));
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      if (options.cursor) query.set('cursor', options.cursor);
      const page = await client().request(DeadLetterPage, 'GET', `/dead-letter?${query}`);
      if (options.json) return printJson(page);
      if (page.items.length === 0) return void process.stdout.write('no dead-letter entries match\n');
      process.stdout.write(`${formatTable(['ID', 'TYPE', 'STATUS', 'CODE', 'CLASS', 'ATTEMPTS', 'DEAD-LETTERED'], page.items.map(entryRow))}\n`);
      if (page.nextCursor) process.stdout.write(`more: --cursor ${page.nextCursor}\n`);
    });

  dlq
    .command('get')
    .description('show one entry: error, payload, attempts and replays')
    .argument('<id>', 'entry id')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const e = await client().request(DeadLetterEntryDetail, 'GET', entryPath(id));
      if (options.json) return printJson(e);
      const facts: Array<[string, string]> = [
        ['id', e.id],
        ['job', e.jobId],
        ['type', e.jobType],
        ['status', e.status],
        ['error', `${e.error.code} (${e.error.class}${e.error.retryable ? ', retryable' : ''}): ${e.error.message}`],
        ['cluster', e.clusterKey],
        ['attempts', String(e.attempts)],
        ['first fail', e.firstFailedAt],
        ['dead-letter', e.deadLetteredAt],
        ['payload', e.payload === null ? '- (job pruned)' : JSON.stringify(e.payload)],
        ['resolution', e.resolution ? `${e.resolution.note} (by ${e.resolution.by} at ${e.resolution.at}${e.resolution.ticket ? `, ${e.resolution.ticket}` : ''})` : '-'],
      ];
      process.stdout.write(`${facts.map(([k, v]) => `${k.padEnd(12)}${v}`).join('\n')}\n`);
      if (e.replays.length) {
        const rows = e.replays.map((r) => [r.jobId, r.state ?? 'pruned', r.at, r.by, r.reason]);
        process.stdout.write(`\n${formatTable(['REPLAY JOB', 'STATE', 'AT', 'BY', 'REASON'], rows)}\n`);
      }
    });

  dlq
    .command('stats')
    .description('open entries, the oldest, retryable ones, top error clusters and job types')
    .option('--json', 'print the API answer as JSON')
    .action(async (options) => {
      const s = await client().request(DeadLetterStats, 'GET', '/dead-letter/stats');
      if (options.json) return printJson(s);
      process.stdout.write(`open ${s.open} (retryable ${s.retryableOpen}), oldest ${s.oldestOpenAt ?? '-'}\n`);
      const last24h = s.last24h.reduce((sum, b) => sum + b.count, 0);
      process.stdout.write(`dead-lettered in the last 24 h: ${last24h}\n`);
      if (s.topClusters.length) {
        const rows = s.topClusters.map((c) => [String(c.open), c.code, c.errorClass, c.jobTypes.join(','), c.sampleMessage]);
        process.stdout.write(`\n${formatTable(['OPEN', 'CODE', 'CLASS', 'JOB TYPES', 'SAMPLE MESSAGE'], rows)}\n`);
      }
      if (s.byJobType.length) {
        process.stdout.write(`\n${formatTable(['JOB TYPE', 'OPEN', 'TOTAL'], s.byJobType.map((t) => [t.jobType, String(t.open), String(t.total)]))}\n`);
      }
    });

  withFilterFlags(dlq.command('replay').description('replay one entry (a new job), or many by --id or filter flags'), 'bulk filter: ')
    .argument('[id]', 'entry id (one entry)')
    .option('--id <id...>', 'these entries (bulk, up to 1,000)')
    .option('--priority <n>', 'priority of the new job(s) (default: the failed job’s − 100)', parseIntegerOption)
    .option('--idempotency-key <key>', 'one entry: repeating the command with this key returns the same job')
    .option('--dry-run', 'bulk: only count the entries it would replay (needs no --reason)')
    .option('--reason <text>', 'why (required unless --dry-run; recorded in the audit log)')
    .option('--ticket <ticket>', 'change ticket')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const selection = bulkSelection(id, options);
      if (!options.dryRun && options.reason === undefined) throw new CliError('--reason is required (only a --dry-run goes without one)');
      const headers = reasonHeaders(options);
      const priority = options.priority !== undefined ? { priority: options.priority } : {};
      if (selection) return runBulk(client, 'replay', { headers, body: { ...selection, ...priority } }, options.json);
      const key: Record<string, string> = options.idempotencyKey ? { 'Idempotency-Key': options.idempotencyKey } : {};
      const result = await client().request(ReplayDeadLetterResponse, 'POST', `${entryPath(id!)}/replay`, { headers: { ...headers, ...key }, body: priority });
      if (options.json) return printJson(result);
      const verb = result.created ? 'replayed' : 'already replayed with this key as';
      process.stdout.write(`${verb} ${result.entry.id}: new job ${result.job.id} (${result.job.state}, priority ${result.job.priority})\n`);
    });

  withFilterFlags(dlq.command('resolve').description('resolve one entry with a note, or many by --id or filter flags'), 'bulk filter: ')
    .argument('[id]', 'entry id (one entry)')
    .option('--id <id...>', 'these entries (bulk, up to 1,000)')
    .option('--note <text>', 'what was done about it (required unless --dry-run)')
    .option('--dry-run', 'bulk: only count the entries it would resolve (needs no --reason or --note)')
    .option('--reason <text>', 'why (required unless --dry-run; recorded in the audit log)')
    .option('--ticket <ticket>', 'change ticket (recorded with the resolution)')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const selection = bulkSelection(id, options);
      if (!options.dryRun && (options.reason === undefined || options.note === undefined))
        throw new CliError('--reason and --note are required (only a --dry-run goes without them)');
      const headers = reasonHeaders(options);
      const note = options.note !== undefined ? { note: options.note } : {};
      if (selection) return runBulk(client, 'resolve', { headers, body: { ...selection, ...note } }, options.json);
      const entry = await client().request(DeadLetterEntry, 'POST', `${entryPath(id!)}/resolve`, { headers, body: note });
      if (options.json) return printJson(entry);
      process.stdout.write(`resolved ${entry.id}\n`);
    });

  withFilterFlags(dlq.command('export').description('download the entries matching the filter flags (streamed to a file)'))
    .addOption(new Option('--format <format>', 'file format').choices(DEAD_LETTER_EXPORT_FORMATS).default('csv' as const))
    .requiredOption('--out <file>', 'file to write')
    .action(async (options) => {
      const query = new URLSearchParams({ ...deadLetterFilter(options), format: options.format });
      const bytes = await client().download(`/dead-letter/export?${query}`, options.out);
      process.stdout.write(`wrote ${bytes} bytes of ${options.format} to ${options.out}\n`);
    });
}
