// The side-by-side benchmark (issue 8, engine-anchors §8): every system, workload, profile and trial, one child
// process per system trial (its workers are children of that), systems in rotated order per trial. Each workload
// writes results/<run>/<system>-<profile>-<workload>-t<trial>.json; the summary (summary.md) follows at the end.
//   npm run bench                   quick mode: 1 trial, durable (144 s on an idle 2-core machine, RESULTS.md)
//   npm run bench:standard          standard mode: 3 trials, durable and relaxed, larger counts and longer runs
//   … -- --trials 3 --profiles durable,relaxed --systems execops,graphile-worker --workloads W2,W3
//   … -- --out results/<run> --first-trial 1        continues a run that was cut short
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { environment } from './harness/environment-report.ts';
import { SYSTEM_IDS, type Profile } from './harness/types.ts';
import { WORKLOAD_IDS, type Mode } from './harness/workloads.ts';
import { summarize } from './summarize.ts';
import { loadSystem } from './systems/load.ts';
import type { TrialArgs } from './trial.ts';

const { values } = parseArgs({
  options: {
    mode: { type: 'string', default: 'quick' },
    trials: { type: 'string' },
    profiles: { type: 'string' },
    systems: { type: 'string', default: SYSTEM_IDS.join(',') },
    workloads: { type: 'string', default: WORKLOAD_IDS.join(',') },
    // Continue an interrupted run: its folder, and the first trial still to do.
    out: { type: 'string' },
    'first-trial': { type: 'string', default: '0' },
  },
});

function list<T extends string>(value: string, allowed: readonly T[], what: string): T[] {
  const items = value.split(',').filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new Error(`unknown ${what} ${item}; one of ${allowed.join(', ')}`);
  return items as T[];
}

const mode = list(values.mode, ['quick', 'standard'] as const, 'mode')[0] as Mode;
const trials = Number(values.trials ?? (mode === 'quick' ? 1 : 3));
const profiles = list(values.profiles ?? (mode === 'quick' ? 'durable' : 'durable,relaxed'), ['durable', 'relaxed'] as const, 'profile') as Profile[];
const systems = list(values.systems, SYSTEM_IDS, 'system');
const workloads = list(values.workloads, WORKLOAD_IDS, 'workload');

const firstTrial = Number(values['first-trial']);
const outDir = values.out ? path.resolve(values.out) : path.join(import.meta.dirname, 'results', new Date().toISOString().replace(/[:.]/g, '-'));
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, firstTrial === 0 ? 'run.json' : `run-from-trial-${firstTrial}.json`), `${JSON.stringify({ mode, trials, profiles, systems, workloads, environment: await environment() }, null, 2)}\n`);
console.log(`bench ${mode}: ${systems.length} systems × ${workloads.length} workloads × ${profiles.join('+')} × ${trials} trials → ${outDir}`);

const adapters = await Promise.all(systems.map(loadSystem));
const restores = await Promise.all(adapters.map((adapter) => adapter.prepareRun?.()));
try {
  // Trials outermost, so a run cut short still has every profile and system for the trials it finished.
  for (let trial = firstTrial; trial < trials; trial++) {
    for (const profile of profiles) {
      // A B C D / B C D A / …: no system always runs first (cold caches) or last (warm, or a tired machine).
      const order = systems.map((_, k) => systems[(k + trial) % systems.length]!);
      for (const system of order) {
        // A crashed trial leaves its workloads without a result file; the summary shows them as missing.
        await runTrial({ system, profile, trial, mode, workloads, outDir }).catch((error: unknown) => console.error(String(error)));
      }
    }
  }
} finally {
  for (const restore of restores) await restore?.();
}
const summary = await summarize(outDir);
writeFileSync(path.join(outDir, 'summary.md'), summary);
console.log(summary);

function runTrial(args: TrialArgs): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(import.meta.dirname, 'trial.ts'), JSON.stringify(args)], {
      cwd: import.meta.dirname,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${args.system} trial ${args.trial} exited with ${code}`))));
  });
}
