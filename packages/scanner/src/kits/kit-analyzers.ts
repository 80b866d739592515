import { readFile } from 'node:fs/promises';
import { KIT_ANALYZER_LIMITS, KitAnalyzerDefinition } from '@execops/contract';
import type { Queryable } from '@execops/engine';
import type { Analyzer } from '../analyzers/analyzer.ts';
import { declarativeAnalyzer, fileNameMatcher } from '../analyzers/declarative.ts';
import { analyzerById } from '../analyzers/registry.ts';
import { builtinScheme, ecosystemFamily, ecosystemOrder, schemeOrder, type EcosystemOrder } from '../versions/ecosystem-order.ts';
import { ACTIVE_KIT_ANALYZERS_SQL } from './feed-sql.ts';
import { jsonFilesOf } from './osv-files.ts';
import { firstIssue } from './zod-issue.ts';

/** A kit analyzer definition that cannot be used; the message names the file or analyzer and the field. */
export class AnalyzerDefinitionError extends Error {
  override name = 'AnalyzerDefinitionError';
}

/** One definition file's bytes, bounded and validated. */
export function parseAnalyzerDefinition(path: string, data: Buffer): KitAnalyzerDefinition {
  if (data.length > KIT_ANALYZER_LIMITS.definitionBytes) {
    throw new AnalyzerDefinitionError(`${path} is ${data.length} bytes; a definition has at most ${KIT_ANALYZER_LIMITS.definitionBytes}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(data.toString('utf8'));
  } catch (error) {
    throw new AnalyzerDefinitionError(`${path} is not JSON: ${(error as Error).message}`);
  }
  const parsed = KitAnalyzerDefinition.safeParse(json);
  if (!parsed.success) throw new AnalyzerDefinitionError(`${path}: ${firstIssue(parsed.error)}`);
  return parsed.data;
}

/**
 * Checks a kit's definitions together: no built-in analyzer's id, no id twice, a sample the analyzer reads, and
 * one version order per ecosystem (the scanner's own where it has one).
 */
export function checkAnalyzerDefinitions(definitions: readonly KitAnalyzerDefinition[]): void {
  const ids = new Set<string>();
  const schemes = new Map<string, KitAnalyzerDefinition>();
  for (const definition of definitions) {
    const { id, ecosystem, versionScheme } = definition;
    if (analyzerById(id)) throw new AnalyzerDefinitionError(`analyzer ${id}: a built-in analyzer has that id; a kit analyzer may not shadow it`);
    if (ids.has(id)) throw new AnalyzerDefinitionError(`analyzer ${id} is defined twice`);
    ids.add(id);
    const builtin = builtinScheme(ecosystem);
    if (builtin && builtin !== versionScheme) {
      throw new AnalyzerDefinitionError(`analyzer ${id}: ${ecosystem} versions are ordered by ${builtin}, not ${versionScheme}`);
    }
    const other = schemes.get(ecosystemFamily(ecosystem));
    if (other && other.versionScheme !== versionScheme) {
      throw new AnalyzerDefinitionError(`analyzers ${other.id} and ${id} order ${ecosystem} versions differently (${other.versionScheme}, ${versionScheme})`);
    }
    schemes.set(ecosystemFamily(ecosystem), definition);
    if (definition.sample && !fileNameMatcher(definition.files)(definition.sample.file.name)) {
      throw new AnalyzerDefinitionError(`analyzer ${id}: sample.file.name ${definition.sample.file.name} is not one of its files (${definition.files.join(', ')})`);
    }
  }
}

/** Reads definition files and folders of them (every `*.json`), checked together as a kit would carry them. */
export async function readAnalyzerDefinitions(paths: readonly string[]): Promise<KitAnalyzerDefinition[]> {
  const files = await jsonFilesOf(paths, (message) => new AnalyzerDefinitionError(message));
  const definitions: KitAnalyzerDefinition[] = [];
  for (const file of files) {
    const data = await readFile(file).catch((error: Error) => {
      throw new AnalyzerDefinitionError(`${file}: ${error.message}`);
    });
    definitions.push(parseAnalyzerDefinition(file, data));
  }
  checkAnalyzerDefinitions(definitions);
  return definitions;
}

interface KitAnalyzerRow {
  definition: unknown;
  sha256: string;
  kit_version: string;
}

/** The built-in analyzers, then those the active kit carries (read at each call: an import or rollback applies at once). */
export async function installedAnalyzers(db: Queryable, builtins: readonly Analyzer[]): Promise<Analyzer[]> {
  const { rows } = await db.query<KitAnalyzerRow>(ACTIVE_KIT_ANALYZERS_SQL);
  const kit = rows.map((row) =>
    declarativeAnalyzer({ kitVersion: row.kit_version, definition: KitAnalyzerDefinition.parse(row.definition), digest: row.sha256 }),
  );
  return [...builtins, ...kit];
}

/** The built-in version orders, and for the ecosystems only kit analyzers report, the order their definitions name. */
export function ecosystemOrders(analyzers: readonly Analyzer[]): EcosystemOrder {
  const kitOrders = new Map(analyzers.flatMap((a) => (a.kit ? [[ecosystemFamily(a.ecosystem), schemeOrder(a.kit.definition.versionScheme)] as const] : [])));
  return (ecosystem) => ecosystemOrder(ecosystem) ?? kitOrders.get(ecosystemFamily(ecosystem)) ?? null;
}
