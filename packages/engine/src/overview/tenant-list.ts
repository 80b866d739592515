import { DEFAULT_TENANT } from '@execops/contract';
import type { Queryable } from '../db/pool.ts';
import { TENANTS_SQL } from './overview-sql.ts';

/** Most tenants listed; a tenant switcher offers these and takes any other name typed in. */
export const TENANT_LIST_LIMIT = 1000;

/** Tenants with any jobs, schedules, quotas or registered workers, and the default tenant, sorted. */
export async function listTenants(db: Queryable): Promise<string[]> {
  const { rows } = await db.query<{ tenant: string }>(TENANTS_SQL, [DEFAULT_TENANT, TENANT_LIST_LIMIT]);
  return rows.map((row) => row.tenant);
}
