/**
 * Query-string handling for the router. Values stay plain strings (the router's default JSON-parses them,
 * turning `?text=123` into a number and `?a=1&a=2` into a JSON array on the way back out), so the query
 * of a redirected legacy URL survives as written and every filter reads back as the text the user typed.
 */

export type PlainSearch = Record<string, string | string[]>;

export function parsePlainSearch(searchStr: string): PlainSearch {
  const search: PlainSearch = {};
  for (const [key, value] of new URLSearchParams(searchStr)) {
    const previous = search[key];
    if (previous === undefined) search[key] = value;
    else search[key] = Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  return search;
}

export function stringifyPlainSearch(search: Record<string, unknown>): string {
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(search)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      const text = typeof item === 'object' ? JSON.stringify(item) : String(item);
      pairs.push(`${encodeQueryPart(key)}=${encodeQueryPart(text)}`);
    }
  }
  return pairs.length > 0 ? `?${pairs.join('&')}` : '';
}

/** Like encodeURIComponent, but leaves the characters that are legal in a query as they are (`state=a,b`). */
function encodeQueryPart(text: string): string {
  return encodeURIComponent(text).replace(/%(2C|3A|2F|40|24)/gi, (escape) => decodeURIComponent(escape));
}
