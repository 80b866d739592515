import { Group, Stack, Text, Title } from '@mantine/core';
import { useDocumentTitle } from '@mantine/hooks';
import type { ReactNode } from 'react';

interface PageFrameProps {
  title: string;
  summary: string;
  /** The page's primary action, shown next to the title. */
  action?: ReactNode;
  children?: ReactNode;
}

export function PageFrame({ title, summary, action, children }: PageFrameProps) {
  useDocumentTitle(`${title} · execops`);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <div>
          <Title order={1} fz="h2" data-testid="page-title">
            {title}
          </Title>
          <Text c="dimmed" data-testid="page-summary">
            {summary}
          </Text>
        </div>
        {action}
      </Group>
      {children}
    </Stack>
  );
}
