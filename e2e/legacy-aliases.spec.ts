import { expect, test, type Page } from './support/test.ts';

// Every alias family of the seed's Legacy Alias Policy, with the canonical path it must land on.
const ALIASES: ReadonlyArray<readonly [string, string]> = [
  ['/ops/jobengine', '/ops/operations/jobengine'],
  ['/ops/jobengine/jobs', '/ops/operations/jobengine/jobs'],
  ['/ops/jobengine/quotas', '/ops/operations/jobengine/quotas'],
  ['/ops/scheduler', '/ops/operations/scheduler'],
  ['/ops/scheduler/runs/run-7/stream', '/ops/operations/scheduler/runs/run-7/stream'],
  ['/ops/scanner', '/ops/scanner-ops'],
  ['/ops/scanner/offline-kits', '/ops/scanner-ops/offline-kits'],
  ['/ops/scanner/analyzers', '/ops/scanner-ops/analyzers'],
  ['/platform-ops/jobengine/jobs', '/ops/operations/jobengine/jobs'],
  ['/platform-ops/scheduler/schedules', '/ops/operations/scheduler/schedules'],
  ['/platform-ops/scanner', '/ops/scanner-ops'],
  ['/platform-ops/scanner/baselines', '/ops/scanner-ops/baselines'],
  ['/platform-ops/scanner-ops/performance', '/ops/scanner-ops/performance'],
  ['/platform/ops/jobengine/quotas', '/ops/operations/jobengine/quotas'],
  ['/platform/ops/scheduler/workers', '/ops/operations/scheduler/workers'],
  ['/platform/ops/dead-letter', '/ops/operations/dead-letter'],
  ['/platform/ops/dead-letter/queue', '/ops/operations/dead-letter/queue'],
  ['/', '/ops/operations/jobs-queues'],
];

// Keys no page rejects: a page drops a value its own schema refuses (`state=queued` means nothing to the workers
// page), which is the page's normalisation, not the redirect's. `id=123` is the numeric-looking trap.
const QUERY = '?ref=bookmark&text=a%20b&id=123';
const FRAGMENT = '#attempts';

async function expectLanded(page: Page, canonical: string) {
  await expect(page).toHaveURL((url) => url.pathname === canonical && url.search === QUERY && url.hash === FRAGMENT);
  await expect(page.getByTestId('page-title')).toBeVisible();
  await expect(page.getByTestId('page-title')).not.toHaveText('Page not found');
}

test.describe('legacy aliases on a full page load (server 308)', () => {
  for (const [alias, canonical] of ALIASES) {
    test(`${alias} → ${canonical}`, async ({ page }) => {
      await page.goto(`${alias}${QUERY}${FRAGMENT}`);
      await expectLanded(page, canonical);
    });
  }
});

test.describe('legacy aliases in the client router (no server redirect)', () => {
  for (const [alias, canonical] of ALIASES) {
    test(`${alias} → ${canonical}`, async ({ page }) => {
      // Serve the console shell for the alias itself, as a static host or the dev server would, so only the
      // client router can redirect.
      const shell = await (await page.request.get('/ops/operations/jobs-queues')).text();
      await page.route(
        (url) => url.pathname === alias,
        (route) => route.fulfill({ status: 200, contentType: 'text/html', body: shell }),
      );
      await page.goto(`${alias}${QUERY}${FRAGMENT}`);
      await expectLanded(page, canonical);
    });
  }
});
