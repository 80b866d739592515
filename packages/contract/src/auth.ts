// API tokens, scopes, tenant lists and console sessions (SPEC §7).
import { z } from 'zod';
import { Tenant } from './jobs.ts';

const isoDate = z.iso.datetime({ offset: true });

/** Every scope a token can carry; `admin` implies all the others. */
export const Scope = z.enum([
  'jobs:read',
  'jobs:operate',
  'quotas:admin',
  'deadletter:operate',
  'scheduler:read',
  'scheduler:admin',
  'workers:operate',
  'worker',
  'scanner:read',
  'scanner:admin',
  'audit:read',
  'admin',
]);
export type Scope = z.infer<typeof Scope>;

/** `*` grants every tenant, present and future. */
export const ALL_TENANTS = '*';
export const TokenTenant = z.union([Tenant, z.literal(ALL_TENANTS)]);

/** Whether scopes grant `needed` (`admin` grants everything). */
export function hasScope(scopes: readonly Scope[], needed: Scope): boolean {
  return scopes.includes('admin') || scopes.includes(needed);
}

/** Whether a tenant list grants `tenant`. */
export function hasTenant(tenants: readonly string[], tenant: string): boolean {
  return tenants.includes(ALL_TENANTS) || tenants.includes(tenant);
}

/** Tokens are `eo_<id>_<secret>`: the id finds the row, the secret is compared with its stored sha256. */
export const TOKEN_PATTERN = /^eo_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export const TokenName = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._@-]{0,63}$/, 'name: letters, digits, space, ".", "_", "@" or "-" (≤ 64)');

export const ApiToken = z
  .object({
    id: z.string(),
    name: z.string(),
    scopes: z.array(Scope),
    tenants: z.array(z.string()),
    createdAt: isoDate,
    createdBy: z.string(),
    lastUsedAt: isoDate.nullable(),
    expiresAt: isoDate.nullable(),
    revokedAt: isoDate.nullable(),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

export const ApiTokenList = z.object({ items: z.array(ApiToken).describe('newest first') }).meta({ id: 'ApiTokenList' });
export type ApiTokenList = z.infer<typeof ApiTokenList>;

export const CreateTokenRequest = z
  .strictObject({
    name: TokenName,
    scopes: z.array(Scope).min(1, 'at least one scope').max(Scope.options.length),
    tenants: z.array(TokenTenant).min(1, 'at least one tenant (or "*")').max(100),
    expiresInDays: z.int().min(1).max(3650).optional().describe('no expiry when absent'),
  })
  .meta({ id: 'CreateTokenRequest' });
export type CreateTokenRequest = z.infer<typeof CreateTokenRequest>;

export const CreatedToken = z
  .object({ token: ApiToken, secret: z.string().describe('the whole token (`eo_<id>_<secret>`), shown this once') })
  .meta({ id: 'CreatedToken' });
export type CreatedToken = z.infer<typeof CreatedToken>;

export const TokenIdParams = z.strictObject({ id: z.string().regex(/^[0-9a-f]{16}$/, 'a token id is 16 hex digits') });

/** A console login: a token, or the one-time code of the first-start login URL. */
export const LoginRequest = z
  .union([z.strictObject({ token: z.string().min(1).max(200) }), z.strictObject({ code: z.string().min(1).max(200) })])
  .meta({ id: 'LoginRequest' });
export type LoginRequest = z.infer<typeof LoginRequest>;

/** Who the console is signed in as; the CSRF token goes in `X-CSRF-Token` on every mutation. */
export const SessionInfo = z
  .object({
    actor: z.string(),
    tokenId: z.string(),
    tokenName: z.string(),
    scopes: z.array(Scope),
    tenants: z.array(z.string()),
    via: z.enum(['session', 'token']),
    csrfToken: z.string().nullable().describe('null for a bearer token, which needs none'),
    expiresAt: isoDate.nullable().describe("the session's end, or the bearer token's expiry"),
  })
  .meta({ id: 'SessionInfo' });
export type SessionInfo = z.infer<typeof SessionInfo>;

export const SESSION_COOKIE = 'execops_session';
export const CSRF_HEADER = 'x-csrf-token';
