import type { CreateQuotaRequest, OperatorContext, Quota, UpdateQuotaRequest } from '@execops/contract';
import { recordAudit } from '../audit/audit-log.ts';
import { withTransaction, type Pool, type PoolClient } from '../db/pool.ts';
import { JOBS_CHANNEL } from '../store/job-sql.ts';
import { QUOTA_USAGE_COLUMNS } from './quota-sql.ts';

export class QuotaNotFoundError extends Error {
  constructor(readonly jobType: string) {
    super(`no quota for job type ${jobType}`);
    this.name = 'QuotaNotFoundError';
  }
}

export class QuotaExistsError extends Error {
  constructor(readonly jobType: string) {
    super(`a quota for job type ${jobType} already exists; update it instead`);
    this.name = 'QuotaExistsError';
  }
}

interface QuotaRow {
  tenant: string;
  job_type: string;
  max_active: number | null;
  max_per_hour: number | null;
  burst: number | null;
  refill_per_second: number | null;
  paused: boolean;
  created_at: Date;
  updated_at: Date;
  active: number;
  used_this_hour: number;
  hour_ends_at: Date | null;
  tokens_now: number | null;
  throttled: number;
}

const SELECT_QUOTAS = `
SELECT q.*, u.*,
       (SELECT count(*) FROM jobs t WHERE t.tenant = q.tenant AND t.state = 'throttled'
          AND (q.job_type = '*' OR t.job_type = q.job_type))::int AS throttled
FROM quotas q CROSS JOIN LATERAL (SELECT ${QUOTA_USAGE_COLUMNS}) u
WHERE q.tenant = $1`;

const INSERT_SQL = `
INSERT INTO quotas (tenant, job_type, max_active, max_per_hour, burst, refill_per_second, tokens, tokens_at, paused)
VALUES ($1, $2, $3::int, $4::int, $5::int, $6::float8, $5::float8, now(), $7)
ON CONFLICT (tenant, job_type) DO NOTHING
RETURNING job_type`;

// A changed bucket starts full at its new size; the hourly window keeps counting.
const UPDATE_SQL = `
UPDATE quotas SET max_active = $3::int, max_per_hour = $4::int, burst = $5::int, refill_per_second = $6::float8,
       tokens = CASE WHEN burst IS DISTINCT FROM $5::int OR refill_per_second IS DISTINCT FROM $6::float8 THEN $5::float8 ELSE tokens END,
       tokens_at = CASE WHEN burst IS DISTINCT FROM $5::int OR refill_per_second IS DISTINCT FROM $6::float8 THEN now() ELSE tokens_at END,
       updated_at = now()
WHERE tenant = $1 AND job_type = $2
RETURNING job_type`;

const SET_PAUSED_SQL = `UPDATE quotas SET paused = $3, updated_at = now() WHERE tenant = $1 AND job_type = $2 RETURNING job_type`;
const DELETE_SQL = `DELETE FROM quotas WHERE tenant = $1 AND job_type = $2 RETURNING job_type`;

function toQuota(row: QuotaRow): Quota {
  return {
    tenant: row.tenant,
    jobType: row.job_type,
    maxActive: row.max_active,
    maxPerHour: row.max_per_hour,
    burst: row.burst,
    refillPerSecond: row.refill_per_second,
    paused: row.paused,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
    usage: {
      active: row.active,
      usedThisHour: row.used_this_hour,
      hourEndsAt: row.hour_ends_at?.toISOString() ?? null,
      tokens: row.tokens_now === null ? null : Math.floor(row.tokens_now * 100) / 100,
      throttled: row.throttled,
    },
  };
}

/** Quota management; every change is audited in its transaction, and loosening a quota wakes workers. */
export class QuotaAdmin {
  constructor(private readonly pool: Pool) {}

  async list(tenant: string): Promise<Quota[]> {
    const { rows } = await this.pool.query<QuotaRow>(`${SELECT_QUOTAS} ORDER BY q.job_type`, [tenant]);
    return rows.map(toQuota);
  }

  create(tenant: string, request: CreateQuotaRequest, operator: OperatorContext): Promise<Quota> {
    return this.change(tenant, request.jobType, operator, 'quota.create', async (client) => {
      const { rows } = await client.query(INSERT_SQL, [tenant, request.jobType, ...limits(request), request.paused]);
      if (!rows[0]) throw new QuotaExistsError(request.jobType);
    });
  }

  update(tenant: string, jobType: string, request: UpdateQuotaRequest, operator: OperatorContext): Promise<Quota> {
    return this.change(tenant, jobType, operator, 'quota.update', async (client) => {
      const { rows } = await client.query(UPDATE_SQL, [tenant, jobType, ...limits(request)]);
      if (!rows[0]) throw new QuotaNotFoundError(jobType);
    });
  }

  setPaused(tenant: string, jobType: string, paused: boolean, operator: OperatorContext): Promise<Quota> {
    return this.change(tenant, jobType, operator, paused ? 'quota.pause' : 'quota.resume', async (client) => {
      const { rows } = await client.query(SET_PAUSED_SQL, [tenant, jobType, paused]);
      if (!rows[0]) throw new QuotaNotFoundError(jobType);
    });
  }

  async delete(tenant: string, jobType: string, operator: OperatorContext): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      const before = await this.read(client, tenant, jobType);
      const { rows } = await client.query(DELETE_SQL, [tenant, jobType]);
      if (!rows[0] || !before) throw new QuotaNotFoundError(jobType);
      await recordAudit(client, [{ tenant, operator, action: 'quota.delete', targetType: 'quota', targetId: jobType, before: limitsOf(before) }]);
      await client.query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
    });
  }

  private change(
    tenant: string,
    jobType: string,
    operator: OperatorContext,
    action: string,
    write: (client: PoolClient) => Promise<void>,
  ): Promise<Quota> {
    return withTransaction(this.pool, async (client) => {
      const before = await this.read(client, tenant, jobType);
      await write(client);
      const after = await this.read(client, tenant, jobType);
      if (!after) throw new QuotaNotFoundError(jobType);
      await recordAudit(client, [
        { tenant, operator, action, targetType: 'quota', targetId: jobType, before: before ? limitsOf(before) : null, after: limitsOf(after) },
      ]);
      await client.query(`SELECT pg_notify('${JOBS_CHANNEL}', '')`);
      return after;
    });
  }

  private async read(client: PoolClient, tenant: string, jobType: string): Promise<Quota | undefined> {
    const { rows } = await client.query<QuotaRow>(`${SELECT_QUOTAS} AND q.job_type = $2`, [tenant, jobType]);
    return rows[0] ? toQuota(rows[0]) : undefined;
  }
}

function limits(request: UpdateQuotaRequest): Array<number | null> {
  return [request.maxActive, request.maxPerHour, request.burst, request.refillPerSecond];
}

function limitsOf(quota: Quota) {
  const { maxActive, maxPerHour, burst, refillPerSecond, paused } = quota;
  return { maxActive, maxPerHour, burst, refillPerSecond, paused };
}
