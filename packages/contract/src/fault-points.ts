/**
 * Crash injection for the reliability suite (docs/reliability.md). `faultPoint(name)` does nothing unless
 * `EXECOPS_FAULT_POINT` names it (`name`, or `name:N` for its N-th hit), and then kills this process with
 * SIGKILL: no cleanup, no flush, as a power cut or the OOM killer would. The variable is read once, so an
 * unarmed point costs one comparison. A Node-only subpath (`@execops/contract/fault-points`), kept out of the
 * package index the console bundles.
 */
export type FaultPointName =
  | 'after-claim'
  | 'mid-handler'
  | 'after-handler'
  | 'mid-batch-complete'
  | 'lease-extension'
  | 'dag-unblock'
  | 'cron-fire'
  | 'sdk-after-lease'
  | 'sdk-after-handler';

export const FAULT_POINT_ENV = 'EXECOPS_FAULT_POINT';

interface ArmedPoint {
  name: string;
  hit: number;
}

/** `name` or `name:N` (N ≥ 1); anything else arms nothing. */
export function parseFaultPoint(value: string | undefined): ArmedPoint | undefined {
  const match = /^([a-z-]+)(?::(\d+))?$/.exec(value?.trim() ?? '');
  if (!match?.[1]) return undefined;
  const hit = match[2] === undefined ? 1 : Number(match[2]);
  return hit >= 1 ? { name: match[1], hit } : undefined;
}

const armed = parseFaultPoint(process.env[FAULT_POINT_ENV]);
let hits = 0;

export function faultPoint(name: FaultPointName): void {
  if (armed?.name !== name || ++hits < armed.hit) return;
  process.kill(process.pid, 'SIGKILL');
}
