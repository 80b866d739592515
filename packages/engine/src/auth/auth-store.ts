import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ALL_TENANTS, TOKEN_PATTERN, type ApiToken, type CreatedToken, type CreateTokenRequest, type OperatorContext, type Scope } from '@execops/contract';
import { recordAudit } from '../audit/audit-log.ts';
import { withTransaction, type Pool, type Queryable } from '../db/pool.ts';
import {
  AUTHENTICATE_SESSION_SQL,
  AUTHENTICATE_TOKEN_SQL,
  DELETE_SESSION_SQL,
  DELETE_TOKEN_SESSIONS_SQL,
  GET_TOKEN_SQL,
  LIVE_ADMIN_TOKEN_SQL,
  INSERT_LOGIN_CODE_SQL,
  INSERT_SESSION_SQL,
  INSERT_TOKEN_SQL,
  LIST_TOKENS_SQL,
  REVOKE_TOKEN_SQL,
  SPEND_LOGIN_CODE_SQL,
} from './auth-sql.ts';

export class TokenNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`token ${id} not found`);
    this.name = 'TokenNotFoundError';
  }
}

export class TokenConflictError extends Error {
  override name = 'TokenConflictError';
}

/** The token the first start creates; its name is what the audit log shows. */
export const ADMIN_TOKEN_NAME = 'admin';

interface TokenRow {
  id: string;
  name: string;
  scopes: Scope[];
  tenants: string[];
  created_by: string;
  created_at: Date;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface ConsoleSession {
  /** Goes in the HttpOnly cookie; only its hash is stored. */
  sessionId: string;
  csrfToken: string;
  expiresAt: string;
  token: ApiToken;
}

export interface AuthenticatedSession {
  token: ApiToken;
  csrfToken: string;
  expiresAt: string;
}

/** Where an audited auth action is written: the tenant the request acted for. */
export interface AuthAudit {
  tenant: string;
  operator: OperatorContext;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest();
const secret = () => randomBytes(32).toString('base64url');

function toToken(row: TokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes,
    tenants: row.tenants,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
    revokedAt: row.revoked_at?.toISOString() ?? null,
  };
}

const summary = (token: ApiToken) => ({ name: token.name, scopes: token.scopes, tenants: token.tenants, expiresAt: token.expiresAt });

/**
 * API tokens (`eo_<id>_<secret>`, the secret stored as its sha256 and compared in constant time), console sessions
 * bound to a token, and one-time login codes. Every lookup reads the database, so a revocation takes effect at once.
 */
export class AuthStore {
  constructor(private readonly pool: Pool) {}

  /** Creates a token; `presetToken` (a whole `eo_…` value) is for seeding the first admin token from the environment. */
  createToken(request: CreateTokenRequest, audit: AuthAudit, presetToken?: string): Promise<CreatedToken> {
    return withTransaction(this.pool, async (client) => {
      const token = await insertToken(client, request, audit.operator.actor, presetToken);
      await recordAudit(client, [
        { tenant: audit.tenant, operator: audit.operator, action: 'token.create', targetType: 'token', targetId: token.token.id, after: summary(token.token) },
      ]);
      return token;
    });
  }

  async listTokens(): Promise<ApiToken[]> {
    const { rows } = await this.pool.query<TokenRow>(LIST_TOKENS_SQL);
    return rows.map(toToken);
  }

  async getToken(id: string): Promise<ApiToken> {
    const { rows } = await this.pool.query<TokenRow>(GET_TOKEN_SQL, [id]);
    if (!rows[0]) throw new TokenNotFoundError(id);
    return toToken(rows[0]);
  }

