import { STREAM_SCOPES, type Scope } from '@execops/contract';

/**
 * Who may call a route. `public`: anyone. `signed-in`: any valid credential. `scoped`: a credential with one of the
 * scopes (`admin` grants all) and the tenant the request acts for (`request`), or every tenant (`all`: routes whose
 * data spans tenants, like the worker protocol, whose leases are not limited by tenant, and the token admin).
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'signed-in' }
  | { kind: 'scoped'; scopes: readonly [Scope, ...Scope[]]; tenants: 'request' | 'all'; tenantQuery?: true };

const PUBLIC: RouteAccess = { kind: 'public' };
const SIGNED_IN: RouteAccess = { kind: 'signed-in' };
const tenant = (scope: Scope): RouteAccess => ({ kind: 'scoped', scopes: [scope], tenants: 'request' });
const everyTenant = (scope: Scope): RouteAccess => ({ kind: 'scoped', scopes: [scope], tenants: 'all' });

/**
 * The one table from `/api/v1` route to access, keyed `METHOD url-pattern`. The server refuses to start when an
 * `/api/v1` route has no entry here, so a new route cannot go out unprotected by mistake.
 */
export const ROUTE_ACCESS: Readonly<Record<string, RouteAccess>> = {
  'GET /api/v1/healthz': PUBLIC,
  'GET /api/v1/readyz': PUBLIC,
  'POST /api/v1/auth/login': PUBLIC,
  'POST /api/v1/auth/logout': PUBLIC,
  'GET /api/v1/auth/session': SIGNED_IN,

  'GET /api/v1/tokens': everyTenant('admin'),
  'POST /api/v1/tokens': everyTenant('admin'),
  'POST /api/v1/tokens/:id/revoke': everyTenant('admin'),

  'GET /api/v1/audit': tenant('audit:read'),
  'GET /api/v1/overview': tenant('jobs:read'),
  // Any caller, answered with the tenants its token may act for.
  'GET /api/v1/tenants': SIGNED_IN,
  // A token that reads any topic; the route itself leaves out the requested topics the token cannot read.
  'GET /api/v1/events': { kind: 'scoped', scopes: STREAM_SCOPES, tenants: 'request', tenantQuery: true },

  'POST /api/v1/jobs': tenant('jobs:operate'),
  'POST /api/v1/jobs/batch': tenant('jobs:operate'),
  'GET /api/v1/jobs': tenant('jobs:read'),
  'GET /api/v1/jobs/:id': tenant('jobs:read'),
  'GET /api/v1/jobs/:id/events': tenant('jobs:read'),
  'GET /api/v1/jobs/:id/logs': tenant('jobs:read'),
  'GET /api/v1/jobs/:id/artifacts': tenant('jobs:read'),
  'GET /api/v1/jobs/:id/dag': tenant('jobs:read'),
  'POST /api/v1/jobs/:id/cancel': tenant('jobs:operate'),
  'POST /api/v1/jobs/:id/replay': tenant('jobs:operate'),
  'POST /api/v1/jobs/:id/priority': tenant('jobs:operate'),
  'POST /api/v1/jobs/bulk/cancel': tenant('jobs:operate'),
  'POST /api/v1/jobs/bulk/replay': tenant('jobs:operate'),
  'POST /api/v1/jobs/bulk/priority': tenant('jobs:operate'),
  'POST /api/v1/pipelines': tenant('jobs:operate'),

  'GET /api/v1/queues/health': tenant('jobs:read'),
  'POST /api/v1/queues/:queue/pause': tenant('jobs:operate'),
  'POST /api/v1/queues/:queue/resume': tenant('jobs:operate'),

  'GET /api/v1/quotas': tenant('jobs:read'),
  'GET /api/v1/quotas/export': tenant('jobs:read'),
  'POST /api/v1/quotas': tenant('quotas:admin'),
  'PUT /api/v1/quotas/:jobType': tenant('quotas:admin'),
  'DELETE /api/v1/quotas/:jobType': tenant('quotas:admin'),
  'POST /api/v1/quotas/:jobType/pause': tenant('quotas:admin'),
  'POST /api/v1/quotas/:jobType/resume': tenant('quotas:admin'),

  'GET /api/v1/dead-letter': tenant('jobs:read'),
  'GET /api/v1/dead-letter/stats': tenant('jobs:read'),
  'GET /api/v1/dead-letter/export': tenant('jobs:read'),
  'GET /api/v1/dead-letter/:id': tenant('jobs:read'),
  'POST /api/v1/dead-letter/:id/replay': tenant('deadletter:operate'),
  'POST /api/v1/dead-letter/:id/resolve': tenant('deadletter:operate'),
  'POST /api/v1/dead-letter/bulk/replay': tenant('deadletter:operate'),
  'POST /api/v1/dead-letter/bulk/resolve': tenant('deadletter:operate'),

  'GET /api/v1/schedules': tenant('scheduler:read'),
  'GET /api/v1/schedules/:id': tenant('scheduler:read'),
  'GET /api/v1/schedules/:id/preview': tenant('scheduler:read'),
  // A preview of an unsaved cron changes nothing.
  'POST /api/v1/schedules/preview': tenant('scheduler:read'),
  'POST /api/v1/schedules': tenant('scheduler:admin'),
  'PATCH /api/v1/schedules/:id': tenant('scheduler:admin'),
  'DELETE /api/v1/schedules/:id': tenant('scheduler:admin'),
  'POST /api/v1/schedules/:id/enable': tenant('scheduler:admin'),
  'POST /api/v1/schedules/:id/disable': tenant('scheduler:admin'),
  'POST /api/v1/schedules/:id/pause': tenant('scheduler:admin'),
  'POST /api/v1/schedules/:id/resume': tenant('scheduler:admin'),
  'POST /api/v1/schedules/:id/trigger': tenant('scheduler:admin'),
  'GET /api/v1/runs': tenant('scheduler:read'),
  'GET /api/v1/runs/:id': tenant('scheduler:read'),
  'GET /api/v1/runs/:id/stream': { kind: 'scoped', scopes: ['scheduler:read'], tenants: 'request', tenantQuery: true },
  'GET /api/v1/scheduler/status': tenant('scheduler:read'),
  'POST /api/v1/runs/:id/cancel': tenant('scheduler:admin'),
  'POST /api/v1/runs/:id/retry-failed': tenant('scheduler:admin'),

  'GET /api/v1/workers': tenant('jobs:read'),
  'GET /api/v1/workers/:id': tenant('jobs:read'),
  'POST /api/v1/workers/:id/drain': tenant('workers:operate'),
  'POST /api/v1/workers/:id/resume': tenant('workers:operate'),

  // Kits, feeds and trust keys are site-wide: any tenant's scanner:read token reads them, changes need every tenant.
  'GET /api/v1/scanner/kits': tenant('scanner:read'),
  'GET /api/v1/scanner/kits/quarantine': tenant('scanner:read'),
  'GET /api/v1/scanner/kits/:id': tenant('scanner:read'),
  'POST /api/v1/scanner/kits/import': everyTenant('scanner:admin'),
  'POST /api/v1/scanner/kits/rollback': everyTenant('scanner:admin'),
  'POST /api/v1/scanner/kits/export': everyTenant('scanner:admin'),
  'GET /api/v1/scanner/feed': tenant('scanner:read'),
  'GET /api/v1/scanner/trust-keys': tenant('scanner:read'),
  'POST /api/v1/scanner/trust-keys': everyTenant('scanner:admin'),
  'POST /api/v1/scanner/trust-keys/:kid/revoke': everyTenant('scanner:admin'),
  // Creates the site key on first use, so it needs what export needs.
  'GET /api/v1/scanner/site-key': everyTenant('scanner:admin'),

  'POST /api/v1/worker/register': everyTenant('worker'),
  'POST /api/v1/worker/lease': everyTenant('worker'),
  'POST /api/v1/worker/heartbeat': everyTenant('worker'),
  'POST /api/v1/worker/deregister': everyTenant('worker'),
  'POST /api/v1/worker/jobs/:id/heartbeat': everyTenant('worker'),
  'POST /api/v1/worker/jobs/:id/complete': everyTenant('worker'),
  'POST /api/v1/worker/jobs/:id/fail': everyTenant('worker'),
  'POST /api/v1/worker/jobs/:id/log': everyTenant('worker'),
  'POST /api/v1/worker/jobs/:id/artifact': everyTenant('worker'),

  // Scans, uploads and baselines belong to the tenant; analyzers, performance and settings are site-wide, so their
  // changes need a token for every tenant.
  'GET /api/v1/scanner/settings': tenant('scanner:read'),
  'PUT /api/v1/scanner/settings': everyTenant('scanner:admin'),
  'POST /api/v1/scanner/uploads': tenant('scanner:admin'),
  'POST /api/v1/scanner/scans': tenant('scanner:admin'),
  'POST /api/v1/scanner/scans/:id/cancel': tenant('scanner:admin'),
  'GET /api/v1/scanner/scans': tenant('scanner:read'),
  'GET /api/v1/scanner/scans/:id': tenant('scanner:read'),
  'GET /api/v1/scanner/scans/:id/events': tenant('scanner:read'),
  'GET /api/v1/scanner/scans/:id/components': tenant('scanner:read'),
  'GET /api/v1/scanner/scans/:id/findings': tenant('scanner:read'),
  'GET /api/v1/scanner/scans/:id/sbom': tenant('scanner:read'),
  'GET /api/v1/scanner/scans/:id/compare': tenant('scanner:read'),
  'GET /api/v1/scanner/baselines': tenant('scanner:read'),
  'POST /api/v1/scanner/baselines': tenant('scanner:admin'),
  'GET /api/v1/scanner/analyzers': tenant('scanner:read'),
  'POST /api/v1/scanner/analyzers/:id/enable': everyTenant('scanner:admin'),
  'POST /api/v1/scanner/analyzers/:id/disable': everyTenant('scanner:admin'),
  'POST /api/v1/scanner/analyzers/refresh': everyTenant('scanner:admin'),
  'GET /api/v1/scanner/performance': tenant('scanner:read'),
  'GET /api/v1/scanner/performance/export': tenant('scanner:read'),
  'GET /api/v1/scanner/performance/baselines': tenant('scanner:read'),
  'POST /api/v1/scanner/performance/baselines': everyTenant('scanner:admin'),
};

export const API_PREFIX = '/api/v1';

/** The access entry of a route; HEAD (Fastify adds one per GET) shares its GET's. */
export function routeAccess(method: string, url: string): RouteAccess | undefined {
  const normalised = url.length > 1 ? url.replace(/\/$/, '') : url;
  return ROUTE_ACCESS[`${method === 'HEAD' ? 'GET' : method} ${normalised}`];
}
