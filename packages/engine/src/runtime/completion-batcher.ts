import { faultPoint } from '@execops/contract/fault-points';
import type { Completion, EngineStore } from '../store/engine-store.ts';
import { LeaseLostError } from '../store/errors.ts';

interface Pending {
  completion: Completion;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Gathers completions for a few milliseconds and records them in one statement (one commit for many jobs,
 * the main throughput lever of Postgres queues). Each caller still learns its own outcome.
 */
export class CompletionBatcher {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: EngineStore,
    private readonly maxBatch: number,
    private readonly delayMs: number,
  ) {}

  complete(completion: Completion): Promise<void> {
    const done = new Promise<void>((resolve, reject) => this.pending.push({ completion, resolve, reject }));
    if (this.pending.length >= this.maxBatch) this.flushNow();
    else this.timer ??= setTimeout(() => this.flushNow(), this.delayMs);
    return done;
  }

  private flushNow(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.pending;
    if (batch.length === 0) return;
    this.pending = [];
    void this.record(batch);
  }

  private async record(batch: readonly Pending[]): Promise<void> {
    try {
      const lost = new Set((await this.store.completeBatch(batch.map((p) => p.completion))).map((l) => l.leaseId));
      // Committed, but no caller has learned it yet: the "did it commit?" gap.
      faultPoint('mid-batch-complete');
      for (const { completion, resolve, reject } of batch) {
        if (lost.has(completion.leaseId)) reject(new LeaseLostError(completion.jobId, completion.leaseId));
        else resolve();
      }
    } catch (error) {
      for (const { reject } of batch) reject(error);
    }
  }
}
