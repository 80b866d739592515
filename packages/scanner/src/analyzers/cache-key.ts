import { createHash } from 'node:crypto';
import type { Analyzer, AnalyzerFiles } from './analyzer.ts';

/**
 * Digest of an analyzer's identity and its inputs: equal keys mean equal output. A kit analyzer's definition
 * digest is part of it, so a definition changed under the same version never reuses an earlier result.
 */
export function analyzerCacheKey(analyzer: Pick<Analyzer, 'id' | 'version' | 'kit'>, files: AnalyzerFiles): string {
  const hash = createHash('sha256').update(`${analyzer.id}\0${analyzer.version}\0${analyzer.kit ? `${analyzer.kit.digest}\0` : ''}`);
  for (const path of [...files.keys()].sort()) {
    const digest = createHash('sha256')
      .update(files.get(path) ?? Buffer.alloc(0))
      .digest('hex');
    hash.update(`${path}\0${digest}\0`);
  }
  return `sha256:${hash.digest('hex')}`;
}

/** The subset of a target's files an analyzer wants. */
export function filesFor(analyzer: Pick<Analyzer, 'wants'>, files: AnalyzerFiles): Map<string, Buffer> {
  return new Map([...files].filter(([path]) => analyzer.wants(path)));
}
