import { faultPoint } from '@execops/contract/fault-points';
import { withTransaction, type Pool } from '../db/pool.ts';
import { JobNotifier } from '../runtime/job-notifier.ts';
import { settle } from './dag-edges.ts';
import { RESOLVE_SQL } from './dag-sql.ts';

/** The channel the `jobs_dag_parent_finished` trigger (migration 004) notifies when a parent with children finishes. */
export const DAG_CHANNEL = 'execops_dag';

export interface DagResolverOptions {
  pool: Pool;
  /** Enables wake-ups on NOTIFY; without it the resolver only polls. */
  connectionString?: string;
  /** Polling backstop. Default 1,000. */
  intervalMs?: number;
  /** Parents resolved per transaction. Default 500. */
  batchSize?: number;
  onError?: (error: unknown) => void;
}

/**
 * Tells children about their finished parents, off the completion path: counters down, then blocked children
 * queued or skipped. Any number of resolvers may run (one per server process); each parent is resolved by
 * exactly one of them, in the transaction that clears its mark.
 */
export class DagResolver {
  private readonly pool: Pool;
  private readonly intervalMs: number;
  private readonly batchSize: number;
  private readonly onError: (error: unknown) => void;
  private readonly notifier: JobNotifier | undefined;
  private timer: NodeJS.Timeout | undefined;
  private pass: Promise<void> | undefined;
  private passRequested = false;

  constructor(options: DagResolverOptions) {
    this.pool = options.pool;
    this.intervalMs = options.intervalMs ?? 1_000;
    this.batchSize = options.batchSize ?? 500;
    this.onError = options.onError ?? (() => undefined);
    this.notifier = options.connectionString ? new JobNotifier(options.connectionString, () => this.wake(), DAG_CHANNEL) : undefined;
  }

  async start(): Promise<void> {
    if (this.timer) return;
    this.timer = setInterval(() => this.wake(), this.intervalMs);
    this.timer.unref();
    await this.notifier?.start();
    this.wake();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.notifier?.stop();
    await this.pass;
  }

  /**
   * Resolves every finished parent waiting now, and the parents that skipping their children finishes in turn;
   * returns how many parents it resolved.
   */
  async resolvePending(): Promise<number> {
    let total = 0;
    for (;;) {
      const resolved = await this.resolveBatch();
      if (resolved === 0) return total;
      total += resolved;
    }
  }

  /** Runs one pass at a time; a wake-up during a pass asks for another right after it. */
  private wake(): void {
    if (!this.timer) return;
    if (this.pass) {
      this.passRequested = true;
      return;
    }
    this.pass = (async () => {
      do {
        this.passRequested = false;
        await this.resolvePending().catch(this.onError);
      } while (this.passRequested && this.timer);
    })().finally(() => {
      this.pass = undefined;
    });
  }

  private resolveBatch(): Promise<number> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<{ parents: number; children: string[] }>(RESOLVE_SQL, [this.batchSize]);
      const row = rows[0];
      if (!row) return 0;
      if (row.parents > 0) faultPoint('dag-unblock');
      await settle(client, row.children);
      return row.parents;
    });
  }
}
