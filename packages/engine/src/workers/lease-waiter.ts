import { JobNotifier } from '../runtime/job-notifier.ts';

/**
 * Lets long-polling lease requests sleep until jobs may be runnable: woken by the jobs channel's
 * notifications (one LISTEN connection for the whole server, opened on first use) or after the poll
 * interval, which also covers scheduled jobs coming due. Wake-ups only speed things up.
 */
export class LeaseWaiter {
  private readonly waiters = new Set<() => void>();
  private readonly notifier: JobNotifier | undefined;
  private listening: Promise<void> | undefined;
  private closed = false;
  /** Bumped by every wake; a waiter that saw an older value returns at once (no lost wake between claim and wait). */
  generation = 0;

  constructor(connectionString: string | undefined) {
    this.notifier = connectionString ? new JobNotifier(connectionString, () => this.wakeAll()) : undefined;
  }

  /** Starts listening (once) so that wakes after this call are seen. */
  async listen(): Promise<void> {
    if (this.closed) return;
    this.listening ??= this.notifier?.start() ?? Promise.resolve();
    await this.listening;
  }

  /** Resolves on a wake after `seenGeneration`, after `ms`, on `signal`, or when closed. */
  wait(seenGeneration: number, ms: number, signal: AbortSignal): Promise<void> {
    if (this.closed || signal.aborted || this.generation !== seenGeneration || ms <= 0) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener('abort', done);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
      this.waiters.add(done);
    });
  }

  /** Releases every waiter and stops listening. */
  async close(): Promise<void> {
    this.closed = true;
    this.wakeAll();
    await this.notifier?.stop();
  }

  private wakeAll(): void {
    this.generation++;
    for (const waiter of [...this.waiters]) waiter();
  }
}
