import type { OperatorContext, QueuePause } from '@execops/contract';
import { recordAudit } from '../audit/audit-log.ts';
import { withTransaction, type Pool } from '../db/pool.ts';
import { JOBS_CHANNEL } from '../store/job-sql.ts';

export class QueueStateConflictError extends Error {
  constructor(readonly queue: string, paused: boolean) {
    super(`queue ${queue} is ${paused ? 'already paused' : 'not paused'}`);
    this.name = 'QueueStateConflictError';
  }
}

interface PauseRow {
  paused_at: Date;
  actor: string;
  reason: string;
}

const PAUSE_SQL = `
INSERT INTO queue_pauses (tenant, queue, actor, reason) VALUES ($1, $2, $3, $4)
ON CONFLICT (tenant, queue) DO NOTHING
RETURNING paused_at, actor, reason`;

const RESUME_SQL = `DELETE FROM queue_pauses WHERE tenant = $1 AND queue = $2 RETURNING paused_at, actor, reason`;

/** Pausing keeps a queue's jobs from being claimed (the claim statement checks `queue_pauses`); resuming wakes workers. */
export class QueuePauses {
  constructor(private readonly pool: Pool) {}

  pause(tenant: string, queue: string, operator: OperatorContext): Promise<QueuePause> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<PauseRow>(PAUSE_SQL, [tenant, queue, operator.actor, operator.reason]);
      const row = rows[0];
      if (!row) throw new QueueStateConflictError(queue, true);
      await recordAudit(client, [
        { tenant, operator, action: 'queue.pause', targetType: 'queue', targetId: queue, before: { paused: false }, after: { paused: true } },
      ]);
      return { tenant, queue, paused: true, pausedAt: row.paused_at.toISOString(), pausedBy: row.actor, pausedReason: row.reason };
    });
  }

  resume(tenant: string, queue: string, operator: OperatorContext): Promise<QueuePause> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<PauseRow>(RESUME_SQL, [tenant, queue]);
      const row = rows[0];
      if (!row) throw new QueueStateConflictError(queue, false);
      await recordAudit(client, [
        {
          tenant,
          operator,
          action: 'queue.resume',
          targetType: 'queue',
          targetId: queue,
          before: { paused: true, pausedAt: row.paused_at.toISOString(), reason: row.reason },
          after: { paused: false },
        },
      ]);
      await client.query(`SELECT pg_notify('${JOBS_CHANNEL}', $1)`, [queue]);
      return { tenant, queue, paused: false, pausedAt: null, pausedBy: null, pausedReason: null };
    });
  }
}
