import { Run, RUN_STATES, RunActionResponse, RunPage, RunTrigger, Schedule, SchedulePage, SchedulePreview } from '@execops/contract';
import { Option, type Command } from '@commander-js/extra-typings';
import { CliError } from '../api-client.ts';
import type { ClientFactory } from '../main.ts';
import { jsonOption, operatorHeaders, reasonOption, ticketOption } from '../operator.ts';
import { parseIntegerOption, parseSinceOption } from '../options.ts';
import { formatTable, printJson } from '../output.ts';
import { readJsonFile } from './pipelines.ts';

const DONE = { pause: 'paused', resume: 'resumed', enable: 'enabled', disable: 'disabled', delete: 'deleted' } as const;


function printSchedule(s: Schedule): void {
  const state = !s.enabled ? 'disabled' : s.paused ? 'paused' : 'enabled';
  const lines = [
    `${s.name}  ${s.id}  (${state})`,
    `  cron      ${s.cron}  ${s.label}`,
    `  target    ${s.target.kind === 'job' ? `job ${s.target.job.jobType}` : `pipeline of ${s.target.pipeline.nodes.length} node(s)`}`,
    `  policies  misfire ${s.misfirePolicy} (max catch-up ${s.maxCatchUp}), overlap ${s.overlapPolicy}`,
    `  next      ${s.nextFireAt ?? '-'}`,
    `  last      ${s.lastFireAt ?? '-'}`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printPreview(p: SchedulePreview): void {
  process.stdout.write(`${p.label}\n${formatTable(['UTC', `LOCAL (${p.timezone})`], p.fires.map((f) => [f.at, f.local]))}\n`);
}

function printRun(r: Run): void {
  const counts = Object.entries(r.counts)
    .filter(([, n]) => n > 0)
    .map(([state, n]) => `${state} ${n}`)
    .join(', ');
  process.stdout.write(
    `run ${r.id}  ${r.state}  ${r.trigger}${r.scheduleName ? ` of ${r.scheduleName}` : ''}\n` +
      `  progress  ${r.progress.processed}/${r.progress.total}${counts ? `  (${counts})` : ''}\n` +
      `  fire at   ${r.fireAt ?? '-'}\n  created   ${r.createdAt}\n  finished  ${r.finishedAt ?? '-'}\n`,
  );
}

export function addSchedulesCommands(program: Command, client: ClientFactory): void {
  const schedules = program.command('schedules').description('cron schedules that start runs of a job or a pipeline');
  const path = (id: string, action = '') => `/schedules/${encodeURIComponent(id)}${action}`;

  schedules
    .command('list')
    .description('schedules, newest first')
    .option('--text <text>', 'match name or description')
    .option('--limit <n>', 'at most this many (default 50)', parseIntegerOption)
    .addOption(jsonOption())
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.text) query.set('text', options.text);
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      const page = await client().request(SchedulePage, 'GET', `/schedules?${query}`);
      if (options.json) return printJson(page);
      const rows = page.items.map((s) => [s.id, s.name, s.cron, s.timezone, !s.enabled ? 'disabled' : s.paused ? 'paused' : 'enabled', s.nextFireAt ?? '-']);
      process.stdout.write(`${formatTable(['ID', 'NAME', 'CRON', 'ZONE', 'STATE', 'NEXT'], rows)}\n`);
    });

  schedules
    .command('get')
    .argument('<id>', 'schedule id')
    .addOption(jsonOption())
    .action(async (id, options) => {
      const schedule = await client().request(Schedule, 'GET', path(id));
      if (options.json) return printJson(schedule);
      printSchedule(schedule);
    });

  schedules
    .command('create')
    .description('create a schedule from a JSON file (the body of POST /api/v1/schedules)')
    .requiredOption('--file <file>', '{"name","cron","timezone","target":{"kind":"job","job":{…}},"misfirePolicy","overlapPolicy"}')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (options) => {
      const body = await readJsonFile(options.file);
      const schedule = await client().request(Schedule, 'POST', '/schedules', { body, headers: operatorHeaders(options) });
      if (options.json) return printJson(schedule);
      printSchedule(schedule);
    });

  schedules
    .command('preview')
    .description('the next 10 fire times: of a saved schedule (<id>) or of --cron and --timezone')
    .argument('[id]', 'schedule id')
    .option('--cron <cron>', '5 fields, or 6 with seconds first')
    .option('--timezone <zone>', 'IANA time zone (default UTC)')
    .addOption(jsonOption())
    .action(async (id, options) => {
      if (!id && !options.cron) throw new CliError('name a schedule id, or give --cron (and --timezone) to preview an unsaved one');
      const preview = id
        ? await client().request(SchedulePreview, 'GET', path(id, '/preview'))
        : await client().request(SchedulePreview, 'POST', '/schedules/preview', {
            body: { cron: options.cron, ...(options.timezone ? { timezone: options.timezone } : {}) },
          });
      if (options.json) return printJson(preview);
      printPreview(preview);
    });

  schedules
    .command('trigger')
    .description('start a manual run now')
    .argument('<id>', 'schedule id')
    .addOption(reasonOption())
    .addOption(ticketOption())
    .addOption(jsonOption())
    .action(async (id, options) => {
      const run = await client().request(Run, 'POST', path(id, '/trigger'), { headers: operatorHeaders(options) });
      if (options.json) return printJson(run);
      printRun(run);
    });

  const change = (name: keyof typeof DONE, description: string) =>
    schedules
      .command(name)
      .description(description)
      .argument('<id>', 'schedule id')
      .addOption(reasonOption())
      .addOption(ticketOption())
      .addOption(jsonOption())
      .action(async (id, options) => {
        const headers = operatorHeaders(options);
        const schedule =
          name === 'delete'
            ? await client().request(Schedule, 'DELETE', path(id), { headers })
            : await client().request(Schedule, 'POST', path(id, `/${name}`), { headers });
        if (options.json) return printJson(schedule);
        process.stdout.write(`${DONE[name]} ${schedule.name}\n`);
        if (name !== 'delete') printSchedule(schedule);
      });
  change('pause', 'stop firing until resumed (missed slots then follow the misfire policy)');
  change('resume', 'fire again');
  change('enable', 'fire from the next slot after now');
  change('disable', 'stop firing; enabling later starts from then (no catch-up)');
  change('delete', 'delete a schedule; its runs stay');

  addRunsCommands(program, client);
}