  revokeToken(id: string, audit: AuthAudit): Promise<ApiToken> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<TokenRow>(REVOKE_TOKEN_SQL, [id]);
      const row = rows[0];
      if (!row) {
        const existing = await client.query<TokenRow>(GET_TOKEN_SQL, [id]);
        if (existing.rows[0]) throw new TokenConflictError(`token ${id} is already revoked`);
        throw new TokenNotFoundError(id);
      }
      await client.query(DELETE_TOKEN_SESSIONS_SQL, [id]);
      const token = toToken(row);
      await recordAudit(client, [
        { tenant: audit.tenant, operator: audit.operator, action: 'token.revoke', targetType: 'token', targetId: id, before: summary(token), after: { revokedAt: token.revokedAt } },
      ]);
      return token;
    });
  }

  /** The live token a presented `eo_…` value names, or null (unknown, wrong secret, revoked or expired). */
  async authenticateToken(presented: string): Promise<ApiToken | null> {
    const match = TOKEN_PATTERN.exec(presented);
    if (!match) return null;
    const [, id, secretPart] = match as unknown as [string, string, string];
    const { rows } = await this.pool.query<TokenRow & { secret_sha256: Buffer }>(AUTHENTICATE_TOKEN_SQL, [id]);
    const row = rows[0];
    if (!row || !timingSafeEqual(row.secret_sha256, sha256(secretPart))) return null;
    return toToken(row);
  }

  /**
   * On a database without a live all-tenant admin token, creates one (from `presetToken` when given) and a
   * one-time login code for it; returns null when one exists. Serialised across processes by an advisory lock.
   */
  ensureAdminToken(loginCodeSeconds: number, presetToken?: string): Promise<{ created: CreatedToken; loginCode: string } | null> {
    return withTransaction(this.pool, async (client) => {
      await client.query(`SELECT pg_advisory_xact_lock(hashtext('execops.admin-token'))`);
      const { rows } = await client.query<{ id: string }>(LIVE_ADMIN_TOKEN_SQL);
      if (rows.length > 0) return null;
      const created = await insertToken(client, { name: ADMIN_TOKEN_NAME, scopes: ['admin'], tenants: [ALL_TENANTS] }, 'first start', presetToken);
      return { created, loginCode: await insertLoginCode(client, created.token.id, loginCodeSeconds) };
    });
  }

  /**
   * A one-time login code for the oldest live all-tenant admin token, for whoever can start the server (and so
   * already holds its database) but lost the token; null when no such token is live.
   */
  async issueAdminLoginCode(loginCodeSeconds: number): Promise<string | null> {
    const { rows } = await this.pool.query<{ id: string }>(LIVE_ADMIN_TOKEN_SQL);
    const tokenId = rows[0]?.id;
    return tokenId === undefined ? null : insertLoginCode(this.pool, tokenId, loginCodeSeconds);
  }

  /** A console session for a token, audited as a login. */
  createSession(token: ApiToken, ttlSeconds: number, audit: AuthAudit): Promise<ConsoleSession> {
    return withTransaction(this.pool, async (client) => {
      const sessionId = secret();
      const csrfToken = secret();
      const { rows } = await client.query<{ expires_at: Date }>(INSERT_SESSION_SQL, [sha256(sessionId), token.id, csrfToken, ttlSeconds]);
      const expiresAt = (rows[0] as { expires_at: Date }).expires_at.toISOString();
      await recordAudit(client, [
        { tenant: audit.tenant, operator: audit.operator, action: 'auth.login', targetType: 'token', targetId: token.id, after: { sessionExpiresAt: expiresAt } },
      ]);
      return { sessionId, csrfToken, expiresAt, token };
    });
  }

  async authenticateSession(sessionId: string): Promise<AuthenticatedSession | null> {
    const { rows } = await this.pool.query<TokenRow & { csrf_token: string; session_expires_at: Date }>(AUTHENTICATE_SESSION_SQL, [sha256(sessionId)]);
    const row = rows[0];
    return row ? { token: toToken(row), csrfToken: row.csrf_token, expiresAt: row.session_expires_at.toISOString() } : null;
  }

  /** Ends a session (and sweeps sessions expired for a day). */
  async deleteSession(sessionId: string): Promise<void> {
    await this.pool.query(DELETE_SESSION_SQL, [sha256(sessionId)]);
  }

  /** The live token a one-time login code was issued for; the code is spent either way. */
  async spendLoginCode(code: string): Promise<ApiToken | null> {
    const { rows } = await this.pool.query<{ token_id: string }>(SPEND_LOGIN_CODE_SQL, [sha256(code)]);
    const tokenId = rows[0]?.token_id;
    if (!tokenId) return null;
    const token = await this.getToken(tokenId);
    return token.revokedAt || (token.expiresAt && Date.parse(token.expiresAt) <= Date.now()) ? null : token;
  }
}

async function insertLoginCode(db: Queryable, tokenId: string, seconds: number): Promise<string> {
  const code = secret();
  await db.query(INSERT_LOGIN_CODE_SQL, [sha256(code), tokenId, seconds]);
  return code;
}

async function insertToken(db: Queryable, request: CreateTokenRequest, createdBy: string, presetToken?: string): Promise<CreatedToken> {
  let id = randomBytes(8).toString('hex');
  let secretPart = secret();
  if (presetToken !== undefined) {
    const match = TOKEN_PATTERN.exec(presetToken);
    if (!match) throw new TokenConflictError('a preset token must look like eo_<16 hex digits>_<43 base64url characters>');
    [, id, secretPart] = match as unknown as [string, string, string];
  }
  try {
    const { rows } = await db.query<TokenRow>(INSERT_TOKEN_SQL, [
      id,
      request.name,
      sha256(secretPart),
      request.scopes,
      request.tenants,
      createdBy,
      request.expiresInDays ?? null,
    ]);
    return { token: toToken(rows[0] as TokenRow), secret: `eo_${id}_${secretPart}` };
  } catch (error) {
    if ((error as { code?: string }).code === '23505') throw new TokenConflictError(`a live token named "${request.name}" or with this id already exists`);
    throw error;
  }
}
