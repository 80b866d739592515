import type { Parameters } from 'fast-check';

/** `RELIABILITY=full` runs the property suites long; the default is the bounded smoke mode CI runs. */
export const RELIABILITY_FULL = process.env.RELIABILITY === 'full';

/**
 * fast-check parameters for a reliability property: `smoke` runs by default, `full` under `RELIABILITY=full`.
 * `RELIABILITY_SEED` replays a failure (fast-check prints the seed and path of every counterexample it finds).
 */
export function reliabilityRuns<T>(runs: { smoke: number; full: number }): Parameters<T> {
  const seed = process.env.RELIABILITY_SEED;
  return { numRuns: RELIABILITY_FULL ? runs.full : runs.smoke, ...(seed ? { seed: Number(seed) } : {}) };
}
