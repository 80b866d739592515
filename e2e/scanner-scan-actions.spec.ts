import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeTarGz } from '@execops/scanner';
import { expect, test, type APIRequestContext, type Page } from './support/test.ts';
import { apiGet, apiPost, uniqueSuffix } from './support/api.ts';
import { confirmOperatorDialog } from './support/operator.ts';
import { ADVISORY, fixtureApp, npmLockfile, startScan, untilScanSucceeded } from './support/scanner.ts';

const OVERVIEW = '/ops/scanner-ops';
const reason = (text: string) => ({ 'x-operator-reason': text });

/** A file in a fresh temporary directory, answered by its path (what the browser's file chooser is given). */
async function tempFile(name: string, content: Buffer): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'execops-e2e-upload-')), name);
  await writeFile(file, content);
  return file;
}

/** Opens the Start scan dialog on the overview and chooses `file` as the archive to upload. */
async function chooseUpload(page: Page, file: string, targetName?: string) {
  await page.goto(OVERVIEW);
  await page.getByRole('button', { name: 'Start scan' }).click();
  const form = page.getByRole('form', { name: 'Start scan' });
  await form.getByText('Upload an archive').click();
  await form.locator('input[type="file"]').setInputFiles(file);
  if (targetName) await form.getByRole('textbox', { name: 'Target name', exact: true }).fill(targetName);
  await form.getByRole('button', { name: 'Start scan' }).click();
  return form;
}

interface SettingsJson {
  maxTargetBytes: number;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** Starts a scan through the API and waits until it settled; answers its id. */
async function scanToEnd(request: APIRequestContext, path: string, targetName: string): Promise<string> {
  const scanId = await startScan(request, path, targetName);
  await untilScanSucceeded(request, scanId);
  return scanId;
}

async function putSettings(request: APIRequestContext, settings: Omit<SettingsJson, 'updatedAt' | 'updatedBy'>) {
  const res = await request.put('/api/v1/scanner/settings', { data: settings, headers: reason('e2e: upload limit') });
  expect(res.status(), await res.text()).toBe(200);
}

test.describe('scanner scan actions', () => {
  // A scan pipeline (resolve, six analyzers, match, report, compare) on a shared machine.
  test.setTimeout(90_000);

  test('uploads a tar.gz built in the test from the Start scan dialog: the scan runs and shows its findings', async ({ page }) => {
    const archive = writeTarGz([{ path: 'shop/package-lock.json', data: Buffer.from(npmLockfile({ lodash: '4.17.11' })) }]);
    const target = `e2e-upload-${uniqueSuffix()}`;
    await chooseUpload(page, await tempFile('shop.tar.gz', archive), target);
    const follow = page.getByTestId('scan-follow');
    await expect(follow.getByTestId('scan-state')).toHaveText('succeeded');
    await follow.getByRole('link', { name: 'Open its findings' }).click();
    await expect(page).toHaveURL(/\/ops\/scanner-ops\/scans\/[0-9a-f-]{36}$/);
    await expect(page.getByText(`${target} ·`)).toBeVisible();
    await expect(page.getByTestId('finding-row').filter({ hasText: ADVISORY.lodash })).toContainText('lodash');
  });

  test('a file that is no archive, and one over maxTargetBytes, are refused in the dialog with the server’s reason', async ({ page, request }) => {
    const garbage = await chooseUpload(page, await tempFile('notes.txt', Buffer.from('lodash 4.17.11\n'.repeat(100))));
    await expect(garbage.getByTestId('action-error')).toContainText('notes.txt is not a tar or tar.gz archive');
    await expect(garbage.getByTestId('trace-id')).not.toBeEmpty();

    const { updatedAt: _at, updatedBy: _by, ...settings } = await apiGet<SettingsJson>(request, '/scanner/settings');
    await putSettings(request, { ...settings, maxTargetBytes: 1024 * 1024 });
    try {
      const oversize = await chooseUpload(page, await tempFile('big.tar.gz', Buffer.alloc(1024 * 1024 + 1)));
      await expect(oversize.getByTestId('action-error')).toContainText('the target is larger than maxTargetBytes (1048576 bytes)');
      await expect(page.getByTestId('scan-follow')).toHaveCount(0);
    } finally {
      await putSettings(request, settings);
    }
  });

  test('the compare view says which findings were not compared because their analyzer did not run in this scan', async ({ page, request }) => {
    const target = `e2e-not-compared-${uniqueSuffix()}`;
    const app = await fixtureApp({ lodash: '4.17.11' });
    await writeFile(join(app, 'requirements.txt'), 'requests==2.30.0\n');
    const baseline = await scanToEnd(request, app, target);
    await apiPost(request, '/scanner/baselines', { scanId: baseline }, 200, reason('e2e: accepted'));
    await apiPost(request, '/scanner/analyzers/python/disable', undefined, 200, reason('e2e: python off'));
    try {
      const rescan = await scanToEnd(request, app, target);
      await page.goto(`/ops/scanner-ops/scans/${rescan}?tab=compare`);
      await expect(page.getByTestId('comparison-not-compared')).toContainText('python analyzer did not run in this scan: 1 baseline findings not compared');
      const comparison = page.getByTestId('comparison');
      await expect(comparison.getByText('Fixed (0)')).toBeVisible();
      await expect(comparison.getByText('Unchanged (1)')).toBeVisible();
    } finally {
      await apiPost(request, '/scanner/analyzers/python/enable', undefined, 200, reason('e2e: python on'));
    }
  });

  test('cancels a queued scan from its page with a reason; the audit trail has it', async ({ page, request }) => {
    // With the resolve queue paused the scan stays queued until it is canceled.
    await apiPost(request, '/queues/scanner.resolve/pause', undefined, 200, reason('e2e: hold scans'));
    try {
      const target = `e2e-cancel-${uniqueSuffix()}`;
      const app = await fixtureApp({ lodash: '4.17.11' });
      const scanId = await startScan(request, app, target);
      await page.goto(`/ops/scanner-ops/scans/${scanId}`);
      await expect(page.getByTestId('scan-state')).toHaveText('queued');
      await page.getByRole('button', { name: 'Cancel scan' }).click();
      const form = page.getByRole('form', { name: `Cancel scan of ${target}` });
      await form.getByRole('button', { name: 'Cancel scan', exact: true }).click();
      await expect(form.getByText('A reason is required')).toBeVisible();
      await confirmOperatorDialog(page, `Cancel scan of ${target}`, 'Cancel scan', 'e2e: wrong target');
      await expect(page.getByTestId('scan-state')).toHaveText('canceled');
      await expect(page.getByRole('button', { name: 'Cancel scan' })).toHaveCount(0);
      const audit = await apiGet<{ items: Array<{ action: string; reason: string }> }>(request, `/audit?targetType=scan&targetId=${scanId}`);
      expect(audit.items.map((entry) => [entry.action, entry.reason])).toEqual([['scanner.scan.cancel', 'e2e: wrong target']]);
    } finally {
      await apiPost(request, '/queues/scanner.resolve/resume', undefined, 200, reason('e2e: release scans'));
    }
  });
});
