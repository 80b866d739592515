import { describe, expect, it } from 'vitest';
import { analyzerCacheKey } from '../../src/index.ts';

describe('analyzerCacheKey', () => {
  const files = new Map([
    ['b/package-lock.json', Buffer.from('{}')],
    ['a/yarn.lock', Buffer.from('# yarn')],
  ]);
  const npm = { id: 'npm', version: '1.0.0' };

  it('depends on the analyzer version and each input path and content, not on insertion order', () => {
    const key = analyzerCacheKey(npm, files);
    expect(key).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(analyzerCacheKey(npm, new Map([...files].reverse()))).toBe(key);
    expect(analyzerCacheKey({ ...npm, version: '1.0.1' }, files)).not.toBe(key);
    expect(analyzerCacheKey(npm, new Map(files).set('a/yarn.lock', Buffer.from('# yarn2')))).not.toBe(key);
    expect(
      analyzerCacheKey(
        npm,
        new Map([
          ['c/yarn.lock', Buffer.from('# yarn')],
          ['b/package-lock.json', Buffer.from('{}')],
        ]),
      ),
    ).not.toBe(key);
  });
});
