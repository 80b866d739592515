import { EmptyState } from '@mantine/core';
import { IconHourglassEmpty } from '@tabler/icons-react';
import type { ReactNode } from 'react';

interface NotAvailableYetProps {
  /** What is missing and what it waits for. */
  message: string;
  /** Links to the parts of the console that already work. */
  children?: ReactNode;
}

export function NotAvailableYet({ message, children }: NotAvailableYetProps) {
  return (
    <EmptyState
      data-testid="not-available-yet"
      icon={<IconHourglassEmpty />}
      withIndicatorBackground
      title="Not available yet"
      description={message}
    >
      {children && <EmptyState.Actions>{children}</EmptyState.Actions>}
    </EmptyState>
  );
}
