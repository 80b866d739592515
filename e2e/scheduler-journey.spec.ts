import { expect, test } from './support/test.ts';
import { unhandledJobType } from './support/api.ts';
import { confirmOperatorDialog } from './support/operator.ts';
import { leaseOne } from './support/worker-protocol.ts';

// The operator's whole path through the scheduler: a schedule made in the editor, run by hand, followed live.
test('create a schedule in the editor, trigger it now and follow its run stream to completion', async ({ page, request }) => {
  test.setTimeout(90_000);
  const name = unhandledJobType('journey');
  await page.goto('/ops/operations/scheduler/schedules');
  await page.getByRole('button', { name: 'New schedule' }).click();
  const form = page.getByRole('form', { name: 'Create schedule' });
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Job type').fill(name);
  await form.getByLabel('Cron').fill('0 3 * * *');
  await form.getByLabel('Reason').fill('nightly job for the journey test');
  await expect(form.getByTestId('fire-preview-row')).toHaveCount(10);
  await form.getByRole('button', { name: 'Create schedule' }).click();
  await expect(form).toBeHidden();

  const panel = page.getByTestId('schedule-detail');
  await panel.getByRole('button', { name: 'Trigger now' }).click();
  await confirmOperatorDialog(page, `Trigger schedule ${name}`, 'Trigger now', 'run it now for the journey test');
  await page.getByTestId('trigger-handoff').getByRole('link', { name: 'Follow run' }).click();
  await expect(page).toHaveURL(/\/ops\/operations\/scheduler\/runs\/[0-9a-f-]{36}\/stream$/);
  await expect(page.getByTestId('run-state')).toHaveText('queued');
  await expect(page.getByTestId('stream-status')).toHaveText('Live');

  // A worker for the job type picks the run's job up, logs and finishes it while the page watches.
  const job = await leaseOne(request, { name: `journey-worker-${name}`, jobType: name });
  await expect(page.getByTestId('run-state')).toHaveText('running');
  await job.log([{ level: 'info', message: 'exported 42 rows' }]);
  await expect(page.getByTestId('run-event').filter({ hasText: 'exported 42 rows' })).toHaveCount(1);
  await job.complete({ rows: 42 });
  await expect(page.getByTestId('run-progress')).toHaveAttribute('data-percent', '100');
  await expect(page.getByTestId('run-state')).toHaveText('completed');
  await expect(page.getByTestId('stream-status')).toHaveText('Ended');
});
