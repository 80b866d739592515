import type { Component } from '../model/component.ts';

/** The files an analyzer asked for (target-relative paths → content), and nothing else. */
export type AnalyzerFiles = ReadonlyMap<string, Buffer>;

/**
 * A built-in analyzer: a pure function of the files it asked for, so its result can be cached under
 * `analyzerCacheKey(analyzer, files)`.
 */
export interface Analyzer {
  id: string;
  /** Bumped whenever the output for the same files may change; part of the cache key. */
  version: string;
  kind: 'os' | 'lang';
  /** OSV ecosystem family the analyzer reports (the release suffix of OS ecosystems comes from os-release). */
  ecosystem: string;
  description: string;
  /** Whether the target file at this path is an input of this analyzer. */
  wants(path: string): boolean;
  analyze(files: AnalyzerFiles): Component[];
}
