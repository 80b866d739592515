import { describe, expect, it } from 'vitest';
import { regression, scanPipelineNodes } from '../../src/index.ts';

const ids = ['dpkg', 'apk', 'npm', 'python', 'go', 'cargo'];

describe('scan pipeline DAG', () => {
  it('has resolve → one job per analyzer → match → report → compare, with the analyzer timeout', () => {
    const nodes = scanPipelineNodes('01890000-0000-7000-8000-000000000001', ids, { concurrency: 10, analyzerTimeoutSeconds: 42 });
    expect(nodes.map((n) => n.key)).toEqual(['resolve', ...ids.map((id) => `analyze:${id}`), 'match', 'report', 'compare']);
    const analyze = nodes.filter((n) => n.key.startsWith('analyze:'));
    for (const node of analyze) {
      expect(node.dependsOn).toEqual(['resolve']);
      expect(node.job).toMatchObject({ jobType: 'scanner.analyze', timeoutSeconds: 42, maxAttempts: 1 });
    }
    expect(nodes.find((n) => n.key === 'match')).toMatchObject({ dependsOn: ['resolve', ...ids.map((id) => `analyze:${id}`)], onParentFailure: 'run' });
    expect(nodes.find((n) => n.key === 'compare')?.dependsOn).toEqual(['report']);
  });

  it('leaves a disabled analyzer out entirely', () => {
    const nodes = scanPipelineNodes('01890000-0000-7000-8000-000000000001', ['npm', 'cargo'], { concurrency: 4, analyzerTimeoutSeconds: 60 });
    expect(nodes.map((n) => n.key)).toEqual(['resolve', 'analyze:npm', 'analyze:cargo', 'match', 'report', 'compare']);
    expect(nodes.flatMap((n) => n.dependsOn ?? [])).not.toContain('analyze:go');
  });

  it('honours concurrency with lanes: analyzer i waits for analyzer i − concurrency and still runs after its failure', () => {
    const nodes = scanPipelineNodes('01890000-0000-7000-8000-000000000001', ids, { concurrency: 2, analyzerTimeoutSeconds: 60 });
    const byKey = new Map(nodes.map((n) => [n.key, n]));
    expect(byKey.get('analyze:dpkg')?.dependsOn).toEqual(['resolve']);
    expect(byKey.get('analyze:apk')?.dependsOn).toEqual(['resolve']);
    expect(byKey.get('analyze:npm')).toMatchObject({ dependsOn: ['resolve', 'analyze:dpkg'], onParentFailure: 'run' });
    expect(byKey.get('analyze:cargo')).toMatchObject({ dependsOn: ['resolve', 'analyze:python'], onParentFailure: 'run' });
  });
});

describe('performance regression (SPEC §9: max / baselineMax − 1, alert at ≥ 20 %)', () => {
  const points = (...ms: number[]) => ms.map((durationMs) => ({ durationMs }));

  it('alerts from exactly 20 % slower than the baseline maximum', () => {
    expect(regression(points(900, 1200), 1000)).toEqual({ maxMs: 1200, baselineMaxMs: 1000, ratio: expect.closeTo(0.2, 10), alert: true });
    expect(regression(points(1199), 1000)).toMatchObject({ maxMs: 1199, alert: false });
    expect(regression(points(1500), 1000).ratio).toBeCloseTo(0.5, 10);
  });

  it('is negative when faster, and null without a baseline or without samples', () => {
    expect(regression(points(500), 1000)).toMatchObject({ ratio: -0.5, alert: false });
    expect(regression(points(500), null)).toEqual({ maxMs: 500, baselineMaxMs: null, ratio: null, alert: false });
    expect(regression([], 1000)).toEqual({ maxMs: null, baselineMaxMs: 1000, ratio: null, alert: false });
  });
});
