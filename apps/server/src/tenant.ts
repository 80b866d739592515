import { DEFAULT_TENANT, TENANT_PATTERN } from '@execops/contract';
import type { FastifyRequest } from 'fastify';
import { ApiError } from './error-envelope.ts';

/** The tenant a request acts for: the `X-Tenant` header, or the default tenant. */
export function requestTenant(request: FastifyRequest): string {
  const header = request.headers['x-tenant'];
  if (header === undefined) return DEFAULT_TENANT;
  if (typeof header !== 'string' || !TENANT_PATTERN.test(header))
    throw new ApiError(400, 'bad_request', 'X-Tenant must be lowercase letters, digits, "_" or "-" (≤ 63)');
  return header;
}

/** The event stream's tenant: `?tenant=` (EventSource cannot send headers), else as {@link requestTenant}. */
export function streamTenant(request: FastifyRequest): string {
  const { tenant } = request.query as { tenant?: unknown };
  if (tenant === undefined) return requestTenant(request);
  if (typeof tenant !== 'string' || !TENANT_PATTERN.test(tenant))
    throw new ApiError(400, 'bad_request', 'tenant must be lowercase letters, digits, "_" or "-" (≤ 63)');
  return tenant;
}
