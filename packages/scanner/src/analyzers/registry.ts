import type { Analyzer } from './analyzer.ts';
import { dpkgAnalyzer } from './dpkg.ts';

/** The built-in analyzers, in the order their components are reported. */
export const BUILTIN_ANALYZERS: readonly Analyzer[] = [dpkgAnalyzer];

export function analyzerById(id: string): Analyzer | undefined {
  return BUILTIN_ANALYZERS.find((analyzer) => analyzer.id === id);
}
