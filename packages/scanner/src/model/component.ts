/**
 * One installed or locked package found by an analyzer. `ecosystem` is the OSV ecosystem name the feed is keyed by
 * (`npm`, `PyPI`, `Go`, `crates.io`, `Debian:12`, `Alpine:v3.19`).
 */
export interface Component {
  /** Id of the analyzer that found it (`dpkg`, `npm`, …). */
  analyzer: string;
  ecosystem: string;
  name: string;
  version: string;
  purl: string;
  /** Files (target-relative paths) that declare it, sorted. */
  locations: string[];
  /**
   * The name and version advisories are written against when they differ from the installed ones: Debian's source
   * package (`Source:` of dpkg status), Alpine's origin (`o:` of the apk database).
   */
  source?: { name: string; version: string };
}
