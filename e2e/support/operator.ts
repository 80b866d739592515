import { expect, type Page } from '@playwright/test';

/** Gives the reason (and ticket) in the operator dialog titled `title`, presses `button` and waits for it to close. */
export async function confirmOperatorDialog(page: Page, title: string, button: string, reason: string, ticket?: string): Promise<void> {
  const form = page.getByRole('form', { name: title });
  await form.getByLabel('Reason').fill(reason);
  if (ticket) await form.getByLabel('Ticket').fill(ticket);
  await form.getByRole('button', { name: button, exact: true }).click();
  await expect(form).toBeHidden();
}
