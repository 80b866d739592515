import { Button, EmptyState } from '@mantine/core';
import { IconFileUnknown } from '@tabler/icons-react';
import { Link, type LinkProps } from '@tanstack/react-router';

interface NotFoundStateProps {
  testId: string;
  title: string;
  description: string;
  /** The list the item belongs to, and the button's words for going there. */
  backTo: LinkProps['to'];
  backLabel: string;
}

/** A detail page whose item does not exist (a 404): what was asked for, and the way back to its list. */
export function NotFoundState({ testId, title, description, backTo, backLabel }: NotFoundStateProps) {
  return (
    <EmptyState data-testid={testId} icon={<IconFileUnknown />} withIndicatorBackground title={title} description={description}>
      <EmptyState.Actions>
        <Button variant="light" renderRoot={(props) => <Link to={backTo} {...props} />}>
          {backLabel}
        </Button>
      </EmptyState.Actions>
    </EmptyState>
  );
}
