// Turns one run's JSON files into markdown: per profile and workload, the median [min–max] over trials of each
// metric, the ratio of each system's median to graphile-worker's in the same run, and the history checker's
// lost and duplicates (the worst trial). A system with lost jobs has its throughput struck out (engine-anchors §8.6).
//   npm run summarize -- results/<run>
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { History } from './harness/history.ts';
import { spread, type Spread } from './harness/stats.ts';
import { SYSTEM_IDS, type Profile, type SystemId } from './harness/types.ts';
import { WORKLOAD_IDS, type WorkloadId } from './harness/workloads.ts';

interface TrialResult {
  system: SystemId;
  profile: Profile;
  workload: WorkloadId;
  trial: number;
  metrics: Record<string, unknown>;
  history: History | null;
}

interface MetricDef {
  label: string;
  pick: (m: Record<string, unknown>) => number | null;
  digits: number;
  /** Ratio to graphile-worker shown for throughput and latency metrics. */
  ratio: boolean;
}

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const at = (m: Record<string, unknown>, ...keys: string[]): unknown => keys.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), m);

const METRICS: Record<WorkloadId, MetricDef[]> = {
  W0: [{ label: 'W0 smoke: drain (jobs/s)', pick: (m) => num(m.drainPerSecond), digits: 0, ratio: false }],
  W1: [
    { label: 'W1a enqueue, single adds, sequential (adds/s)', pick: (m) => num(m.singlePerSecond), digits: 0, ratio: true },
    { label: 'W1a add latency p50 (ms)', pick: (m) => num(at(m, 'addLatencyMs', 'p50')), digits: 2, ratio: true },
    { label: 'W1b enqueue, 16 concurrent producers (adds/s)', pick: (m) => num(m.concurrentPerSecond), digits: 0, ratio: true },
    { label: 'W1c enqueue, bulk of 500 (adds/s)', pick: (m) => num(m.bulkPerSecond), digits: 0, ratio: true },
  ],
  W2: [
    { label: 'W2a burn-down, no-op (jobs/s)', pick: (m) => num(m.drainPerSecond), digits: 0, ratio: true },
    { label: 'W2a transactions per job', pick: (m) => num(m.txPerJob), digits: 2, ratio: false },
  ],
  W3: [
    { label: 'W3 idle enqueue → start p50 (ms)', pick: (m) => num(at(m, 'latencyMs', 'p50')), digits: 2, ratio: true },
    { label: 'W3 idle enqueue → start p95 (ms)', pick: (m) => num(at(m, 'latencyMs', 'p95')), digits: 2, ratio: false },
    { label: 'W3 idle enqueue → start p99 (ms)', pick: (m) => num(at(m, 'latencyMs', 'p99')), digits: 2, ratio: false },
  ],
  W4: [
    { label: 'W4 open loop: enqueue → start p50 (ms)', pick: (m) => num(at(m, 'latencyMs', 'p50')), digits: 2, ratio: true },
    { label: 'W4 open loop: enqueue → start p99 (ms)', pick: (m) => num(at(m, 'latencyMs', 'p99')), digits: 2, ratio: false },
  ],
  W6: [
    { label: 'W6 kill -9: orphaned at kill', pick: (m) => num(m.orphanedAtKill), digits: 0, ratio: false },
    { label: 'W6 kill -9: first re-run after kill (s)', pick: (m) => num(m.recoverySeconds), digits: 1, ratio: false },
  ],
  W7: [
    { label: 'W7 retries: dead-lettered (history / system)', pick: (m) => num(m.deadInSystem), digits: 0, ratio: false },
    { label: 'W7 retries: wall time (s)', pick: (m) => num(m.seconds), digits: 1, ratio: false },
  ],
};

const fmt = (value: number, digits: number) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const cell = (s: Spread | null, digits: number) => (s ? (s.n === 1 ? fmt(s.median, digits) : `${fmt(s.median, digits)} [${fmt(s.min, digits)}–${fmt(s.max, digits)}]`) : 'n/a');

export async function summarize(runDir: string): Promise<string> {
  const results = readdirSync(runDir)
    .filter((f) => /-t\d+\.json$/.test(f))
    .map((f) => JSON.parse(readFileSync(path.join(runDir, f), 'utf8')) as TrialResult);
  const systems = SYSTEM_IDS.filter((s) => results.some((r) => r.system === s));
  const profiles = (['durable', 'relaxed'] as const).filter((p) => results.some((r) => r.profile === p));
  const lines: string[] = [];
  for (const profile of profiles) {
    lines.push(`### ${profile} profile`, '', `| workload / metric | ${systems.join(' | ')} |`, `|---|${systems.map(() => '---|').join('')}`);
    for (const workload of WORKLOAD_IDS) {
      const of = (system: SystemId) => results.filter((r) => r.profile === profile && r.workload === workload && r.system === system);
      if (systems.every((s) => of(s).length === 0)) continue;
      for (const def of METRICS[workload]) {
        const spreads = new Map(systems.map((s) => [s, spread(of(s).map((r) => def.pick(r.metrics)).filter((v): v is number => v !== null))]));
        const reference = spreads.get('graphile-worker')?.median;
        const cells = systems.map((s) => {
          const value = spreads.get(s) ?? null;
          const text = cell(value, def.digits);
          const ratio = def.ratio && value && reference ? ` (${(value.median / reference).toFixed(2)}×)` : '';
          const disqualified = of(s).some((r) => (r.history?.lost ?? 0) > 0) && def.ratio && workload !== 'W6';
          return disqualified ? `~~${text}~~${ratio}` : `${text}${ratio}`;
        });
        lines.push(`| ${def.label} | ${cells.join(' | ')} |`);
      }
      const correctness = systems.map((s) => {
        const trials = of(s);
        if (trials.length === 0) return 'n/a';
        const errors = trials.filter((r) => !r.history).length;
        const worst = (key: keyof History) => Math.max(...trials.map((r) => r.history?.[key] ?? 0));
        const dead = workload === 'W7' ? `, dead ${Math.min(...trials.map((r) => r.history?.dead ?? 0))}–${worst('dead')}` : '';
        return `${errors > 0 ? `${errors} failed, ` : ''}lost ${worst('lost')}, dup ${worst('duplicates')}${dead}`;
      });
      lines.push(`| ${workload} history (worst trial) | ${correctness.join(' | ')} |`);
    }
    lines.push('');
  }
  lines.push('Cells: median [min–max] over trials; (×) = ratio to graphile-worker\'s median in the same run (for latency, lower is better). Struck-out figures come from trials that lost jobs.');
  return `${lines.join('\n')}\n`;
}

if (import.meta.filename === process.argv[1]) {
  const runDir = process.argv[2];
  if (!runDir) throw new Error('usage: npm run summarize -- results/<run>');
  process.stdout.write(await summarize(runDir));
}
