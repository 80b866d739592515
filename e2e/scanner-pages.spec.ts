import { expect, test, type APIRequestContext } from './support/test.ts';
import { apiGet, uniqueSuffix } from './support/api.ts';
import { confirmOperatorDialog } from './support/operator.ts';
import { buildFixtureKit, fixtureApp, startScan, untilScanSucceeded } from './support/scanner.ts';

interface FeedStatusJson {
  feed: { kitId: string; version: string } | null;
}

interface AuditJson {
  items: Array<{ action: string; reason: string; targetId: string }>;
}

const auditOf = (request: APIRequestContext, targetType: string) => apiGet<AuditJson>(request, `/audit?targetType=${targetType}`);

test.describe('scanner pages', () => {
  test('a kit older than the active one is refused with its reason, quarantined, and the active feed stays', async ({ page, request }) => {
    const before = await apiGet<FeedStatusJson>(request, '/scanner/feed');
    expect(before.feed).not.toBeNull();
    const kitFile = await buildFixtureKit('0.0.1');

    await page.goto('/ops/scanner-ops/offline-kits');
    await page.getByRole('button', { name: 'Import kit' }).click();
    const form = page.getByRole('form', { name: 'Import offline kit' });
    await form.locator('input[type="file"]').setInputFiles(kitFile);
    await form.getByLabel('Reason').fill('e2e: an older kit');
    await form.getByRole('button', { name: 'Verify and import' }).click();
    await expect(form.getByTestId('action-error')).toContainText('version 0.0.1 is not newer than the active kit');
    await expect(form.getByTestId('trace-id')).not.toBeEmpty();
    await form.getByRole('button', { name: 'Back' }).click();

    await page.locator('label[for$="-quarantined"]').click();
    await expect(page).toHaveURL(/status=quarantined/);
    const quarantined = page.getByTestId('kit-row').filter({ hasText: '0.0.1' });
    await expect(quarantined.getByTestId('kit-status')).toHaveText('quarantined');
    await expect(quarantined.getByTestId('kit-reason')).toContainText('version_not_newer');

    const after = await apiGet<FeedStatusJson>(request, '/scanner/feed');
    expect(after.feed?.kitId).toBe(before.feed?.kitId);
    await expect(page.getByTestId('feed-version')).toHaveText(before.feed?.version ?? '');
  });

  test('trust keys: an invalid JWK is named before sending; the site key is added as a trust key, then revoked', async ({ page }) => {
    await page.goto('/ops/scanner-ops/offline-kits?tab=trust-keys');
    const siteJwk = await page.getByTestId('site-key-jwk').textContent();
    expect(siteJwk).toContain('"crv":"Ed25519"');

    const name = `e2e site ${uniqueSuffix()}`;
    await page.getByRole('button', { name: 'Add trust key' }).click();
    const form = page.getByRole('form', { name: 'Add trust key' });
    await form.getByRole('textbox', { name: 'Name' }).fill(name);
    await form.getByRole('textbox', { name: 'Public JWK' }).fill('{"kty":"OKP","crv":"Ed25519","x":"short","kid":"k"}');
    await expect(form.getByText('x: x: the 32-byte public key, base64url')).toBeVisible();
    await expect(form.getByTestId('action-blocked')).toHaveText('Fix the key.');
    await form.getByRole('textbox', { name: 'Public JWK' }).fill(siteJwk ?? '');
    await confirmOperatorDialog(page, 'Add trust key', 'Trust this key', 'e2e: trust our own exports');

    const row = page.getByTestId('trust-key-row').filter({ hasText: name });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await confirmOperatorDialog(page, `Revoke trust key ${name}`, 'Revoke key', 'e2e: done');
    await expect(row.getByRole('button', { name: 'Revoke' })).toHaveCount(0);
    await expect(page.getByTestId('audit-row').filter({ hasText: 'trust_key.revoked' }).first()).toContainText('e2e: done');
  });

  test('settings: invalid values are blocked with the rule; a valid change is saved and audited', async ({ page, request }) => {
    await page.goto('/ops/scanner-ops/settings');
    const timeout = page.getByRole('textbox', { name: 'Analyzer timeout (seconds)' });
    await timeout.fill('0');
    await expect(page.getByText('analyzerTimeoutSeconds must be at least 1')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Save settings' })).toBeDisabled();

    const seconds = String(300 + Math.floor(Math.random() * 600));
    await timeout.fill(seconds);
    await page.getByRole('button', { name: 'Save settings' }).click();
    await confirmOperatorDialog(page, 'Save scanner settings', 'Save settings', 'e2e: longer analyzers');
    await expect(page.getByTestId('settings-updated')).toContainText('Last changed');
    await expect(page.getByTestId('audit-row').first()).toContainText('e2e: longer analyzers');

    await page.reload();
    await expect(page.getByRole('textbox', { name: 'Analyzer timeout (seconds)' })).toHaveValue(seconds);
    const settings = await apiGet<{ analyzerTimeoutSeconds: number }>(request, '/scanner/settings');
    expect(settings.analyzerTimeoutSeconds).toBe(Number(seconds));
  });

  test('analyzers: disable and enable one with a reason; the audit trail shows both', async ({ page, request }) => {
    await page.goto('/ops/scanner-ops/analyzers');
    const row = page.getByTestId('analyzer-row').filter({ hasText: 'cargo' });
    await expect(row.getByTestId('analyzer-source')).toHaveText('built-in');
    // The kit's declarative analyzer, with the version of the kit that carries it.
    await expect(page.getByTestId('analyzer-row').filter({ hasText: 'composer' }).getByTestId('analyzer-source')).toHaveText(/^kit \d+(\.\d+)*$/);
    await row.getByRole('button', { name: 'Disable' }).click();
    await confirmOperatorDialog(page, 'Disable analyzer cargo', 'Disable analyzer', 'e2e: not needed');
    await expect(row.getByTestId('analyzer-health')).toHaveText('disabled');
    await row.getByRole('button', { name: 'Enable' }).click();
    await confirmOperatorDialog(page, 'Enable analyzer cargo', 'Enable analyzer', 'e2e: needed again');
    await expect(row.getByTestId('analyzer-health')).not.toHaveText('disabled');
    const reasons = (await auditOf(request, 'scanner_analyzer')).items.filter((entry) => entry.targetId === 'cargo').map((entry) => entry.reason);
    expect(reasons).toEqual(expect.arrayContaining(['e2e: not needed', 'e2e: needed again']));
  });

  test('performance: the CSV downloads and the baseline is set with a reason', async ({ page, request }) => {
    test.setTimeout(90_000);
    // A baseline needs at least one finished run in its window.
    await untilScanSucceeded(request, await startScan(request, await fixtureApp({ lodash: '4.17.11' })));

    await page.goto('/ops/scanner-ops/performance?window=30d');
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'CSV' }).click();
    expect((await download).suggestedFilename()).toMatch(/^scanner-performance-.*\.csv$/);

    await page.getByRole('button', { name: 'Set baseline' }).click();
    await confirmOperatorDialog(page, 'Set performance baseline', 'Set baseline', 'e2e: reference week');
    const audit = await auditOf(request, 'scanner_perf_baseline');
    expect(audit.items.map((entry) => entry.reason)).toContain('e2e: reference week');
  });
});
