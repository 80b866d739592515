import type { KitAnalyzerDefinition } from '@execops/contract';
import type { Component } from '../model/component.ts';

/** The files an analyzer asked for (target-relative paths → content), and nothing else. */
export type AnalyzerFiles = ReadonlyMap<string, Buffer>;

/** A file the analyzer wanted but could not read (malformed lockfile); the other files' results still count. */
export interface AnalyzerProblem {
  path: string;
  message: string;
}

export interface AnalyzerResult {
  components: Component[];
  problems: AnalyzerProblem[];
}

/** Where a kit-supplied analyzer comes from: the kit's version, its definition and the sha256 of its file. */
export interface KitAnalyzerOrigin {
  kitVersion: string;
  definition: KitAnalyzerDefinition;
  digest: string;
}

/**
 * An analyzer, built in or interpreted from a kit's definition: a pure function of the files it asked for, so its
 * result can be cached under `analyzerCacheKey(analyzer, files)`.
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
  analyze(files: AnalyzerFiles): AnalyzerResult;
  /** Set for an analyzer a kit carries; absent for a built-in one. */
  kit?: KitAnalyzerOrigin;
}

/** Thrown by a file parser for content it cannot read; `analyzeEach` records it as the file's problem. */
export class MalformedFileError extends Error {
  override name = 'MalformedFileError';
}

/** Runs a per-file parser over every input except `skip`ped ones, turning malformed files into problems. */
export function analyzeEach(
  files: AnalyzerFiles,
  parse: (path: string, text: string) => Component[],
  skip: (path: string) => boolean = () => false,
): AnalyzerResult {
  const result: AnalyzerResult = { components: [], problems: [] };
  for (const [path, content] of files) {
    if (skip(path)) continue;
    try {
      result.components.push(...parse(path, content.toString('utf8')));
    } catch (error) {
      if (!(error instanceof MalformedFileError)) throw error;
      result.problems.push({ path, message: error.message });
    }
  }
  return result;
}
