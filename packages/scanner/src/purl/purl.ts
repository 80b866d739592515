// Package URLs per https://github.com/package-url/purl-spec: each name/namespace segment and the version are
// percent-encoded (`@` of an npm scope becomes %40, `+` of a Debian version %2B); `:` stays as the spec allows;
// qualifiers are sorted by key.

export interface PurlParts {
  type: string;
  namespace?: string;
  name: string;
  version?: string;
  qualifiers?: Record<string, string | undefined>;
}

const encode = (value: string): string => encodeURIComponent(value).replaceAll('%3A', ':');

export function buildPurl(parts: PurlParts): string {
  const namespace = parts.namespace ? `${parts.namespace.split('/').map(encode).join('/')}/` : '';
  const version = parts.version === undefined ? '' : `@${encode(parts.version)}`;
  const qualifiers = Object.entries(parts.qualifiers ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== '')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, value]) => `${key}=${encode(value)}`);
  return `pkg:${parts.type}/${namespace}${encode(parts.name)}${version}${qualifiers.length ? `?${qualifiers.join('&')}` : ''}`;
}

/** The purl with its version removed (qualifiers kept): identifies a package across version bumps. */
export function purlWithoutVersion(purl: string): string {
  const query = purl.indexOf('?');
  const head = query === -1 ? purl : purl.slice(0, query);
  const tail = query === -1 ? '' : purl.slice(query);
  const at = head.lastIndexOf('@');
  return (at > head.lastIndexOf('/') ? head.slice(0, at) : head) + tail;
}

/** npm: `@scope/name` → namespace `@scope` (encoded as %40scope). */
export function npmPurl(name: string, version: string): string {
  const slash = name.startsWith('@') ? name.indexOf('/') : -1;
  return slash === -1
    ? buildPurl({ type: 'npm', name, version })
    : buildPurl({ type: 'npm', namespace: name.slice(0, slash), name: name.slice(slash + 1), version });
}

/** PyPI names are lower-cased with `_` → `-` in purls (the spec's rule). */
export function pypiPurl(name: string, version: string): string {
  return buildPurl({ type: 'pypi', name: name.toLowerCase().replaceAll('_', '-'), version });
}

/** A name with `/` (`vendor/package`, a Go module path): the last segment is the name, the rest the namespace. */
export function namespacedPurl(type: string, name: string, version: string): string {
  const slash = name.lastIndexOf('/');
  return slash === -1
    ? buildPurl({ type, name, version })
    : buildPurl({ type, namespace: name.slice(0, slash), name: name.slice(slash + 1), version });
}

export const golangPurl = (modulePath: string, version: string): string => namespacedPurl('golang', modulePath, version);

export const cargoPurl = (name: string, version: string): string => buildPurl({ type: 'cargo', name, version });
