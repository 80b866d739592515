import { resolveLegacyPath } from '@execops/contract';
import { createRootRoute, redirect, retainSearchParams } from '@tanstack/react-router';
import { RootLayout } from '../shell/RootLayout.tsx';
import { NotFoundPage } from '../shell/NotFoundPage.tsx';
import { setCurrentTenant, tenantOf, TenantSearchSchema } from '../tenant/current-tenant.ts';

export const Route = createRootRoute({
  // The tenant is part of every URL: links and navigations that do not name it keep the current one.
  validateSearch: TenantSearchSchema,
  search: { middlewares: [retainSearchParams(['tenant'])] },
  // Same alias table as the server's 308s, for in-app navigation and the dev server.
  beforeLoad: ({ location, search }) => {
    const target = resolveLegacyPath(location.pathname);
    if (target !== null && target !== location.pathname) {
      const hash = location.hash ? `#${location.hash}` : '';
      throw redirect({ href: `${target}${location.searchStr}${hash}`, replace: true });
    }
    // Before any page of this location loads, so its first request already goes to the URL's tenant.
    setCurrentTenant(tenantOf(search));
  },
  component: RootLayout,
  notFoundComponent: NotFoundPage,
});
