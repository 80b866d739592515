// Analyzer identity shared by scans and kits, and the declarative analyzers a kit may carry (SPEC §9).
import { z } from 'zod';

export const ANALYZER_ID_PATTERN = /^[a-z][a-z0-9_.-]{0,63}$/;
export const AnalyzerId = z
  .string()
  .regex(ANALYZER_ID_PATTERN, 'an analyzer id uses lowercase letters, digits, ".", "_" or "-" (≤ 64)');

export const AnalyzerSource = z.enum(['builtin', 'kit']);
export type AnalyzerSource = z.infer<typeof AnalyzerSource>;

/** The version orders the scanner implements; a kit analyzer names the one its ecosystem's advisories use. */
export const VersionScheme = z.enum(['semver', 'pep440', 'dpkg', 'apk']);
export type VersionScheme = z.infer<typeof VersionScheme>;

/** Bounds of a kit analyzer definition (its file in the kit is read whole). */
export const KIT_ANALYZER_LIMITS = { definitionBytes: 64 * 1024, files: 16, paths: 8, sampleBytes: 16 * 1024 } as const;

/** A lockfile name an analyzer reads, wherever it is in the target: a base name where `*` stands for any characters. */
const FileNamePattern = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9._*+@-]+$/, 'files: base names such as composer.lock, "*" for any characters, no "/"')
  // Every file an analyzer wants is kept from the target: a pattern of wildcards alone would keep all of them.
  .refine((pattern) => pattern.replaceAll('*', '').length >= 3, 'files: a pattern needs at least 3 characters besides "*"');

/** Object keys from the document root, dot-separated (`packages`, `lock.packages`). */
const JsonKeyPath = z
  .string()
  .min(1)
  .max(256)
  .regex(/^[A-Za-z0-9_$@-]+(\.[A-Za-z0-9_$@-]+)*$/, 'a key path: object keys separated by "."');

/** `@key` names the map key when the packages are a map keyed by name. */
export const MAP_KEY_FIELD = '@key';
const FieldName = z.string().min(1).max(64).regex(/^(@key|[A-Za-z0-9_$-]+)$/, 'a field name of each package entry, or "@key"');

/**
 * An analyzer a kit carries as data: which files it reads and where the packages are in them. The scanner
 * interprets it; no code from a kit is ever executed. It reports components of `ecosystem` (matched against the
 * kit's feed of that ecosystem, ordered by `versionScheme`).
 */
export const KitAnalyzerDefinition = z
  .strictObject({
    id: AnalyzerId,
    version: z.string().regex(/^\d{1,9}(\.\d{1,9}){0,3}$/, 'version: dotted numbers such as 1.0.0'),
    ecosystem: z.string().regex(/^[A-Za-z][A-Za-z0-9._-]{0,63}$/, 'ecosystem: an OSV ecosystem name without a release suffix, e.g. Packagist'),
    purlType: z.string().regex(/^[a-z][a-z0-9.+-]{0,31}$/, 'purlType: a package-url type such as composer'),
    description: z.string().min(1).max(500),
    files: z.array(FileNamePattern).min(1).max(KIT_ANALYZER_LIMITS.files),
    format: z.literal('json'),
    packages: z.strictObject({
      paths: z.array(JsonKeyPath).min(1).max(KIT_ANALYZER_LIMITS.paths).describe('each leads to an array of package objects or a map of them'),
      name: FieldName,
      version: FieldName,
    }),
    versionScheme: VersionScheme,
    sample: z
      .strictObject({
        file: z.strictObject({
          name: z.string().min(1).max(128).regex(/^[A-Za-z0-9._+@-]+$/, 'sample.file.name: a base name'),
          content: z.string().max(KIT_ANALYZER_LIMITS.sampleBytes),
        }),
        expect: z.strictObject({ name: z.string().min(1).max(256), version: z.string().min(1).max(128) }),
      })
      .optional()
      .describe('what refresh self-checks the analyzer with'),
  })
  .meta({ id: 'KitAnalyzerDefinition' });
export type KitAnalyzerDefinition = z.infer<typeof KitAnalyzerDefinition>;

/** Where a kit keeps a definition: `analyzers/<id>.json`. */
export const kitAnalyzerPath = (id: string) => `analyzers/${id}.json`;
