import { golangPurl } from '../purl/purl.ts';
import { lockfileAnalyzer } from './lockfile-analyzer.ts';
import type { LockedPackage } from './locked-package.ts';

export const goAnalyzer = lockfileAnalyzer({
  id: 'go',
  version: '1.0.0',
  ecosystem: 'Go',
  description: 'Go modules required by go.mod (replace directives applied)',
  lockfile: (name) => name === 'go.mod',
  parse: (_path, text) => goModules(text),
  purl: golangPurl,
});

interface Replacement {
  from: string;
  fromVersion: string | null;
  to: string;
  toVersion: string | null;
}

/**
 * The modules a go.mod requires (direct and `// indirect`, which since Go 1.17 lists the whole build graph).
 * `replace old [v] => new v` swaps in the replacement module; `replace old => ../dir` points at a local directory,
 * which no feed describes, so that module is left out.
 */
function goModules(text: string): LockedPackage[] {
  const requires: LockedPackage[] = [];
  const replacements: Replacement[] = [];
  let block: string | null = null;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/\/\/.*$/, '').trim();
    if (block && line === ')') {
      block = null;
      continue;
    }
    const opened = /^(require|replace|exclude|retract)\s*\($/.exec(line);
    if (opened?.[1]) {
      block = opened[1];
      continue;
    }
    const single = /^(require|replace|exclude|retract)\s+(.+)$/.exec(line);
    const [directive, body] = block ? [block, line] : [single?.[1], single?.[2]];
    if (!body) continue;
    if (directive === 'require') {
      const [name, version] = body.split(/\s+/).map(unquote);
      if (name && version) requires.push({ name, version });
    } else if (directive === 'replace') {
      const replacement = parseReplace(body);
      if (replacement) replacements.push(replacement);
    }
  }
  return requires.flatMap((module) => {
    const replacement = replacements.find(
      (r) => r.from === module.name && (r.fromVersion === null || r.fromVersion === module.version),
    );
    if (!replacement) return [module];
    return replacement.toVersion ? [{ name: replacement.to, version: replacement.toVersion }] : [];
  });
}

function parseReplace(body: string): Replacement | null {
  const [left, right] = body.split('=>').map((side) => side.trim().split(/\s+/).map(unquote));
  if (!left?.[0] || !right?.[0]) return null;
  return { from: left[0], fromVersion: left[1] ?? null, to: right[0], toVersion: right[1] ?? null };
}

const unquote = (token: string): string => token.replace(/^"(.*)"$/, '$1').replace(/^`(.*)`$/, '$1');
