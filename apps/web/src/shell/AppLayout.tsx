import { AppShell, ScrollArea } from '@mantine/core';
import { useDisclosure, useHotkeys } from '@mantine/hooks';
import { Outlet } from '@tanstack/react-router';
import { useState } from 'react';
import { ConsoleHeader } from './ConsoleHeader.tsx';
import { ConsoleNav } from './ConsoleNav.tsx';
import { ShortcutHelp } from './ShortcutHelp.tsx';

export function AppLayout() {
  const [navOpened, { toggle }] = useDisclosure();
  const [helpOpened, help] = useDisclosure();
  const [tenantSwitcherOpened, setTenantSwitcherOpened] = useState(false);
  // The shell's keys (SHELL_SHORTCUTS); pages add theirs with usePageShortcuts.
  useHotkeys([
    ['shift+?', help.open],
    ['t', () => setTenantSwitcherOpened(true)],
  ]);
  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpened } }}
      padding="lg"
    >
      <AppShell.Header>
        <ConsoleHeader
          navOpened={navOpened}
          onToggleNav={toggle}
          tenantSwitcherOpened={tenantSwitcherOpened}
          onTenantSwitcher={setTenantSwitcherOpened}
        />
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <ConsoleNav />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Outlet />
      </AppShell.Main>
      <ShortcutHelp opened={helpOpened} onClose={help.close} />
    </AppShell>
  );
}
