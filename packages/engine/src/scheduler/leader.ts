import type { Queryable } from '../db/pool.ts';

const ACQUIRE_SQL = `
INSERT INTO scheduler_leader (id, holder, term, lease_until, held_since) VALUES (1, $1, 1, now() + make_interval(secs => $2), now())
ON CONFLICT (id) DO UPDATE SET
  term = CASE WHEN scheduler_leader.holder = EXCLUDED.holder THEN scheduler_leader.term ELSE scheduler_leader.term + 1 END,
  held_since = CASE WHEN scheduler_leader.holder = EXCLUDED.holder THEN scheduler_leader.held_since ELSE now() END,
  holder = EXCLUDED.holder,
  lease_until = EXCLUDED.lease_until
WHERE scheduler_leader.holder = EXCLUDED.holder OR scheduler_leader.lease_until < now()
RETURNING term`;

/** Inside a firing transaction: holds off a takeover until commit, and says whether we still lead in `term`. */
const FENCE_SQL = `
SELECT 1 FROM scheduler_leader WHERE id = 1 AND holder = $1 AND term = $2 AND lease_until > now() FOR SHARE`;

const RELEASE_SQL = `UPDATE scheduler_leader SET lease_until = now() WHERE id = 1 AND holder = $1`;

/**
 * The scheduler's leader lease: one row, held by one process id until `lease_until`. Taking it over from an
 * expired holder bumps the fencing term. Leadership only saves work (the others stay idle); the unique slot key
 * on runs is what guarantees one run per slot.
 */
export class SchedulerLeader {
  constructor(
    private readonly db: Queryable,
    readonly holder: string,
    private readonly leaseMs: number,
  ) {}

  /** Acquires or renews the lease; the fencing term when this process leads, null when another does. */
  async acquire(): Promise<number | null> {
    const { rows } = await this.db.query<{ term: string }>(ACQUIRE_SQL, [this.holder, this.leaseMs / 1000]);
    return rows[0] ? Number(rows[0].term) : null;
  }

  /** True when `term` is still ours; call inside the firing transaction (it locks the row FOR SHARE). */
  async fence(db: Queryable, term: number): Promise<boolean> {
    const { rows } = await db.query(FENCE_SQL, [this.holder, term]);
    return rows.length > 0;
  }

  /** Lets another process take over at once (a clean shutdown). */
  async release(): Promise<void> {
    await this.db.query(RELEASE_SQL, [this.holder]);
  }
}
