// One SQL constant per feed read; the active feed is the kit of the latest activation.

export const ACTIVE_KIT_SQL = `
SELECT k.id, k.generation, k.version, k.created_at, k.key_name, k.origin, k.manifest, k.advisories, a.activated_at,
       extract(epoch FROM now() - k.created_at)::float8 AS age_seconds
FROM scanner_feed_activations a JOIN scanner_kits k ON k.id = a.kit_id
ORDER BY a.id DESC LIMIT 1`;

export const ADVISORIES_OF_PACKAGE_SQL = `
SELECT record FROM scanner_advisories
WHERE generation = (SELECT k.generation FROM scanner_feed_activations a JOIN scanner_kits k ON k.id = a.kit_id ORDER BY a.id DESC LIMIT 1)
  AND ecosystem = $1 AND package_name = $2
ORDER BY advisory_id`;
