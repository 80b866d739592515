import { JobDag } from '@execops/contract';
import type { Command } from '@commander-js/extra-typings';
import type { ClientFactory } from '../main.ts';
import { formatDuration, formatTable, printJson } from '../output.ts';

export function addJobDagCommand(jobs: Command, client: ClientFactory): void {
  jobs
    .command('dag')
    .description('show the dependency graph around a job: its ancestors and descendants, * marks the critical path')
    .argument('<id>', 'job id')
    .option('--json', 'print the API answer as JSON')
    .action(async (id, options) => {
      const dag = await client().request(JobDag, 'GET', `/jobs/${encodeURIComponent(id)}/dag`);
      if (options.json) return printJson(dag);
      const critical = new Set(dag.criticalPath);
      const parents = new Map<string, number>();
      for (const edge of dag.edges) parents.set(edge.child, (parents.get(edge.child) ?? 0) + 1);
      const rows = dag.nodes.map((n) => [
        critical.has(n.id) ? '*' : '',
        n.id === dag.rootId ? `${n.id} (this job)` : n.id,
        n.jobType,
        n.state,
        `${n.attempt}/${n.maxAttempts}`,
        formatDuration(n.durationMs),
        String(parents.get(n.id) ?? 0),
      ]);
      process.stdout.write(`${formatTable(['CP', 'ID', 'TYPE', 'STATE', 'ATTEMPT', 'DURATION', 'PARENTS'], rows)}\n`);
      const byId = new Map(dag.nodes.map((n) => [n.id, n]));
      const total = dag.criticalPath.reduce((sum, nodeId) => sum + (byId.get(nodeId)?.durationMs ?? 0), 0);
      process.stdout.write(`${dag.nodes.length} job(s), ${dag.edges.length} edge(s); critical path: ${dag.criticalPath.length} job(s), ${formatDuration(total)}\n`);
      if (dag.truncated) process.stdout.write(`truncated: more jobs are connected; these are the nearest ${dag.nodes.length}\n`);
    });
}
