import { CONSOLE_HOME } from '@execops/contract';
import { Button, EmptyState } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link, useLocation } from '@tanstack/react-router';
import { PageFrame } from '../components/PageFrame.tsx';

export function NotFoundPage() {
  const pathname = useLocation({ select: (location) => location.pathname });
  return (
    <PageFrame title="Page not found" summary={`Nothing lives at ${pathname}.`}>
      <EmptyState
        icon={<IconMapOff />}
        withIndicatorBackground
        title="404"
        description="The address may be mistyped, or the page was removed."
      >
        <EmptyState.Actions>
          <Button renderRoot={(props) => <Link to={CONSOLE_HOME} {...props} />}>Go to the console home</Button>
        </EmptyState.Actions>
      </EmptyState>
    </PageFrame>
  );
}
