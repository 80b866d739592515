import { expect, test } from './support/test.ts';

// Every canonical route of the seed, with sample ids where the route takes one.
const CANONICAL_PAGES = [
  '/ops/operations/jobs-queues',
  '/ops/operations/jobengine',
  '/ops/operations/jobengine/jobs',
  '/ops/operations/jobengine/jobs/0190a5c4-0000-7000-8000-000000000000',
  '/ops/operations/jobengine/jobs/0190a5c4-0000-7000-8000-000000000000/dag',
  '/ops/operations/jobengine/quotas',
  '/ops/operations/dead-letter',
  '/ops/operations/dead-letter/queue',
  '/ops/operations/dead-letter/entry/entry-1',
  '/ops/operations/scheduler',
  '/ops/operations/scheduler/runs',
  '/ops/operations/scheduler/runs/run-1/stream',
  '/ops/operations/scheduler/schedules',
  '/ops/operations/scheduler/workers',
  '/ops/scanner-ops',
  '/ops/scanner-ops/scans/0190a5c4-0000-7000-8000-000000000000',
  '/ops/scanner-ops/offline-kits',
  '/ops/scanner-ops/baselines',
  '/ops/scanner-ops/analyzers',
  '/ops/scanner-ops/performance',
  '/ops/scanner-ops/settings',
];

test.describe('canonical routes', () => {
  for (const path of CANONICAL_PAGES) {
    test(`${path} renders its page frame`, async ({ page }) => {
      await page.goto(path);
      await expect(page).toHaveURL((url) => url.pathname === path);
      const title = page.getByTestId('page-title');
      await expect(title).toBeVisible();
      await expect(title).not.toHaveText('Page not found');
      await expect(title).not.toHaveText('');
      await expect(page.getByTestId('page-summary')).not.toHaveText('');
      await expect(page.getByText('Ops', { exact: true }).first()).toBeVisible();
    });
  }

  test('an unknown path shows the 404 page with a way home', async ({ page }) => {
    await page.goto('/ops/operations/no-such-page');
    await expect(page.getByTestId('page-title')).toHaveText('Page not found');
    await page.getByRole('link', { name: 'Go to the console home' }).click();
    await expect(page).toHaveURL(/\/ops\/operations\/jobs-queues$/);
  });

  test('the navigation reaches every section', async ({ page }) => {
    await page.goto('/ops/operations/jobs-queues');
    const nav = page.getByRole('navigation');
    for (const [label, path] of [
      ['Jobs', '/ops/operations/jobengine/jobs'],
      ['Quotas', '/ops/operations/jobengine/quotas'],
      ['Schedules', '/ops/operations/scheduler/schedules'],
      ['Offline kits', '/ops/scanner-ops/offline-kits'],
    ] as const) {
      await nav.getByRole('link', { name: label, exact: true }).click();
      await expect(page).toHaveURL((url) => url.pathname === path);
      await expect(page.getByTestId('page-title')).not.toHaveText('Page not found');
    }
  });

  test('dark mode toggles and survives a reload', async ({ page }) => {
    await page.goto('/ops/operations/jobs-queues');
    const html = page.locator('html');
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
    await page.getByRole('button', { name: 'Switch to dark mode' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.reload();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'dark');
    await page.getByRole('button', { name: 'Switch to light mode' }).click();
    await expect(html).toHaveAttribute('data-mantine-color-scheme', 'light');
  });
});
