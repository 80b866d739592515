/** Runs a task every `intervalMs` on a timer that keeps no process alive, one run at a time; errors go to `onError`. */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private run: Promise<void> | undefined;

  constructor(
    private readonly task: () => Promise<unknown>,
    private readonly intervalMs: number,
    private readonly onError: (error: unknown) => void = () => undefined,
  ) {}

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.runOnce(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops the timer and waits for a run in flight, so nothing of this task touches the database afterwards. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.run;
  }

  private runOnce(): void {
    // Through a promise, so a task that throws before returning one still reaches onError.
    this.run ??= Promise.resolve()
      .then(() => this.task())
      .then(
        () => undefined,
        (error: unknown) => this.onError(error),
      )
      .finally(() => (this.run = undefined));
  }
}
