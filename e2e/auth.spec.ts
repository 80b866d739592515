import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { enqueue, unhandledJobType, uniqueSuffix } from './support/api.ts';
import { E2E_ADMIN_TOKEN } from './support/auth.ts';

const JOBS = '/ops/operations/jobengine/jobs';
const DEEP_LINK = `${JOBS}?state=failed&sort=priority#results`;

// These tests sign in themselves: their browsers start without the suite's session.
test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: Page, token: string) {
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** A token that may read jobs and nothing else. */
async function readOnlyToken(request: APIRequestContext): Promise<string> {
  const created = await request.post('/api/v1/tokens', {
    data: { name: `viewer-${uniqueSuffix()}`, scopes: ['jobs:read'], tenants: ['default'] },
    headers: { 'x-operator-reason': 'e2e read-only viewer' },
  });
  expect(created.status(), await created.text()).toBe(201);
  return ((await created.json()) as { secret: string }).secret;
}

test.describe('console sign-in', () => {
  test('a deep link without a session goes to the login page, which refuses a bad token in the form', async ({ page }) => {
    await page.goto(DEEP_LINK);
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === DEEP_LINK);
    await expect(page.getByTestId('page-title')).toHaveText('Sign in to execops');
    await page.screenshot({ path: '.test-output/auth-login.png' });
    await signIn(page, `eo_0000000000000bad_${'x'.repeat(43)}`);
    await expect(page.getByTestId('error-state')).toContainText('the token is unknown, revoked or expired');
    await expect(page.getByTestId('trace-id')).not.toBeEmpty();
    await page.screenshot({ path: '.test-output/auth-login-refused.png' });
  });

  test('a used or unknown one-time login code says so, and the token form stays', async ({ page }) => {
    await page.goto(`/login?code=not-a-code&redirect=${encodeURIComponent(JOBS)}`);
    await expect(page.getByTestId('error-state')).toContainText('The login link did not work');
    await expect(page.getByTestId('error-state')).toContainText('the login code is unknown, used or expired');
    await expect(page.getByLabel('API token')).toBeVisible();
    await page.screenshot({ path: '.test-output/auth-login-code-refused.png' });
  });

  test('a good token returns to the deep link (query and fragment kept); the session menu names it', async ({ page }) => {
    await page.goto(DEEP_LINK);
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await signIn(page, E2E_ADMIN_TOKEN);
    await expect(page).toHaveURL((url) => url.pathname === JOBS && url.searchParams.get('state') === 'failed' && url.hash === '#results');
    await expect(page.getByTestId('session-menu')).toHaveText('admin');
    await page.getByTestId('session-menu').click();
    await expect(page.getByTestId('session-scopes')).toHaveText('Scopes: admin');
  });

  test('a read-only token sees operator actions disabled with the missing scope', async ({ page, request }) => {
    const secret = await readOnlyToken(request);
    const id = await enqueue(request, { jobType: unhandledJobType('auth') });
    await page.goto(`${JOBS}/${id}`);
    await signIn(page, secret);
    await expect(page.getByTestId('job-header').getByTestId('job-state')).toHaveText('queued');
    const cancel = page.getByRole('button', { name: 'Cancel job' });
    await expect(cancel).toHaveAttribute('aria-disabled', 'true');
    await cancel.hover();
    await expect(page.getByRole('tooltip')).toContainText('lacks scope jobs:operate');
    await page.screenshot({ path: '.test-output/auth-read-only.png' });
  });

  test('sign out ends the session: pages send the browser back to the login page', async ({ page }) => {
    await page.goto('/login');
    await signIn(page, E2E_ADMIN_TOKEN);
    await expect(page.getByTestId('session-menu')).toHaveText('admin');
    await page.getByTestId('session-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await expect(page).toHaveURL((url) => url.pathname === '/login');
    await page.goto(JOBS);
    await expect(page).toHaveURL((url) => url.pathname === '/login' && url.searchParams.get('redirect') === JOBS);
  });
});
