import { expect, test, type Page } from './support/test.ts';
import { uniqueSuffix } from './support/api.ts';
import { confirmOperatorDialog } from './support/operator.ts';
import { ADVISORY, buildFixtureKit, fixtureApp, freshKitVersion, writeNpmLockfile } from './support/scanner.ts';

const OVERVIEW = '/ops/scanner-ops';
const KITS = '/ops/scanner-ops/offline-kits';

/** Starts a scan of `path` from the overview, follows it in the dialog to the end and opens its findings. */
async function scanFromConsole(page: Page, path: string, targetName: string): Promise<void> {
  await page.goto(OVERVIEW);
  await page.getByRole('button', { name: 'Start scan' }).click();
  const form = page.getByRole('form', { name: 'Start scan' });
  await form.getByRole('textbox', { name: 'Path', exact: true }).fill(path);
  await form.getByRole('textbox', { name: 'Target name', exact: true }).fill(targetName);
  await form.getByRole('button', { name: 'Start scan' }).click();
  const follow = page.getByTestId('scan-follow');
  await expect(follow.getByTestId('scan-state')).toHaveText('succeeded');
  await follow.getByRole('link', { name: 'Open its findings' }).click();
  await expect(page).toHaveURL(/\/ops\/scanner-ops\/scans\/[0-9a-f-]{36}$/);
}

const findingRow = (page: Page, advisoryId: string) => page.getByTestId('finding-row').filter({ hasText: advisoryId });

test.describe('scanner journey', () => {
  // Two scan pipelines (resolve, seven analyzers, match, report, compare) on a shared machine.
  test.setTimeout(120_000);

  test('import a kit, scan, promote the baseline, change the target, rescan and compare', async ({ page }) => {
    // Import: the new kit becomes active; the first start's demo kit becomes the previous one.
    const version = freshKitVersion();
    const kitFile = await buildFixtureKit(version);
    await page.goto(KITS);
    await page.getByRole('button', { name: 'Import kit' }).click();
    await page.getByRole('form', { name: 'Import offline kit' }).locator('input[type="file"]').setInputFiles(kitFile);
    await confirmOperatorDialog(page, 'Import offline kit', 'Verify and import', 'e2e: new feed');
    const activeRow = page.getByTestId('kit-row').filter({ hasText: version });
    await expect(activeRow.getByTestId('kit-status')).toHaveText('active');
    await expect(page.getByTestId('feed-version')).toHaveText(version);

    // First scan: lodash 4.17.11 is affected by the lodash advisory.
    const app = await fixtureApp({ lodash: '4.17.11' });
    const target = `e2e-app-${uniqueSuffix()}`;
    await scanFromConsole(page, app, target);
    await expect(findingRow(page, ADVISORY.lodash)).toBeVisible();
    await expect(page.getByTestId('finding-row')).toHaveCount(1);

    // Severity filter in the URL: the lodash finding is critical.
    await page.getByRole('group', { name: 'Filter by severity' }).getByText('low', { exact: true }).click();
    await expect(page).toHaveURL(/severity=low/);
    await expect(page.getByTestId('findings-empty')).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(findingRow(page, ADVISORY.lodash)).toBeVisible();

    await page.getByRole('button', { name: 'Promote to baseline' }).click();
    await confirmOperatorDialog(page, `Promote to baseline: ${target}`, 'Promote to baseline', 'e2e: accepted state', 'E2E-7');
    await expect(page.getByTestId('scan-is-baseline')).toBeVisible();

    // The change: lodash upgraded past the fix, minimist 1.2.5 (affected) added.
    await writeNpmLockfile(app, { lodash: '4.17.21', minimist: '1.2.5' });
    await scanFromConsole(page, app, target);
    await expect(findingRow(page, ADVISORY.minimist)).toBeVisible();
    await expect(findingRow(page, ADVISORY.lodash)).toHaveCount(0);

    await page.getByRole('tab', { name: 'Compare with baseline' }).click();
    const comparison = page.getByTestId('comparison');
    await expect(comparison.getByText('New (1)')).toBeVisible();
    await expect(comparison.getByText('Fixed (1)')).toBeVisible();
    await expect(comparison.getByText('Unchanged (0)')).toBeVisible();
    await expect(page.getByTestId('comparison-new').getByTestId('finding-row')).toHaveText(new RegExp(ADVISORY.minimist));
    await comparison.getByText('Fixed (1)').click();
    await expect(page).toHaveURL(/change=fixed/);
    await expect(page.getByTestId('comparison-fixed').getByTestId('finding-row')).toHaveText(new RegExp(ADVISORY.lodash));

    // The baselines page lists the target with the promotion's reason and compares its newest scan the same way.
    await page.goto(`/ops/scanner-ops/baselines`);
    const baselineRow = page.getByTestId('baseline-row').filter({ hasText: target });
    await expect(baselineRow).toContainText('e2e: accepted state');
    await baselineRow.getByTestId('baseline-target').click();
    await expect(page.getByTestId('target-comparison').getByText('New (1)')).toBeVisible();
  });
});
