import { Button, EmptyState } from '@mantine/core';
import { Link, type LinkProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';

export interface LinkEmptyStateProps {
  testId: string;
  icon: ReactNode;
  title: string;
  description: string;
  /** Where to go from here, and the button's words for it. */
  to: LinkProps['to'];
  linkLabel: string;
}

/** Nothing to show here, with one link-button to the page that helps next. */
export function LinkEmptyState({ testId, icon, title, description, to, linkLabel }: LinkEmptyStateProps) {
  return (
    <EmptyState data-testid={testId} icon={icon} withIndicatorBackground title={title} description={description}>
      <EmptyState.Actions>
        <Button variant="light" renderRoot={(props) => <Link to={to} {...props} />}>
          {linkLabel}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
