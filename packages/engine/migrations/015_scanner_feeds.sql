-- Offline kits of the scanner: trust keys, the site's signing key, verified kits (one feed generation each) with
-- their advisories, the activation history (the active feed = the latest activation) and refused uploads (SPEC §9).

CREATE TABLE scanner_trust_keys (
  kid        text PRIMARY KEY,
  name       text NOT NULL,
  jwk        jsonb NOT NULL,                        -- public OKP/Ed25519 JWK {kty, crv, x, kid}
  added_by   text NOT NULL,
  added_at   timestamptz NOT NULL DEFAULT now(),
  revoked_by text,
  revoked_at timestamptz
);

-- One row: the Ed25519 key this site signs its exported kits with (created on first use).
CREATE TABLE scanner_site_key (
  singleton   boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  kid         text NOT NULL,
  private_jwk jsonb NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE scanner_feed_generation;

CREATE TABLE scanner_kits (
  id          uuid PRIMARY KEY,
  generation  bigint NOT NULL UNIQUE DEFAULT nextval('scanner_feed_generation'),
  version     text NOT NULL,
  created_at  timestamptz NOT NULL,                 -- the manifest's createdAt
  received_at timestamptz NOT NULL DEFAULT now(),
  sha256      text NOT NULL,                        -- of the uploaded bytes
  size        bigint NOT NULL,
  kid         text NOT NULL,
  key_name    text NOT NULL,
  origin      text NOT NULL CHECK (origin IN ('upload', 'first-start')),
  actor       text NOT NULL,
  manifest    jsonb NOT NULL,
  advisories  integer NOT NULL
);

-- A record affecting several packages has one row per (ecosystem, package).
CREATE TABLE scanner_advisories (
  generation   bigint NOT NULL REFERENCES scanner_kits (generation) ON DELETE CASCADE,
  ecosystem    text NOT NULL,
  package_name text NOT NULL,
  advisory_id  text NOT NULL,
  record       jsonb NOT NULL,
  PRIMARY KEY (generation, ecosystem, package_name, advisory_id)
);

CREATE TABLE scanner_feed_activations (
  id           bigserial PRIMARY KEY,
  kit_id       uuid NOT NULL REFERENCES scanner_kits (id),
  kind         text NOT NULL CHECK (kind IN ('import', 'rollback')),
  actor        text NOT NULL,
  activated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE scanner_kit_quarantine (
  id           uuid PRIMARY KEY,
  received_at  timestamptz NOT NULL DEFAULT now(),
  sha256       text NOT NULL,
  size         bigint NOT NULL,
  reason_code  text NOT NULL,
  message      text NOT NULL,
  version      text,                                -- when the manifest could be read
  kid          text,
  origin       text NOT NULL CHECK (origin IN ('upload', 'first-start')),
  actor        text NOT NULL
);
CREATE INDEX scanner_kit_quarantine_received ON scanner_kit_quarantine (received_at DESC);
