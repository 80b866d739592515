import type { TestDatabase } from '@execops/engine/testing';

/**
 * Inserts `count` entries straight into `dead_letter` (fast, for volume tests), one second apart, newest first by
 * index. Every 1,000th message holds a comma, a quote and a line break so CSV quoting is exercised.
 */
export async function insertGeneratedEntries(db: TestDatabase, tenant: string, jobType: string, count: number): Promise<void> {
  await db.pool.query(
    `INSERT INTO dead_letter (tenant, job_id, job_type, queue, payload_digest, attempts, first_failed_at, dead_lettered_at,
                              error, error_code, error_class, retryable, cluster_key)
     SELECT $1, gen_random_uuid(), $2, $2, 'sha256:generated', 1, now() - i * interval '1 second', now() - i * interval '1 second',
            jsonb_build_object('code', 'generated', 'class', 'permanent', 'retryable', false,
                               'message', CASE WHEN i % 1000 = 0 THEN E'row ' || i || E', "quoted"\\nsecond line' ELSE 'row ' || i END),
            'generated', 'permanent', false, 'generated: row <n>'
     FROM generate_series(1, $3::int) i`,
    [tenant, jobType, count],
  );
}
