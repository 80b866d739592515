export * from './archive/read-tar.ts';
export { looksLikeTarArchive, notAnArchiveMessage } from './archive/archive-sniff.ts';
export * from './osv/osv-record.ts';
// `AdvisoryLookup` itself is scan-core's (matching); the lookup here has the same shape.
export { activeFeedInfo, activeFeedLookup } from './kits/feed-lookup.ts';
export { writeTarGz, type TarFile } from './archive/write-tar.ts';
export { detachedJwsKid, generateSigningKey, jwkThumbprint, publicJwk, signDetached, verifyDetached } from './kits/ed25519-jws.ts';
export { analyzerOfEcosystem, buildKit, sha256Hex, type BuildKitInput, type BuiltKit } from './kits/kit-build.ts';
export { KitRejection, verifyKit, type TrustedKey, type VerifiedAnalyzer, type VerifiedKit, type VerifyContext } from './kits/kit-verify.ts';
export { KitConflictError, KitNotFoundError, KitRejectedError, TrustKeyNotFoundError } from './kits/kit-errors.ts';
export { KitStore, nextKitVersion, siteKeyName, type ExportedKit, type KitAudit } from './kits/kit-store.ts';
export { OsvInputError, readOsvInputs } from './kits/osv-files.ts';
export {
  AnalyzerDefinitionError,
  checkAnalyzerDefinitions,
  ecosystemOrders,
  installedAnalyzers,
  parseAnalyzerDefinition,
  readAnalyzerDefinitions,
} from './kits/kit-analyzers.ts';
export { declarativeAnalyzer, fileNameMatcher } from './analyzers/declarative.ts';
export { buildFixtureKit, FIXTURE_KIT_VERSION, FIXTURE_PATHS, FIXTURE_TRUST_KEY_NAME, fixturePublicKey, fixtureSigningKey } from './kits/fixture-kit.ts';
export type { Component } from './model/component.ts';
export { SEVERITIES, type Finding, type Severity } from './model/finding.ts';
export { parseOsRelease, osEcosystem, type Distro } from './model/distro.ts';
export {
  MalformedFileError,
  type Analyzer,
  type AnalyzerFiles,
  type AnalyzerProblem,
  type AnalyzerResult,
  type KitAnalyzerOrigin,
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
export { advisoryPackageCovers, normaliseEcosystem, normalisePackageName } from './model/ecosystem-names.ts';
export { ecosystemOrder, schemeOrder, type EcosystemOrder } from './versions/ecosystem-order.ts';
export { InvalidVersionError, type VersionComparator } from './versions/compare.ts';
export { buildPurl, purlWithoutVersion } from './purl/purl.ts';
export { compareFindings, type FindingComparison } from './compare/compare-findings.ts';
export { compareAnalyzedFindings, type AnalyzedComparison, type AnalyzedFindings, type NotCompared } from './compare/compare-analyzed.ts';
export { mergeComponents } from './model/merge-components.ts';
export { buildReport, type Report, type ReportInput } from './report/build-report.ts';
export type { CycloneDxBom } from './report/cyclonedx.ts';
export { ensureDemoFeed } from './kits/demo-feed.ts';
export { ScannerConflictError, ScannerNotFoundError, ScannerValidationError, TargetTooLargeError } from './scans/scanner-errors.ts';
export { readScannerSettings, updateScannerSettings, validateScannerSettings } from './scans/scanner-settings.ts';
export { scanPipelineNodes, SCAN_NODE } from './scans/scan-pipeline.ts';
export { startScan, type ScanStart } from './scans/scan-start.ts';
export { cancelScan } from './scans/scan-cancel.ts';
export { recordScanEvent, scanTimeline } from './scans/scan-events.ts';
export { ScanStore } from './scans/scan-store.ts';
export { registerScanJobs, type JobRegistry, type ScanJobDeps } from './scans/scan-jobs.ts';
export { Baselines } from './scans/baselines.ts';
export { AnalyzerRegistry, HEALTH_WINDOW_DAYS, selfCheck } from './scans/analyzer-registry.ts';
export { ScannerPerformance, regression } from './scans/performance.ts';
