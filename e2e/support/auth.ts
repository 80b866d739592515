/** The admin token the e2e server is seeded with (EXECOPS_ADMIN_TOKEN in playwright.config.ts); the suite's data is throwaway. */
export const E2E_ADMIN_TOKEN = `eo_0000000000000e2e_${'e'.repeat(43)}`;

/** The admin's console session, logged in once by the global setup; every browser context starts with it. */
export const STORAGE_STATE = '.test-output/e2e-storage-state.json';
