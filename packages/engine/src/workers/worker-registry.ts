import type {
  ListWorkersQuery,
  OperatorContext,
  RegisterWorkerRequest,
  WorkerActiveJob,
  WorkerInfo,
  WorkerLabels,
  WorkerList,
  WorkerState,
} from '@execops/contract';
import { WORKER_STATES } from '@execops/contract';
import { recordAudit } from '../audit/audit-log.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import { uuidv7 } from '../ids.ts';
import {
  CHANGE_WORKER_STATE_SQL,
  COUNT_ATTEMPT_SQL,
  COUNT_WORKERS_SQL,
  DEREGISTER_WORKER_SQL,
  GET_WORKER_SQL,
  LIST_WORKERS_SQL,
  REGISTER_WORKER_SQL,
  REPORT_WORKER_SQL,
  SET_WORKER_STATE_SQL,
  TOUCH_WORKER_BY_LEASE_SQL,
  TOUCH_WORKER_SQL,
  WORKER_ACTIVE_JOBS_SQL,
  WORKER_STATE_SQL,
} from './worker-sql.ts';

export class WorkerNotFoundError extends Error {
  constructor(readonly workerId: string) {
    super(`worker ${workerId} is not registered (or has deregistered); register again`);
    this.name = 'WorkerNotFoundError';
  }
}

/** Drain and resume act only on a worker in the state they start from (active, draining). */
export class WorkerStateConflictError extends Error {
  constructor(readonly workerId: string, readonly state: WorkerState, action: 'drain' | 'resume') {
    super(
      state === 'stale' || state === 'offline'
        ? `worker ${workerId} is ${state}: it would not learn of the ${action} (no heartbeat for a while)`
        : `worker ${workerId} is ${state}; only ${action === 'drain' ? 'an active' : 'a draining'} worker can be ${action === 'drain' ? 'drained' : 'resumed'}`,
    );
    this.name = 'WorkerStateConflictError';
  }
}

/** What an in-process worker reports on each heartbeat. */
export interface WorkerReport {
  activeJobs: number;
  /** Attempts finished, and of those failed, since the previous report. */
  processed: number;
  failed: number;
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
  heartbeat_age_ms: number;
  active_jobs: number;
  leased_jobs: number;
  processed: number;
  failed: number;
}

interface ActiveJobRow {
  id: string;
  tenant: string;
  job_type: string;
  queue: string;
  attempt: number;
  started_at: Date;
}

const LIST_LIMIT = 500;

/** The `workers` table: one row per worker process, kept fresh by its calls. */
export class WorkerRegistry {
  constructor(private readonly db: Queryable) {}

