import { describe, expect, it } from 'vitest';
import { CANONICAL_PATTERNS, LEGACY_ALIASES, resolveLegacyPath } from '../src/routes.ts';

describe('resolveLegacyPath', () => {
  it.each([
    ['/ops/jobengine', '/ops/operations/jobengine'],
    ['/ops/jobengine/jobs/0192', '/ops/operations/jobengine/jobs/0192'],
    ['/ops/jobengine/jobs/0192/dag/', '/ops/operations/jobengine/jobs/0192/dag'],
    ['/ops/scheduler/runs/r1/stream', '/ops/operations/scheduler/runs/r1/stream'],
    ['/ops/scanner', '/ops/scanner-ops'],
    ['/ops/scanner/offline-kits', '/ops/scanner-ops/offline-kits'],
    ['/ops/scanner/no-such-page', '/ops/scanner-ops'],
    ['/platform-ops/jobengine/quotas', '/ops/operations/jobengine/quotas'],
    ['/platform-ops/scheduler', '/ops/operations/scheduler'],
    ['/platform-ops/scanner', '/ops/scanner-ops'],
    ['/platform-ops/scanner/baselines', '/ops/scanner-ops/baselines'],
    ['/platform-ops/scanner-ops/settings', '/ops/scanner-ops/settings'],
    ['/platform/ops/jobengine/jobs', '/ops/operations/jobengine/jobs'],
    ['/platform/ops/scheduler/workers', '/ops/operations/scheduler/workers'],
    ['/platform/ops/dead-letter/entry/e1', '/ops/operations/dead-letter/entry/e1'],
    ['/ops/operations', '/ops/operations/jobs-queues'],
    ['/ops', '/ops/operations/jobs-queues'],
    ['/', '/ops/operations/jobs-queues'],
  ])('%s → %s', (from, to) => {
    expect(resolveLegacyPath(from)).toBe(to);
  });

  it('leaves canonical and unrelated paths alone', () => {
    for (const pattern of CANONICAL_PATTERNS) expect(resolveLegacyPath(pattern.replace(/\$\w+/g, 'x1'))).toBeNull();
    for (const path of ['/api/v1/jobs', '/ops/jobenginex', '/assets/app.js', '/ops/operations/nope'])
      expect(resolveLegacyPath(path)).toBeNull();
  });

  it('maps every alias to a canonical page', () => {
    const canonical = new Set<string>(CANONICAL_PATTERNS);
    for (const alias of LEGACY_ALIASES) expect(canonical.has(resolveLegacyPath(alias.from || '/') ?? '')).toBe(true);
  });
});
