import type { Component } from './component.ts';

const order = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * One component per purl (the same package locked in two projects, or found by two analyzers), locations merged;
 * sorted by purl then analyzer so equal inputs give equal output whatever order analyzers finished in.
 */
export function mergeComponents(components: readonly Component[]): Component[] {
  const byPurl = new Map<string, Component>();
  for (const component of components) {
    const seen = byPurl.get(component.purl);
    if (!seen) {
      byPurl.set(component.purl, { ...component, locations: [...new Set(component.locations)].sort(order) });
      continue;
    }
    seen.locations = [...new Set([...seen.locations, ...component.locations])].sort(order);
    // The first analyzer in id order names a component found by two, so the pick does not depend on timing.
    if (component.analyzer < seen.analyzer) seen.analyzer = component.analyzer;
  }
  return [...byPurl.values()].sort((a, b) => order(a.purl, b.purl));
}
