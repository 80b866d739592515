import { worstStatus } from '@execops/contract';
import { describe, expect, it } from 'vitest';
import { tenantOf, TenantSearchSchema, tenantSearchValue } from '../src/tenant/current-tenant.ts';

describe('the tenant in the URL', () => {
  it('keeps a valid tenant name and acts for the default tenant without one', () => {
    expect(TenantSearchSchema.parse({ tenant: 'acme-eu' })).toEqual({ tenant: 'acme-eu' });
    expect(tenantOf(TenantSearchSchema.parse({}))).toBe('default');
    expect(tenantOf(TenantSearchSchema.parse({ tenant: 'acme-eu' }))).toBe('acme-eu');
  });

  it('ignores what is no tenant name (the API would refuse it), and a numeric name arrives as text', () => {
    for (const bad of ['Acme', 'a b', '-lead', 'x'.repeat(64), '', ['a', 'b']]) {
      expect(TenantSearchSchema.parse({ tenant: bad }).tenant).toBeUndefined();
    }
    expect(TenantSearchSchema.parse({ tenant: 42 })).toEqual({ tenant: '42' });
  });

  it('leaves the default tenant out of the URL', () => {
    expect(TenantSearchSchema.parse({ tenant: 'default' }).tenant).toBeUndefined();
    expect(tenantSearchValue('default')).toBeUndefined();
    expect(tenantSearchValue('acme')).toBe('acme');
  });
});

describe('worstStatus', () => {
  it('ranks BLOCKING over DEGRADED over INFO, INFO for none', () => {
    expect(worstStatus([])).toBe('INFO');
    expect(worstStatus(['INFO', 'DEGRADED', 'INFO'])).toBe('DEGRADED');
    expect(worstStatus(['DEGRADED', 'BLOCKING', 'INFO'])).toBe('BLOCKING');
  });
});
