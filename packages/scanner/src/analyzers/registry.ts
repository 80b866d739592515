import type { Analyzer } from './analyzer.ts';
import { apkAnalyzer } from './apk.ts';
import { cargoAnalyzer } from './cargo.ts';
import { dpkgAnalyzer } from './dpkg.ts';
import { goAnalyzer } from './go.ts';
import { npmAnalyzer } from './npm.ts';
import { pythonAnalyzer } from './python.ts';

/** The built-in analyzers, in the order their components are reported. */
export const BUILTIN_ANALYZERS: readonly Analyzer[] = [
  dpkgAnalyzer,
  apkAnalyzer,
  npmAnalyzer,
  pythonAnalyzer,
  goAnalyzer,
  cargoAnalyzer,
];

export function analyzerById(id: string): Analyzer | undefined {
  return BUILTIN_ANALYZERS.find((analyzer) => analyzer.id === id);
}

/** What a target resolution must keep for these analyzers: the union of their inputs. */
export function wantedByAny(analyzers: readonly Analyzer[]): (path: string) => boolean {
  return (path) => analyzers.some((analyzer) => analyzer.wants(path));
}
