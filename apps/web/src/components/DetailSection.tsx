import { Paper, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled, bordered block inside a detail page's tab. */
export function DetailSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder p="md">
      <Title order={2} fz="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}