function addRunsCommands(program: Command, client: ClientFactory): void {
  const runs = program.command('runs').description('runs started by schedules and manual triggers');
  const path = (id: string, action = '') => `/runs/${encodeURIComponent(id)}${action}`;

  runs
    .command('list')
    .description('runs, newest first')
    .option('--schedule <id>', 'runs of this schedule')
    .addOption(new Option('--state <states>', `comma-separated: ${RUN_STATES.join(', ')}`))
    .addOption(new Option('--trigger <triggers>', `comma-separated: ${RunTrigger.options.join(', ')}`))
    .option('--since <duration>', 'created within, e.g. 15m, 2h, 7d', (v) => parseSinceOption(v))
    .option('--limit <n>', 'at most this many (default 50)', parseIntegerOption)
    .addOption(jsonOption())
    .action(async (options) => {
      const query = new URLSearchParams();
      if (options.schedule) query.set('scheduleId', options.schedule);
      if (options.state) query.set('state', options.state);
      if (options.trigger) query.set('trigger', options.trigger);
      if (options.since) query.set('createdAfter', options.since);
      if (options.limit !== undefined) query.set('limit', String(options.limit));
      const page = await client().request(RunPage, 'GET', `/runs?${query}`);
      if (options.json) return printJson(page);
      const rows = page.items.map((r) => [r.id, r.state, r.trigger, r.scheduleName ?? '-', `${r.progress.processed}/${r.progress.total}`, r.fireAt ?? r.createdAt]);
      process.stdout.write(`${formatTable(['ID', 'STATE', 'TRIGGER', 'SCHEDULE', 'DONE', 'AT'], rows)}\n`);
    });

  runs
    .command('get')
    .argument('<id>', 'run id')
    .addOption(jsonOption())
    .action(async (id, options) => {
      const run = await client().request(Run, 'GET', path(id));
      if (options.json) return printJson(run);
      printRun(run);
    });

  const act = (name: 'cancel' | 'retry-failed', description: string, done: string) =>
    runs
      .command(name)
      .description(description)
      .argument('<id>', 'run id')
      .addOption(reasonOption())
      .addOption(ticketOption())
      .addOption(jsonOption())
      .action(async (id, options) => {
        const result = await client().request(RunActionResponse, 'POST', path(id, `/${name}`), { headers: operatorHeaders(options) });
        if (options.json) return printJson(result);
        process.stdout.write(`${done} ${result.jobIds.length} job(s)\n`);
        printRun(result.run);
      });
  act('cancel', "cancel the run's unfinished jobs (running ones are asked to stop)", 'canceled');
  act('retry-failed', "replay the run's failed jobs into the same run", 'replayed');
}
