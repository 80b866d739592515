import { test as base } from '@playwright/test';
import { E2E_ADMIN_TOKEN } from './auth.ts';

export { expect } from '@playwright/test';
export type { APIRequestContext, Locator, Page } from '@playwright/test';

/**
 * Playwright's `test` whose `request` (the specs' API set-up calls) sends the admin token as a bearer, as the CLI
 * does; pages use the console session cookie of the storage state, with its CSRF header, like an operator's browser.
 */
export const test = base.extend({
  request: async ({ playwright, baseURL }, use) => {
    const context = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${E2E_ADMIN_TOKEN}` } });
    await use(context);
    await context.dispose();
  },
});
