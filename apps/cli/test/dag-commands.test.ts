import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { CreatePipelineResponse, JobDag, type CreatePipelineRequest } from '@execops/contract';
import { DagResolver } from '@execops/engine';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
const execops = (...args: string[]) => runCli(live.server, ...args);
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'execops-cli-dag-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function graphFile(name: string, content: CreatePipelineRequest | string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const chain = (prefix: string): CreatePipelineRequest => ({
  nodes: [
    { key: 'extract', job: { jobType: `${prefix}.extract` } },
    { key: 'load', job: { jobType: `${prefix}.load` }, dependsOn: ['extract'] },
    { key: 'report', job: { jobType: `${prefix}.report` }, dependsOn: ['load'] },
    { key: 'notify', job: { jobType: `${prefix}.notify` }, dependsOn: ['extract'] },
  ],
});

async function claim(jobType: string) {
  const [claimed] = await live.store.claim({ workerId: 'cli-test', jobTypes: [jobType], limit: 1, leaseSeconds: 30 });
  if (!claimed) throw new Error(`nothing to claim for ${jobType}`);
  return claimed;
}

const resolve = () => new DagResolver({ pool: live.db.pool }).resolvePending();

describe('execops pipelines create', () => {
  it('posts the file and prints the run id and each job id by key', async () => {
    const created = await execops('pipelines', 'create', '--file', await graphFile('chain.json', chain('cli.pipe')));
    expect(created.code).toBe(0);
    const [header, columns, ...rows] = created.stdout.trimEnd().split('\n');
    const runId = /^run ([0-9a-f-]{36}): 4 job\(s\)$/.exec(header ?? '')?.[1];
    expect(runId).toBeDefined();
    expect(columns).toMatch(/^KEY\s+ID\s+TYPE\s+STATE$/);
    expect(rows.map((r) => r.split(/\s+/))).toEqual([
      ['extract', expect.stringMatching(/^[0-9a-f-]{36}$/), 'cli.pipe.extract', 'queued'],
      ['load', expect.any(String), 'cli.pipe.load', 'blocked'],
      ['report', expect.any(String), 'cli.pipe.report', 'blocked'],
      ['notify', expect.any(String), 'cli.pipe.notify', 'blocked'],
    ]);
    const { rows: jobs } = await live.db.pool.query('SELECT id FROM jobs WHERE run_id = $1', [runId]);
    expect(jobs.map((j) => j.id).sort()).toEqual(rows.map((r) => r.split(/\s+/)[1]).sort());
  });

  it('prints the API answer with --json', async () => {
    const created = await execops('pipelines', 'create', '--file', await graphFile('json.json', chain('cli.pipe-json')), '--json');
    const answer = CreatePipelineResponse.parse(JSON.parse(created.stdout));
    expect(answer.jobs.map((j) => j.key)).toEqual(['extract', 'load', 'report', 'notify']);
  });

  it('exits non-zero with the API message and trace id for a cycle, and with the file’s problem for a bad file', async () => {
    const cycle = await graphFile('cycle.json', {
      nodes: [
        { key: 'a', job: { jobType: 'cli.cycle' }, dependsOn: ['b'] },
        { key: 'b', job: { jobType: 'cli.cycle' }, dependsOn: ['a'] },
      ],
    });
    const refused = await execops('pipelines', 'create', '--file', cycle);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/cycle .*a → b → a \(validation_failed, HTTP 422, traceId [0-9a-f]{16}\)/);
    const { rows } = await live.db.pool.query(`SELECT 1 FROM jobs WHERE job_type = 'cli.cycle'`);
    expect(rows).toEqual([]);

    const broken = await execops('pipelines', 'create', '--file', await graphFile('broken.json', '{"nodes": ['));
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/broken\.json is not valid JSON/);
    const missing = await execops('pipelines', 'create', '--file', path.join(dir, 'missing.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/cannot read .*missing\.json/);
    const noFile = await execops('pipelines', 'create');
    expect(noFile.code).not.toBe(0);
    expect(noFile.stderr).toMatch(/--file/);
  });
});

describe('execops jobs dag', () => {
  it('prints the graph with states, durations and the critical path marked', async () => {
    const created = CreatePipelineResponse.parse(
      JSON.parse((await execops('pipelines', 'create', '--file', await graphFile('dag.json', chain('cli.dag')), '--json')).stdout),
    );
    const [extract, load, report, notify] = created.jobs.map((j) => j.job.id) as [string, string, string, string];
    await live.store.complete(await claim('cli.dag.extract'), { ok: true });
    await resolve();

    const shown = await execops('jobs', 'dag', extract);
    expect(shown.code).toBe(0);
    const lines = shown.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CP\s+ID\s+TYPE\s+STATE\s+ATTEMPT\s+DURATION\s+PARENTS$/);
    const row = (id: string) => lines.find((l) => l.includes(id)) ?? '';
    expect(row(extract)).toMatch(new RegExp(`^\\*\\s+${extract} \\(this job\\)\\s+cli\\.dag\\.extract\\s+succeeded\\s+1/5\\s+\\d+ ms\\s+0$`));
    expect(row(load)).toMatch(new RegExp(`^\\*\\s+${load}\\s+cli\\.dag\\.load\\s+queued\\s+0/5\\s+-\\s+1$`));
    expect(row(report)).toMatch(/^\*\s+\S+\s+cli\.dag\.report\s+blocked\s+0\/5\s+-\s+1$/);
    expect(row(notify)).toMatch(/^\s+\S+\s+cli\.dag\.notify\s+queued/);
    expect(lines.at(-1)).toMatch(/^4 job\(s\), 3 edge\(s\); critical path: 3 job\(s\), \d+ ms$/);

    const json = JobDag.parse(JSON.parse((await execops('jobs', 'dag', report, '--json')).stdout));
    expect(json).toMatchObject({ rootId: report, criticalPath: [extract, load, report] });
  });

  it('exits non-zero with the API message for an unknown job', async () => {
    const unknown = await execops('jobs', 'dag', '0190a5c4-0000-7000-8000-000000000000');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/not found.*traceId/);
  });
});

describe('execops jobs replay --with-downstream', () => {
  it('replays a failed job in its place and lists the skipped descendants it put back to blocked', async () => {
    const created = CreatePipelineResponse.parse(
      JSON.parse((await execops('pipelines', 'create', '--file', await graphFile('replay.json', chain('cli.down')), '--json')).stdout),
    );
    const [extract, load, report, notify] = created.jobs.map((j) => j.job.id) as [string, string, string, string];
    await live.store.fail({ ...(await claim('cli.down.extract')), error: { code: 'bad', message: 'bad input', class: 'permanent', retryable: false } });
    await resolve();

    const replayed = await execops('jobs', 'replay', extract, '--with-downstream', '--reason', 'input fixed', '--ticket', 'OPS-7');
    expect(replayed.code).toBe(0);
    const [first, second, ...ids] = replayed.stdout.trimEnd().split('\n');
    expect(first).toMatch(new RegExp(`^replayed ${extract} as [0-9a-f-]{36} \\(priority -100, queued\\)$`));
    expect(second).toBe('3 skipped descendant(s) back to blocked:');
    expect(ids.sort()).toEqual([load, report, notify].sort());
    const state = async (id: string) => JSON.parse((await execops('jobs', 'get', id, '--json')).stdout).state;
    expect(await state(report)).toBe('blocked');

    const again = await execops('jobs', 'replay', extract, '--with-downstream', '--reason', 'once more');
    expect(again.stdout).toMatch(/\nno skipped descendants to reset\n$/);
  });
});
