-- API tokens (only a sha256 of the secret is kept), console sessions and one-time login codes (SPEC §7).
CREATE TABLE api_tokens (
  id            text PRIMARY KEY,                 -- 16 hex digits, the `<id>` of `eo_<id>_<secret>`
  name          text NOT NULL,
  secret_sha256 bytea NOT NULL,
  scopes        text[] NOT NULL CHECK (cardinality(scopes) > 0),
  tenants       text[] NOT NULL CHECK (cardinality(tenants) > 0),  -- '*' = every tenant
  created_by    text NOT NULL,
  created_at    timestamptz NOT NULL DEFAULT now(),
  last_used_at  timestamptz,
  expires_at    timestamptz,
  revoked_at    timestamptz
);
-- A name says who acts in the audit log, so two live tokens never share one.
CREATE UNIQUE INDEX api_tokens_live_name ON api_tokens (name) WHERE revoked_at IS NULL;

CREATE TABLE auth_sessions (
  id_sha256  bytea PRIMARY KEY,                   -- the cookie holds the id; only its hash is stored
  token_id   text NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX auth_sessions_token ON auth_sessions (token_id);

CREATE TABLE login_codes (
  code_sha256 bytea PRIMARY KEY,
  token_id    text NOT NULL REFERENCES api_tokens (id) ON DELETE CASCADE,
  expires_at  timestamptz NOT NULL,
  used_at     timestamptz
);
