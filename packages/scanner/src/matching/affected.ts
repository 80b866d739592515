import type { OsvAffected, OsvEvent, OsvRange } from '../osv/osv-record.ts';
import { InvalidVersionError, type VersionComparator } from '../versions/compare.ts';
import { ecosystemOrder, rangeOrder, type EcosystemOrder } from '../versions/ecosystem-order.ts';

export type AffectedVerdict =
  | { affected: true; fixedVersions: string[] }
  | { affected: false }
  /** No range could be evaluated: GIT-only ranges, an ecosystem without a known order, or an unparsable version. */
  | { affected: 'unknown'; reason: string };

/**
 * Evaluates one OSV `affected` entry for a version (OSV schema "Evaluation"): listed in `versions`, or inside a
 * range, where events are walked in version order — `introduced` opens, `fixed` closes at, `last_affected` closes
 * after — and `limit` events cap the range from above. `orderOf` gives ECOSYSTEM ranges their order (kit analyzers
 * add the orders of their ecosystems).
 */
export function evaluateAffected(affected: OsvAffected, version: string, orderOf: EcosystemOrder = ecosystemOrder): AffectedVerdict {
  const ecosystem = affected.package.ecosystem;
  const exactOrder = rangeOrder('ECOSYSTEM', ecosystem, orderOf);
  const listed = (affected.versions ?? []).some((v) => v === version || sameVersion(exactOrder, v, version));
  let unknown: string | null = null;
  const fixedVersions: string[] = [];
  let inRange = false;
  for (const range of affected.ranges ?? []) {
    const order = rangeOrder(range.type, ecosystem, orderOf);
    if (!order) {
      if (range.type !== 'GIT') unknown ??= `no version order for ecosystem ${ecosystem}`;
      continue;
    }
    try {
      if (inOsvRange(range, version, order)) {
        inRange = true;
        fixedVersions.push(...range.events.flatMap((e) => ('fixed' in e ? [e.fixed] : [])));
      }
    } catch (error) {
      if (!(error instanceof InvalidVersionError)) throw error;
      unknown ??= error.message;
    }
  }
  if (listed || inRange) return { affected: true, fixedVersions };
  if (unknown && !(affected.versions ?? []).length) return { affected: 'unknown', reason: unknown };
  return { affected: false };
}

function sameVersion(order: VersionComparator | null, a: string, b: string): boolean {
  if (!order) return false;
  try {
    return order(a, b) === 0;
  } catch {
    return false;
  }
}

const eventVersion = (event: OsvEvent): string =>
  'introduced' in event
    ? event.introduced
    : 'fixed' in event
      ? event.fixed
      : 'last_affected' in event
        ? event.last_affected
        : event.limit;

export function inOsvRange(range: OsvRange, version: string, order: VersionComparator): boolean {
  const compareTo = (bound: string): number => (bound === '0' ? 1 : order(version, bound));
  const limits = range.events.flatMap((e) => ('limit' in e ? [e.limit] : []));
  if (limits.length && !limits.some((limit) => limit === '*' || compareTo(limit) < 0)) return false;
  // Events in version order ("0" first); at equal versions `introduced` before the closing events.
  const events = range.events
    .filter((e) => !('limit' in e))
    .map((event) => ({ event, v: eventVersion(event) }))
    .sort((p, q) => compareEvents(p, q, order));
  let affected = false;
  for (const { event, v } of events) {
    if ('introduced' in event) {
      if (compareTo(v) >= 0) affected = true;
    } else if ('fixed' in event) {
      if (compareTo(v) >= 0) affected = false;
    } else if (compareTo(v) > 0) {
      affected = false;
    }
  }
  return affected;
}

function compareEvents(
  p: { event: OsvEvent; v: string },
  q: { event: OsvEvent; v: string },
  order: VersionComparator,
): number {
  const byVersion = p.v === q.v ? 0 : p.v === '0' ? -1 : q.v === '0' ? 1 : order(p.v, q.v);
  return byVersion || Number('introduced' in q.event) - Number('introduced' in p.event);
}
