// One SQL constant per auth operation.

export const TOKEN_COLUMNS = 'id, name, scopes, tenants, created_by, created_at, last_used_at, expires_at, revoked_at';

export const INSERT_TOKEN_SQL = `
INSERT INTO api_tokens (id, name, secret_sha256, scopes, tenants, created_by, expires_at)
VALUES ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7::int))
RETURNING ${TOKEN_COLUMNS}`;

/** A live token by id, with its hash to compare; touches last_used_at at most once a minute. */
export const AUTHENTICATE_TOKEN_SQL = `
WITH touched AS (
  UPDATE api_tokens SET last_used_at = now()
  WHERE id = $1 AND revoked_at IS NULL AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
)
SELECT ${TOKEN_COLUMNS}, secret_sha256 FROM api_tokens
WHERE id = $1 AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())`;

export const LIST_TOKENS_SQL = `SELECT ${TOKEN_COLUMNS} FROM api_tokens ORDER BY created_at DESC, id DESC`;

export const GET_TOKEN_SQL = `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE id = $1`;

export const REVOKE_TOKEN_SQL = `
UPDATE api_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING ${TOKEN_COLUMNS}`;

/** Revoking a token ends its console sessions and unused login codes with it. */
export const DELETE_TOKEN_SESSIONS_SQL = `
WITH codes AS (DELETE FROM login_codes WHERE token_id = $1) DELETE FROM auth_sessions WHERE token_id = $1`;

/** The oldest live token with scope admin for every tenant. */
export const LIVE_ADMIN_TOKEN_SQL = `
SELECT id FROM api_tokens
WHERE revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now()) AND 'admin' = ANY (scopes) AND '*' = ANY (tenants)
ORDER BY created_at, id
LIMIT 1`;

export const INSERT_SESSION_SQL = `
INSERT INTO auth_sessions (id_sha256, token_id, csrf_token, expires_at)
VALUES ($1, $2, $3, now() + make_interval(secs => $4::int))
RETURNING expires_at`;

/** A live session of a live token. */
export const AUTHENTICATE_SESSION_SQL = `
SELECT ${TOKEN_COLUMNS.split(', ').map((c) => `t.${c}`).join(', ')}, s.csrf_token, s.expires_at AS session_expires_at
FROM auth_sessions s JOIN api_tokens t ON t.id = s.token_id
WHERE s.id_sha256 = $1 AND s.expires_at > now() AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > now())`;

export const DELETE_SESSION_SQL = `DELETE FROM auth_sessions WHERE id_sha256 = $1 OR expires_at < now() - interval '1 day'`;

export const INSERT_LOGIN_CODE_SQL = `
INSERT INTO login_codes (code_sha256, token_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3::int))`;

/** Spends a one-time code: a second use, or a late one, finds nothing. */
export const SPEND_LOGIN_CODE_SQL = `
UPDATE login_codes SET used_at = now()
WHERE code_sha256 = $1 AND used_at IS NULL AND expires_at > now()
RETURNING token_id`;
