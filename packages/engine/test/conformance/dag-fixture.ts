import type { JobError, JobState } from '@execops/contract';
import { DagResolver } from '../../src/dag/dag-resolver.ts';
import type { DatabaseTarget } from '../support/databases.ts';
import { TENANT, useStore, type StoreFixture } from './store-fixture.ts';

export const PERMANENT: JobError = { code: 'bad', message: 'bad input', class: 'permanent', retryable: false };
export const TRANSIENT: JobError = { code: 'flaky', message: 'try again', class: 'transient', retryable: true };

export interface DagFixture extends StoreFixture {
  /** Runs one resolver pass to completion, as the background resolver would. */
  resolve(): Promise<number>;
  state(jobId: string): Promise<JobState | undefined>;
  states(ids: readonly string[]): Promise<Array<JobState | undefined>>;
  pendingParents(jobId: string): Promise<number>;
  /** Claims the job type's next job and completes it. */
  succeed(jobType: string): Promise<string>;
  /** Claims the job type's next job and fails it with `error` (default: permanently). */
  failNext(jobType: string, error?: JobError): Promise<string>;
  edges(jobId: string): Promise<Array<{ parent: string; child: string }>>;
}

/** The store fixture plus DAG shortcuts; the resolver is driven by hand so each step is deterministic. */
export function useDagStore(target: DatabaseTarget): DagFixture {
  const fx = useStore(target) as DagFixture;
  fx.resolve = () => new DagResolver({ pool: fx.db.pool }).resolvePending();
  fx.state = async (jobId) => (await fx.store.getJob(TENANT, jobId))?.state;
  fx.states = (ids) => Promise.all(ids.map((id) => fx.state(id)));
  fx.pendingParents = async (jobId) => {
    const { rows } = await fx.db.pool.query<{ n: number }>('SELECT dag_pending AS n FROM jobs WHERE id = $1', [jobId]);
    return rows[0]?.n ?? -1;
  };
  fx.succeed = async (jobType) => {
    const claimed = await fx.claimOne(jobType);
    await fx.store.complete(claimed, { ok: true });
    return claimed.jobId;
  };
  fx.failNext = async (jobType, error = PERMANENT) => {
    const claimed = await fx.claimOne(jobType);
    await fx.store.fail({ ...claimed, error });
    return claimed.jobId;
  };
  fx.edges = async (jobId) => {
    const { rows } = await fx.db.pool.query<{ parent: string; child: string }>(
      'SELECT parent, child FROM job_edges WHERE parent = $1 OR child = $1 ORDER BY parent, child',
      [jobId],
    );
    return rows;
  };
  return fx;
}
