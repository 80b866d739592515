/** What the scanner's operations need to know of an analyzer (the registry, settings, the pipeline). */
export interface AnalyzerInfo {
  id: string;
  version: string;
  ecosystem: string;
}

/** The analyzers an installation offers; enablement lives in `scanner_analyzers`. */
export type AnalyzerCatalog = readonly AnalyzerInfo[];
