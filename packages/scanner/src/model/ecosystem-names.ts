// OSV ecosystem names as the feed is keyed, whatever case a caller or a record used (`pypi`, `Crates.io`,
// `debian:12`); the release suffix of OS ecosystems is kept (`Debian:12`, `Alpine:v3.19`).
const CANONICAL = new Map(
  ['npm', 'PyPI', 'Go', 'crates.io', 'Debian', 'Ubuntu', 'Alpine', 'Maven', 'NuGet', 'RubyGems', 'Packagist'].map(
    (name) => [name.toLowerCase(), name],
  ),
);

export function normaliseEcosystem(ecosystem: string): string {
  const colon = ecosystem.indexOf(':');
  const family = (colon === -1 ? ecosystem : ecosystem.slice(0, colon)).trim();
  const release = colon === -1 ? '' : ecosystem.slice(colon).trim();
  return (CANONICAL.get(family.toLowerCase()) ?? family) + release;
}

/** Package names as advisories spell them: PyPI compares PEP 503-normalised names; other ecosystems are exact. */
export function normalisePackageName(ecosystem: string, name: string): string {
  return normaliseEcosystem(ecosystem).startsWith('PyPI') ? name.toLowerCase().replace(/[-_.]+/g, '-') : name;
}

/**
 * Whether an advisory's package names the component. Go advisories (GitHub's) often name a package inside the
 * module (`golang.org/x/text/language`) while the analyzers report modules (`golang.org/x/text`), so a package
 * path within the module counts.
 */
export function advisoryPackageCovers(ecosystem: string, advisoryPackage: string, componentName: string): boolean {
  const name = normalisePackageName(ecosystem, advisoryPackage);
  return name === componentName || (normaliseEcosystem(ecosystem) === 'Go' && name.startsWith(`${componentName}/`));
}
