import { readFile } from 'node:fs/promises';
import { CreatePipelineResponse } from '@execops/contract';
import type { Command } from '@commander-js/extra-typings';
import { CliError } from '../api-client.ts';
import type { ClientFactory } from '../main.ts';
import { formatTable, printJson } from '../output.ts';

export function addPipelinesCommands(program: Command, client: ClientFactory): void {
  const pipelines = program.command('pipelines').description('submit dependency graphs of jobs');

  pipelines
    .command('create')
    .description('create a pipeline from a JSON file: {"nodes":[{"key","job":{…},"dependsOn":[keys],"onParentFailure"}]}')
    .requiredOption('--file <file>', 'the graph as JSON (the body of POST /api/v1/pipelines)')
    .option('--json', 'print the API answer as JSON')
    .action(async (options) => {
      const body = await readJsonFile(options.file);
      const result = await client().request(CreatePipelineResponse, 'POST', '/pipelines', { body });
      if (options.json) return printJson(result);
      process.stdout.write(`run ${result.runId}: ${result.jobs.length} job(s)\n`);
      const rows = result.jobs.map((j) => [j.key, j.job.id, j.job.jobType, j.created ? j.job.state : `${j.job.state} (existing)`]);
      process.stdout.write(`${formatTable(['KEY', 'ID', 'TYPE', 'STATE'], rows)}\n`);
    });
}

/** A request body from a JSON file, with a clear message when it cannot be read or parsed. */
export async function readJsonFile(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
}
