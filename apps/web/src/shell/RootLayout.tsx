import { canonicalRoutes } from '@execops/contract';
import { Outlet, useRouterState } from '@tanstack/react-router';
import { AppLayout } from './AppLayout.tsx';

/** The login page stands alone; every other page is inside the console shell (which reads the session). */
export function RootLayout() {
  const pathname = useRouterState({ select: (state) => state.location.pathname });
  return pathname === canonicalRoutes.login ? <Outlet /> : <AppLayout />;
}
