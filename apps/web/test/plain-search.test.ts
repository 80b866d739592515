import { describe, expect, it } from 'vitest';
import { parsePlainSearch, stringifyPlainSearch } from '../src/router/plain-search.ts';

describe('plain search params', () => {
  it('keeps every value as text', () => {
    expect(parsePlainSearch('?text=123&flag=true&state=failed,queued')).toEqual({
      text: '123',
      flag: 'true',
      state: 'failed,queued',
    });
  });

  it('round-trips a query as written', () => {
    for (const query of ['?state=failed,queued&text=123', '?a=1&a=2', '?q=hello%20world', '?t=2025-01-01T00:00:00.000Z']) {
      expect(stringifyPlainSearch(parsePlainSearch(query))).toBe(query);
    }
  });

  it('drops undefined values and yields an empty string for no params', () => {
    expect(stringifyPlainSearch({ a: undefined, b: null })).toBe('');
    expect(stringifyPlainSearch({ a: 'x', b: undefined })).toBe('?a=x');
  });
});
