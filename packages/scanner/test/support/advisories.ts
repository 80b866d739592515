import { advisoryPackageCovers, normaliseEcosystem, OsvRecord, type AdvisoryLookup } from '../../src/index.ts';

/** An in-memory feed indexed the way the active-feed lookup is: by ecosystem and advisory package name. */
export function memoryLookup(records: readonly unknown[]): AdvisoryLookup & { calls: string[] } {
  const parsed = records.map((record) => OsvRecord.parse(record));
  const calls: string[] = [];
  const lookup = async (ecosystem: string, name: string) => {
    calls.push(`${ecosystem}/${name}`);
    return parsed.filter((record) =>
      record.affected.some(
        (a) =>
          normaliseEcosystem(a.package.ecosystem) === ecosystem && advisoryPackageCovers(ecosystem, a.package.name, name),
      ),
    );
  };
  return Object.assign(lookup, { calls });
}

/** An OSV record affecting one package from `introduced` up to `fixed`. */
export function advisory(
  id: string,
  ecosystem: string,
  name: string,
  range: { introduced?: string; fixed?: string; type?: 'SEMVER' | 'ECOSYSTEM' },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const events = [{ introduced: range.introduced ?? '0' }, ...(range.fixed ? [{ fixed: range.fixed }] : [])];
  return {
    id,
    modified: '2024-01-01T00:00:00Z',
    summary: `${id} in ${name}`,
    affected: [{ package: { ecosystem, name }, ranges: [{ type: range.type ?? 'ECOSYSTEM', events }] }],
    ...extra,
  };
}
