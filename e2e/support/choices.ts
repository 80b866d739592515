import type { Page } from '@playwright/test';

/**
 * A SegmentedControl or Chip choice by its exact label (the input itself is hidden behind the label):
 * `choice(page, 'warn+')`.
 */
export const choice = (page: Page, label: string) => page.locator('label').filter({ hasText: new RegExp(`^${label.replace('+', '\\+')}$`) });