  /** Registers a worker process; in-process runtimes pass their own id (their leases carry it). */
  async register(request: RegisterWorkerRequest, id: string = uuidv7()): Promise<string> {
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

  /** An in-process worker's heartbeat with its counters; returns the state decided for it. Throws `WorkerNotFoundError`. */
  async report(workerId: string, report: WorkerReport): Promise<WorkerState> {
    const { rows } = await this.db.query<{ state: WorkerState }>(REPORT_WORKER_SQL, [workerId, report.activeJobs, report.processed, report.failed]);
    const row = rows[0];
    if (!row) throw new WorkerNotFoundError(workerId);
    return row.state;
  }

  /** The state decided for the worker (active, draining, offline), without counting as a heartbeat. */
  async storedState(workerId: string): Promise<WorkerState> {
    const { rows } = await this.db.query<{ state: WorkerState }>(WORKER_STATE_SQL, [workerId]);
    const row = rows[0];
    if (!row) throw new WorkerNotFoundError(workerId);
    return row.state;
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

  /** Draining workers are leased nothing until set active again. Unaudited: operators use `WorkerFleet`. */
  async setState(workerId: string, state: 'active' | 'draining'): Promise<void> {
    const { rows } = await this.db.query(SET_WORKER_STATE_SQL, [workerId, state]);
    if (rows.length === 0) throw new WorkerNotFoundError(workerId);
  }

  /** Most recently seen first, with stale/offline derived from heartbeat age; `counts` covers the whole fleet. */
  async list(query: ListWorkersQuery = {}, limit = LIST_LIMIT): Promise<WorkerList> {
    const [{ rows }, counts] = await Promise.all([
      this.db.query<WorkerRow>(LIST_WORKERS_SQL, [limit, query.state ?? null, query.jobType ?? null, query.q ?? null]),
      this.counts(),
    ]);
    return { items: rows.map(toWorkerInfo), counts };
  }

  /** The whole fleet by derived state, every state present. */
  async counts(): Promise<Record<WorkerState, number>> {
    const { rows } = await this.db.query<{ effective_state: WorkerState; n: number }>(COUNT_WORKERS_SQL);
    const counts = Object.fromEntries(WORKER_STATES.map((state) => [state, 0])) as Record<WorkerState, number>;
    for (const row of rows) counts[row.effective_state] = row.n;
    return counts;
  }

  /** Throws `WorkerNotFoundError`. */
  async get(workerId: string): Promise<WorkerInfo> {
    const { rows } = await this.db.query<WorkerRow>(GET_WORKER_SQL, [workerId]);
    const row = rows[0];
    if (!row) throw new WorkerNotFoundError(workerId);
    return toWorkerInfo(row);
  }

  /** The jobs the worker holds a lease on. */
  async activeJobs(workerId: string): Promise<WorkerActiveJob[]> {
    const { rows } = await this.db.query<ActiveJobRow>(WORKER_ACTIVE_JOBS_SQL, [workerId]);
    return rows.map((row) => ({
      jobId: row.id,
      tenant: row.tenant,
      jobType: row.job_type,
      queue: row.queue,
      attempt: row.attempt,
      startedAt: row.started_at.toISOString(),
    }));
  }
}

/** Operator actions on workers: audited (target type `worker`) and published on the `workers` topic of the operator's tenant. */
export class WorkerFleet {
  readonly registry: WorkerRegistry;

  constructor(private readonly pool: Pool) {
    this.registry = new WorkerRegistry(pool);
  }

  /** The worker stops claiming and finishes what it runs. Throws `WorkerNotFoundError`, `WorkerStateConflictError`. */
  drain(tenant: string, workerId: string, operator: OperatorContext): Promise<WorkerInfo> {
    return this.change(tenant, workerId, operator, 'drain');
  }

  /** The worker claims again. Throws `WorkerNotFoundError`, `WorkerStateConflictError`. */
  resume(tenant: string, workerId: string, operator: OperatorContext): Promise<WorkerInfo> {
    return this.change(tenant, workerId, operator, 'resume');
  }

  private change(tenant: string, workerId: string, operator: OperatorContext, action: 'drain' | 'resume'): Promise<WorkerInfo> {
    const [from, to] = action === 'drain' ? (['active', 'draining'] as const) : (['draining', 'active'] as const);
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<WorkerRow>(CHANGE_WORKER_STATE_SQL, [workerId, from, to, tenant, `worker.${action === 'drain' ? 'draining' : 'resumed'}`]);
      const row = rows[0];
      if (!row) throw new WorkerStateConflictError(workerId, (await new WorkerRegistry(client).get(workerId)).state, action);
      await recordAudit(client, [
        { tenant, operator, action: `worker.${action}`, targetType: 'worker', targetId: workerId, before: { state: from }, after: { state: to } },
      ]);
      return toWorkerInfo(row);
    });
  }
}

function toWorkerInfo(row: WorkerRow): WorkerInfo {
  return {
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
    heartbeatAgeMs: Math.round(row.heartbeat_age_ms),
    activeJobs: row.active_jobs,
    leasedJobs: row.leased_jobs,
    processed: Number(row.processed),
    failed: Number(row.failed),
  };
}
