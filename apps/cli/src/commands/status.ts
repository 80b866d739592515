import { Overview, type AreaLink } from '@execops/contract';
import type { Command } from '@commander-js/extra-typings';
import type { ClientFactory } from '../main.ts';
import { formatTable, printJson } from '../output.ts';

/** The console path a deep link opens, with its filter: `/ops/operations/dead-letter/queue?status=open`. */
function linkPath(link: AreaLink): string {
  const query = new URLSearchParams(link.search).toString();
  return query ? `${link.to}?${query}` : link.to;
}

/** `execops status`: the Jobs & Queues overview in a terminal (the same answer as GET /api/v1/overview). */
export function addStatusCommand(program: Command, client: ClientFactory): void {
  program
    .command('status')
    .description('every area (JobEngine, Scheduler, Dead-Letter, Quotas, Worker fleet, Scanner): BLOCKING, DEGRADED or INFO and why')
    .option('--json', 'print the API answer as JSON')
    .action(async (options) => {
      const overview = await client().request(Overview, 'GET', '/overview');
      if (options.json) return printJson(overview);
      process.stdout.write(`tenant ${overview.tenant}: ${overview.status}\n\n`);
      process.stdout.write(`${formatTable(['AREA', 'STATUS', 'SUMMARY'], overview.areas.map((a) => [a.title, a.status, a.summary]))}\n`);
      const reasons = overview.areas.flatMap((a) => a.reasons.map((r) => [r.status, a.title, r.message, r.link ? linkPath(r.link) : '-']));
      if (reasons.length) process.stdout.write(`\n${formatTable(['STATUS', 'AREA', 'REASON', 'CONSOLE'], reasons)}\n`);
    });
}
