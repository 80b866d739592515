import { DEFAULT_TENANT, TENANT_PATTERN } from '@execops/contract';
import { z } from 'zod';
import { toText } from '../features/jobs/jobs-search.ts';

/**
 * The tenant the console acts for. It lives in the URL (`?tenant=`, kept across every navigation by the root
 * route); the root route copies it here before each page loads, and the API client and the live connection read
 * it from here, so every request sends `X-Tenant` and the event stream asks for `?tenant=`.
 */
let current: string = DEFAULT_TENANT;
const listeners = new Set<(tenant: string) => void>();

export function currentTenant(): string {
  return current;
}

export function setCurrentTenant(tenant: string): void {
  if (tenant === current) return;
  current = tenant;
  for (const listener of listeners) listener(tenant);
}

export function onTenantChange(listener: (tenant: string) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The root route's search: `tenant` when it is a valid tenant name other than the default (a bad one is ignored). */
export const TenantSearchSchema = z.object({
  tenant: z
    .unknown()
    .transform((value) => {
      const text = toText(value);
      return text !== undefined && text !== DEFAULT_TENANT && TENANT_PATTERN.test(text) ? text : undefined;
    })
    .optional(),
});

/** The tenant a URL's search acts for. */
export const tenantOf = (search: { tenant?: string | undefined }): string => search.tenant ?? DEFAULT_TENANT;

/** The search value that selects `tenant`: none for the default tenant, so its URLs stay as they were. */
export const tenantSearchValue = (tenant: string): string | undefined => (tenant === DEFAULT_TENANT ? undefined : tenant);
