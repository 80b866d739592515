import { Burger, Group, Text } from '@mantine/core';
import { ColorSchemeToggle } from './ColorSchemeToggle.tsx';
import { ConsoleBreadcrumbs } from './ConsoleBreadcrumbs.tsx';
import { TenantSwitcher } from './TenantSwitcher.tsx';
import { SessionMenu } from './SessionMenu.tsx';
import { TimeZoneToggle } from './TimeZoneToggle.tsx';

interface ConsoleHeaderProps {
  navOpened: boolean;
  onToggleNav: () => void;
  tenantSwitcherOpened: boolean;
  onTenantSwitcher: (opened: boolean) => void;
}

export function ConsoleHeader({ navOpened, onToggleNav, tenantSwitcherOpened, onTenantSwitcher }: ConsoleHeaderProps) {
  return (
    <Group h="100%" px="md" justify="space-between" wrap="nowrap">
      <Group gap="lg" wrap="nowrap">
        <Burger opened={navOpened} onClick={onToggleNav} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />
        <Text fw={700} fz="lg">
          execops
        </Text>
        <ConsoleBreadcrumbs />
      </Group>
      <Group gap="sm" wrap="nowrap">
        <TenantSwitcher opened={tenantSwitcherOpened} onChange={onTenantSwitcher} />
        <TimeZoneToggle />
        <ColorSchemeToggle />
        <SessionMenu />
      </Group>
    </Group>
  );
}
