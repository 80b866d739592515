import type { RegisterWorkerRequest, WorkerInfo, WorkerLabels, WorkerState } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import {
  COUNT_ATTEMPT_SQL,
  DEREGISTER_WORKER_SQL,
  LIST_WORKERS_SQL,
  REGISTER_WORKER_SQL,
  SET_WORKER_STATE_SQL,
  TOUCH_WORKER_BY_LEASE_SQL,
  TOUCH_WORKER_SQL,
} from './worker-sql.ts';

export class WorkerNotFoundError extends Error {
  constructor(readonly workerId: string) {
    super(`worker ${workerId} is not registered (or has deregistered); register again`);
    this.name = 'WorkerNotFoundError';
  }
}

interface WorkerRow {
  id: string;
  tenant: string | null;
  name: string;
  host: string;
  pid: number | null;
  version: string | null;
  job_types: string[];
  concurrency: number;
  labels: WorkerLabels;
  effective_state: WorkerState;
  started_at: Date;
  heartbeat_at: Date;
  active_jobs: number;
  processed: number;
  failed: number;
}

/** The `workers` table: one row per worker process, kept fresh by its calls. */
export class WorkerRegistry {
  constructor(private readonly db: Queryable) {}

  async register(request: RegisterWorkerRequest): Promise<string> {
    const id = uuidv7();
    await this.db.query(REGISTER_WORKER_SQL, [
      id,
      request.tenant ?? null,
      request.name,
      request.host,
      request.pid ?? null,
      request.version ?? null,
      request.jobTypes,
      request.concurrency,
      JSON.stringify(request.labels ?? {}),
    ]);
    return id;
  }

  /** Records that the worker is alive; returns its state. Throws `WorkerNotFoundError`. */
  async touch(workerId: string, activeJobs?: number): Promise<{ state: WorkerState; heartbeatAt: Date }> {
    const { rows } = await this.db.query<{ state: WorkerState; heartbeat_at: Date }>(TOUCH_WORKER_SQL, [workerId, activeJobs ?? null]);
    const row = rows[0];
    if (!row) throw new WorkerNotFoundError(workerId);
    return { state: row.state, heartbeatAt: row.heartbeat_at };
  }

  /** A job heartbeat is also a sign of life of the worker holding the lease. */
  async touchByLease(leaseId: string): Promise<void> {
    await this.db.query(TOUCH_WORKER_BY_LEASE_SQL, [leaseId]);
  }

  /** Counts a finished attempt for the worker that held `leaseId`. */
  async countAttempt(leaseId: string, failed: boolean): Promise<void> {
    await this.db.query(COUNT_ATTEMPT_SQL, [leaseId, failed ? 1 : 0]);
  }

  async deregister(workerId: string): Promise<void> {
    const { rows } = await this.db.query(DEREGISTER_WORKER_SQL, [workerId]);
    if (rows.length === 0) throw new WorkerNotFoundError(workerId);
  }

  /** Draining workers are leased nothing until set active again. */
  async setState(workerId: string, state: 'active' | 'draining'): Promise<void> {
    const { rows } = await this.db.query(SET_WORKER_STATE_SQL, [workerId, state]);
    if (rows.length === 0) throw new WorkerNotFoundError(workerId);
  }

  /** Most recently seen first, with stale/offline derived from heartbeat age. */
  async list(limit = 500): Promise<WorkerInfo[]> {
    const { rows } = await this.db.query<WorkerRow>(LIST_WORKERS_SQL, [limit]);
    return rows.map((row) => ({
      id: row.id,
      tenant: row.tenant,
      name: row.name,
      host: row.host,
      pid: row.pid,
      version: row.version,
      jobTypes: row.job_types,
      concurrency: row.concurrency,
      labels: row.labels,
      state: row.effective_state,
      startedAt: row.started_at.toISOString(),
      heartbeatAt: row.heartbeat_at.toISOString(),
      activeJobs: row.active_jobs,
      processed: row.processed,
      failed: row.failed,
    }));
  }
}
