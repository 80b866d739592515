/**
 * `RELIABILITY=full` runs every crash point at several hits and the longer multi-node run; the default smoke
 * mode (what `npm test` and CI run) one hit per point. `RELIABILITY_ITERATIONS` sets full mode's hits (default 5).
 */
export function reliabilityMode(env: NodeJS.ProcessEnv = process.env): { name: 'smoke' | 'full'; full: boolean; iterations: number } {
  const full = env.RELIABILITY === 'full';
  const iterations = Number(env.RELIABILITY_ITERATIONS ?? 5);
  if (!Number.isInteger(iterations) || iterations < 1) throw new Error(`RELIABILITY_ITERATIONS must be a positive integer, not ${env.RELIABILITY_ITERATIONS}`);
  return { name: full ? 'full' : 'smoke', full, iterations: full ? iterations : 1 };
}
