import { NavLink, Stack } from '@mantine/core';
import { Link, useLocation } from '@tanstack/react-router';
import { NAV_SECTIONS, isActive, type NavItem } from './navigation.ts';

interface ConsoleNavLinkProps {
  item: NavItem;
  active: boolean;
  section?: boolean;
}

function ConsoleNavLink({ item, active, section = false }: ConsoleNavLinkProps) {
  return (
    <NavLink
      label={item.label}
      active={active}
      fw={section ? 600 : undefined}
      pl={section ? undefined : 'xl'}
      // Link sets aria-current itself, which Mantine also styles as active, so both must agree on exactness.
      renderRoot={(props) => (
        <Link to={item.to} activeOptions={{ exact: section, includeSearch: false }} {...props} />
      )}
    />
  );
}

export function ConsoleNav() {
  const pathname = useLocation({ select: (location) => location.pathname });
  return (
    <Stack gap={2} component="nav" aria-label="Operations">
      {NAV_SECTIONS.map((section) => (
        <div key={section.id}>
          <ConsoleNavLink item={section} section active={isActive(pathname, section.to, true)} />
          {section.links.map((link) => (
            <ConsoleNavLink key={link.to} item={link} active={isActive(pathname, link.to, false)} />
          ))}
        </div>
      ))}
    </Stack>
  );
}
