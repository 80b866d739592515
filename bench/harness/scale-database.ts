// The database the scale scripts share: `scale.ts` loads it (1M jobs, 100k dead-letter entries) and times the API,
// `console-scale.ts` times the console in Chromium on the same rows.
export const SCALE_DATABASE = 'bench_scale';
/** Seeded into the scale database, so both scripts can call the API as an admin. */
export const SCALE_ADMIN_TOKEN = `eo_00000000000000bb_${'b'.repeat(43)}`;
