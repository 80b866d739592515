import { defineConfig } from '@playwright/test';
import { E2E_ADMIN_TOKEN, STORAGE_STATE } from './e2e/support/auth.ts';

// E2E_PORT lets several checkouts run their browser suites side by side.
const PORT = Number(process.env.E2E_PORT ?? 3199);

// Debian's Chromium (see STACK.md): nothing is downloaded; the flags keep it off the closed network.
export default defineConfig({
  testDir: 'e2e',
  // One worker: several specs assert tenant-wide counts another worker's jobs would change, and on 2 cores the suite
  // is bound by Chromium's CPU (parsing the console's JS in each fresh context), so 2 workers measured no faster.
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 30_000,
  // How long a web-first assertion waits for the page; a guard against a loaded machine, not a timing check.
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.test-output/playwright.json' }]],
  // Logs in once with the seeded admin token; every test's browser starts signed in (e2e/auth.spec.ts signs out its own).
  globalSetup: './e2e/global-setup.ts',
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    storageState: STORAGE_STATE,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
  webServer: {
    // A private embedded PostgreSQL in a throwaway folder, so browser tests never touch a developer's data.
    command: `npm run build -w @execops/web && node apps/cli/bin/execops.js start --port ${PORT} --data-dir .test-output/e2e-data --fresh`,
    url: `http://127.0.0.1:${PORT}/api/v1/readyz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: { DATABASE_URL: '', EXECOPS_LOG_LEVEL: 'warn', EXECOPS_ADMIN_TOKEN: E2E_ADMIN_TOKEN },
  },
});
