import { TENANT_PATTERN } from '@execops/contract';
import { Button, Divider, NavLink, Popover, ScrollArea, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconBuildingWarehouse, IconChevronDown } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTenants } from '../api/overview-queries.ts';
import { tenantOf, tenantSearchValue } from '../tenant/current-tenant.ts';

interface TenantSwitcherProps {
  opened: boolean;
  onChange: (opened: boolean) => void;
}

const INVALID = 'Lowercase letters, digits, "_" or "-", up to 63, starting with a letter or digit';

/**
 * The tenant the console acts for, from the URL. Switching keeps the page and its filters and puts the new tenant
 * in the URL; every query is dropped and refetched for it (see main.tsx).
 */
export function TenantSwitcher({ opened, onChange }: TenantSwitcherProps) {
  const tenant = useSearch({ strict: false, select: tenantOf });
  const navigate = useNavigate();
  const tenants = useTenants(opened);
  const [other, setOther] = useState('');
  const [error, setError] = useState<string | null>(null);

  const switchTo = (next: string) => {
    onChange(false);
    setOther('');
    setError(null);
    if (next !== tenant) void navigate({ to: '.', search: (prev) => ({ ...prev, tenant: tenantSearchValue(next) }) });
  };
  const submitOther = (event: FormEvent) => {
    event.preventDefault();
    const name = other.trim();
    if (!TENANT_PATTERN.test(name)) return setError(INVALID);
    switchTo(name);
  };

  const known = tenants.data?.items ?? [];
  return (
    <Popover opened={opened} onChange={onChange} position="bottom-end" shadow="md" width={260} trapFocus>
      <Popover.Target>
        <Button
          variant="default"
          size="xs"
          leftSection={<IconBuildingWarehouse size={14} />}
          rightSection={<IconChevronDown size={14} />}
          onClick={() => onChange(!opened)}
          aria-label={`Tenant ${tenant}: switch tenant`}
          data-testid="tenant-switcher"
        >
          {tenant}
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            Tenants with jobs, schedules, quotas or workers
          </Text>
          {tenants.isPending && <Skeleton height={28} data-testid="tenants-loading" />}
          {tenants.isError && (
            <Text size="xs" c="red" data-testid="tenants-error">
              Tenants could not be listed: {tenants.error.message}
            </Text>
          )}
          <ScrollArea.Autosize mah={220} type="auto">
            <Stack gap={0} role="listbox" aria-label="Tenants">
              {known.map((name) => (
                <NavLink key={name} label={name} active={name === tenant} role="option" aria-selected={name === tenant} onClick={() => switchTo(name)} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
          <Divider />
          <form onSubmit={submitOther} noValidate>
            <Stack gap="xs">
              <TextInput
                size="xs"
                label="Another tenant"
                placeholder="tenant name"
                value={other}
                onChange={(event) => {
                  setOther(event.currentTarget.value);
                  setError(null);
                }}
                error={error}
                data-testid="tenant-input"
              />
              <Button type="submit" size="xs" variant="light" disabled={other.trim() === ''}>
                Switch
              </Button>
            </Stack>
          </form>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
