// One SQL constant per feed read; the active feed is the kit of the latest activation.

export const ACTIVE_KIT_SQL = `
SELECT k.id, k.generation, k.version, k.created_at, k.key_name, k.origin, k.manifest, k.advisories, a.activated_at,
       extract(epoch FROM now() - k.created_at)::float8 AS age_seconds
FROM scanner_feed_activations a JOIN scanner_kits k ON k.id = a.kit_id
ORDER BY a.id DESC LIMIT 1`;

const ACTIVE_GENERATION = `(SELECT k.generation FROM scanner_feed_activations a JOIN scanner_kits k ON k.id = a.kit_id ORDER BY a.id DESC LIMIT 1)`;

export const ADVISORIES_OF_PACKAGE_SQL = `
SELECT record FROM scanner_advisories
WHERE generation = ${ACTIVE_GENERATION}
  AND ecosystem = $1
  AND (package_name = $2 OR ($1 = 'Go' AND starts_with(package_name, $2 || '/')))
ORDER BY advisory_id`;

/** Imports and rollbacks take this lock first, so the version check and the activation see one active kit. */
export const FEED_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('execops.scanner.feed'))`;

export const NOW_SQL = `SELECT now() AS now`;

export const TRUST_KEYS_SQL = `SELECT kid, name, jwk, added_by, added_at, revoked_by, revoked_at FROM scanner_trust_keys ORDER BY added_at, kid`;

export const INSERT_TRUST_KEY_SQL = `
INSERT INTO scanner_trust_keys (kid, name, jwk, added_by) VALUES ($1, $2, $3, $4)
ON CONFLICT (kid) DO NOTHING
RETURNING kid, name, jwk, added_by, added_at, revoked_by, revoked_at`;

export const REVOKE_TRUST_KEY_SQL = `
UPDATE scanner_trust_keys SET revoked_at = now(), revoked_by = $2 WHERE kid = $1 AND revoked_at IS NULL
RETURNING kid, name, jwk, added_by, added_at, revoked_by, revoked_at`;

export const GET_TRUST_KEY_SQL = `SELECT kid, name, jwk, added_by, added_at, revoked_by, revoked_at FROM scanner_trust_keys WHERE kid = $1`;

export const INSERT_KIT_SQL = `
INSERT INTO scanner_kits (id, version, created_at, sha256, size, kid, key_name, origin, actor, manifest, advisories)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
RETURNING generation`;

export const INSERT_ADVISORIES_SQL = `
INSERT INTO scanner_advisories (generation, ecosystem, package_name, advisory_id, record)
SELECT $1, t.ecosystem, t.name, t.id, t.record
FROM unnest($2::text[], $3::text[], $4::text[], $5::jsonb[]) AS t(ecosystem, name, id, record)
ON CONFLICT DO NOTHING`;

export const INSERT_ACTIVATION_SQL = `INSERT INTO scanner_feed_activations (kit_id, kind, actor) VALUES ($1, $2, $3)`;

export const INSERT_QUARANTINE_SQL = `
INSERT INTO scanner_kit_quarantine (id, sha256, size, reason_code, message, version, kid, origin, actor)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;

/**
 * Every verified kit with its latest activation; `rank` 1 is the active kit's activation, and the previous kit
 * is the one whose latest activation comes next (the kit a rollback re-activates).
 */
export const LIST_KITS_SQL = `
WITH latest AS (
  SELECT DISTINCT ON (kit_id) kit_id, id, activated_at FROM scanner_feed_activations ORDER BY kit_id, id DESC
), ranked AS (
  SELECT kit_id, activated_at, row_number() OVER (ORDER BY id DESC) AS rank FROM latest
)
SELECT k.id, k.generation, k.version, k.created_at, k.received_at, k.sha256, k.size, k.kid, k.key_name, k.origin, k.actor,
       k.manifest, k.advisories, r.activated_at, r.rank
FROM scanner_kits k LEFT JOIN ranked r ON r.kit_id = k.id
WHERE ($1::uuid IS NULL OR k.id = $1)
ORDER BY k.received_at DESC, k.generation DESC`;

export const LIST_QUARANTINE_SQL = `
SELECT id, received_at, sha256, size, reason_code, message, version, kid, origin, actor
FROM scanner_kit_quarantine WHERE ($1::uuid IS NULL OR id = $1) ORDER BY received_at DESC, id DESC LIMIT 500`;

export const ACTIVE_ADVISORIES_SQL = `
SELECT DISTINCT ON (advisory_id) advisory_id, record FROM scanner_advisories
WHERE generation = $1 ORDER BY advisory_id`;

export const SITE_KEY_SQL = `SELECT kid, private_jwk, created_at FROM scanner_site_key`;

export const INSERT_SITE_KEY_SQL = `
INSERT INTO scanner_site_key (kid, private_jwk) VALUES ($1, $2) ON CONFLICT (singleton) DO NOTHING`;

/** The analyzers the active kit carries, with that kit's version. */
export const ACTIVE_KIT_ANALYZERS_SQL = `
SELECT ka.definition, ka.sha256, k.version AS kit_version
FROM scanner_kit_analyzers ka JOIN scanner_kits k ON k.generation = ka.generation
WHERE ka.generation = ${ACTIVE_GENERATION}
ORDER BY ka.analyzer_id`;

export const KIT_ANALYZERS_OF_GENERATION_SQL = `SELECT definition FROM scanner_kit_analyzers WHERE generation = $1 ORDER BY analyzer_id`;

export const INSERT_KIT_ANALYZERS_SQL = `
INSERT INTO scanner_kit_analyzers (generation, analyzer_id, definition, sha256)
SELECT $1, t.id, t.definition, t.sha256 FROM unnest($2::text[], $3::jsonb[], $4::text[]) AS t(id, definition, sha256)`;
