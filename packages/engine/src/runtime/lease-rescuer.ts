import type { EngineStore } from '../store/engine-store.ts';
import { PeriodicTask } from './periodic-task.ts';

const RESCUE_BATCH = 500;

/**
 * Every few seconds, requeues (or fails) running jobs whose lease expired. Every server process runs one, with or
 * without in-process workers, so jobs of a dead HTTP worker come back too; concurrent rescuers skip each other's rows.
 */
export class LeaseRescuer extends PeriodicTask {
  constructor(store: EngineStore, intervalMs: number, onError?: (error: unknown) => void) {
    super(() => store.rescueExpired(RESCUE_BATCH), intervalMs, onError);
  }
}
