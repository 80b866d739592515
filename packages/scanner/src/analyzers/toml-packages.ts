/**
 * The `[[package]]` tables of a Cargo.lock or poetry.lock, with their top-level string keys. Not a TOML parser:
 * both lockfiles are machine-written with one `key = "value"` per line, and nothing else is needed here.
 */
export function tomlPackages(text: string): Map<string, string>[] {
  const packages: Map<string, string>[] = [];
  let current: Map<string, string> | null = null;
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed.startsWith('[')) {
      current = trimmed === '[[package]]' ? new Map() : null;
      if (current) packages.push(current);
      continue;
    }
    const match = current ? /^([A-Za-z0-9_-]+)\s*=\s*"((?:[^"\\]|\\.)*)"\s*$/.exec(trimmed) : null;
    if (current && match?.[1] && match[2] !== undefined) current.set(match[1], match[2]);
  }
  return packages;
}
