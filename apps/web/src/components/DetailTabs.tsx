import { Stack, Tabs } from '@mantine/core';
import type { ReactNode } from 'react';

interface DetailTabsProps<T extends string> {
  /** The tab the URL names. */
  value: T;
  /** Every tab in display order, with its label. */
  labels: Record<T, string>;
  /** The caller validates and writes the tab into the URL. */
  onChange: (next: string | null) => void;
  /** One `Tabs.Panel` per tab; only the shown one is mounted. */
  children: ReactNode;
}

/** The tab strip of a detail page, its panels spaced below it. */
export function DetailTabs<T extends string>({ value, labels, onChange, children }: DetailTabsProps<T>) {
  return (
    <Tabs value={value} onChange={onChange} keepMounted={false}>
      <Tabs.List>
        {Object.entries<string>(labels).map(([tab, label]) => (
          <Tabs.Tab key={tab} value={tab}>
            {label}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      <Stack gap="md" pt="md">
        {children}
      </Stack>
    </Tabs>
  );
}
