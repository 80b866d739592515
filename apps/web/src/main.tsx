import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider, createRouter } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiError } from './api/client.ts';
import { routeTree } from './routeTree.gen.ts';
import { parsePlainSearch, stringifyPlainSearch } from './router/plain-search.ts';
import { onTenantChange } from './tenant/current-tenant.ts';

const MAX_RETRIES = 2;

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A 4xx will not change by asking again; only transport and server failures are retried.
      retry: (failures, error) => !(error instanceof ApiError && error.isClientError) && failures < MAX_RETRIES,
    },
  },
});

// Switching tenant (set by the root route before the new location's pages load) drops every answer of the
// previous tenant and refetches what is on screen: nothing of the other tenant is shown in between.
onTenantChange(() => void queryClient.resetQueries());

const router = createRouter({
  routeTree,
  parseSearch: parsePlainSearch,
  stringifySearch: stringifyPlainSearch,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

const theme = createTheme({ primaryColor: 'indigo' });

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <MantineProvider theme={theme} defaultColorScheme="auto">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
