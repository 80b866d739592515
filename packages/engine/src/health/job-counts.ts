/**
 * SQL for a tenant's job counts per queue and state, from the maintained counts of migration 020 (rollup plus
 * pending deltas, compacted by `CountCompactor`); `tenant` is the parameter placeholder. Groups with no job are left out.
 */
export const jobCountsOf = (tenant: string) => `execops_job_counts(${tenant})`;
