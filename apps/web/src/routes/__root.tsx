import { resolveLegacyPath } from '@execops/contract';
import { createRootRoute, redirect } from '@tanstack/react-router';
import { RootLayout } from '../shell/RootLayout.tsx';
import { NotFoundPage } from '../shell/NotFoundPage.tsx';

export const Route = createRootRoute({
  // Same alias table as the server's 308s, for in-app navigation and the dev server.
  beforeLoad: ({ location }) => {
    const target = resolveLegacyPath(location.pathname);
    if (target === null || target === location.pathname) return;
    const hash = location.hash ? `#${location.hash}` : '';
    throw redirect({ href: `${target}${location.searchStr}${hash}`, replace: true });
  },
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});
