import { request, type FullConfig } from '@playwright/test';
import { E2E_ADMIN_TOKEN, STORAGE_STATE } from './support/auth.ts';

/** Logs the console in once with the seeded admin token and keeps the session cookie for every test's browser. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  const baseURL = config.projects[0]?.use.baseURL;
  const context = await request.newContext({ baseURL });
  const res = await context.post('/api/v1/auth/login', { data: { token: E2E_ADMIN_TOKEN } });
  if (!res.ok()) throw new Error(`e2e login failed: HTTP ${res.status()} ${await res.text()}`);
  await context.storageState({ path: STORAGE_STATE });
  await context.dispose();
}
