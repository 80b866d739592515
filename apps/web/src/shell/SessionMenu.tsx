import { ALL_TENANTS } from '@execops/contract';
import { Button, Menu, Text } from '@mantine/core';
import { IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { authApi } from '../api/auth-api.ts';
import { loginHref } from '../api/client.ts';
import { useSession } from '../features/auth/use-session.ts';

/** Who the console is signed in as (token, scopes, tenants) and the way out. */
export function SessionMenu() {
  const session = useSession();
  const logout = useMutation({
    mutationFn: authApi.logout,
    onSuccess: () => window.location.assign(loginHref(`${window.location.pathname}${window.location.search}${window.location.hash}`)),
  });
  const data = session.data;
  return (
    <Menu position="bottom-end" width={300} withinPortal>
      <Menu.Target>
        <Button variant="subtle" color="gray" size="compact-sm" leftSection={<IconUserCircle size={18} />} data-testid="session-menu">
          {data?.tokenName ?? 'Session'}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {data && (
          <>
            <Menu.Label>Signed in with token “{data.tokenName}”</Menu.Label>
            <Text size="xs" px="sm" pb={4} data-testid="session-scopes">
              Scopes: {data.scopes.join(', ')}
            </Text>
            <Text size="xs" px="sm" pb="xs">
              Tenants: {data.tenants.includes(ALL_TENANTS) ? 'all' : data.tenants.join(', ')}
            </Text>
            <Menu.Divider />
          </>
        )}
        {session.error && (
          <Text size="xs" c="red" px="sm" pb="xs">
            {session.error.message}
          </Text>
        )}
        <Menu.Item leftSection={<IconLogout size={16} />} onClick={() => logout.mutate()} disabled={logout.isPending}>
          Sign out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
