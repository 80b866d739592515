export * from './archive/read-tar.ts';
export * from './osv/osv-record.ts';
export type { Component } from './model/component.ts';
export { SEVERITIES, type Finding, type Severity } from './model/finding.ts';
export { parseOsRelease, osEcosystem, type Distro } from './model/distro.ts';
export {
  MalformedFileError,
  type Analyzer,
  type AnalyzerFiles,
  type AnalyzerProblem,
  type AnalyzerResult,
} from './analyzers/analyzer.ts';
export { analyzerCacheKey, filesFor } from './analyzers/cache-key.ts';
export { BUILTIN_ANALYZERS, analyzerById, wantedByAny } from './analyzers/registry.ts';
export {
  resolveTarget,
  type ResolvedTarget,
  type ResolveTargetOptions,
  type TargetFormat,
  type TargetLimits,
  type TargetSource,
} from './target/resolve-target.ts';
export { TargetError, type TargetErrorCode } from './target/target-error.ts';
export { matchComponents, type AdvisoryLookup, type MatchResult } from './matching/match-components.ts';
export { evaluateAffected, type AffectedVerdict } from './matching/affected.ts';
export { normaliseEcosystem, normalisePackageName } from './model/ecosystem-names.ts';
export { ecosystemOrder } from './versions/ecosystem-order.ts';
export { InvalidVersionError, type VersionComparator } from './versions/compare.ts';
export { buildPurl, purlWithoutVersion } from './purl/purl.ts';
export { compareFindings, type FindingComparison } from './compare/compare-findings.ts';
export { mergeComponents } from './model/merge-components.ts';
export { buildReport, type Report, type ReportInput } from './report/build-report.ts';
export type { CycloneDxBom } from './report/cyclonedx.ts';
