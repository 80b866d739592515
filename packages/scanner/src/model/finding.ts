export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'none', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** One advisory affecting one component. */
export interface Finding {
  advisoryId: string;
  aliases: string[];
  summary: string;
  severity: Severity;
  /** CVSS base score when a CVSS v3 vector was given, else null. */
  score: number | null;
  /** The CVSS vector the severity was computed from, else null. */
  vector: string | null;
  component: { purl: string; name: string; version: string; ecosystem: string };
  /** Versions named as `fixed` by the ranges that matched, in the advisory's order. */
  fixedVersions: string[];
}
