import { Group, Stack, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A titled block inside a detail drawer; `aside` sits at the title's right (a link to the full list, say). */
export function DrawerSection({ title, aside, children }: { title: string; aside?: ReactNode; children: ReactNode }) {
  const heading = (
    <Title order={3} fz="h4">
      {title}
    </Title>
  );
  return (
    <Stack gap="xs">
      {aside ? (
        <Group justify="space-between">
          {heading}
          {aside}
        </Group>
      ) : (
        heading
      )}
      {children}
    </Stack>
  );
}
