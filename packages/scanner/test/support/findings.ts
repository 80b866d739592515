import type { Finding } from '../../src/index.ts';

/** A high-severity npm finding of `advisoryId` on the package `purl` (its version after the `@`). */
export const finding = (advisoryId: string, purl: string, aliases: string[] = []): Finding => ({
  advisoryId,
  aliases,
  summary: advisoryId,
  severity: 'high',
  score: null,
  vector: null,
  component: { purl, name: purl, version: purl.split('@')[1] ?? '', ecosystem: 'npm' },
  fixedVersions: [],
});
