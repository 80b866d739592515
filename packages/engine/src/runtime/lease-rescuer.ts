import type { EngineStore } from '../store/engine-store.ts';

const RESCUE_BATCH = 500;

/**
 * Every few seconds, requeues (or fails) running jobs whose lease expired. Every server process runs one, with or
 * without in-process workers, so jobs of a dead HTTP worker come back too; concurrent rescuers skip each other's rows.
 */
export class LeaseRescuer {
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EngineStore,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.rescueOnce(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private async rescueOnce(): Promise<void> {
    try {
      await this.store.rescueExpired(RESCUE_BATCH);
    } catch (error) {
      this.onError(error);
    }
  }
}
