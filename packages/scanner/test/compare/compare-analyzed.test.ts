import { describe, expect, it } from 'vitest';
import { compareAnalyzedFindings, type AnalyzedFindings, type Finding } from '../../src/index.ts';
import { finding } from '../support/findings.ts';

const scan = (analyzersRan: string[], findings: [Finding, string[]][]): AnalyzedFindings => ({
  findings: findings.map(([f]) => f),
  analyzersRan,
  analyzersOf: new Map(findings.map(([f, analyzers]) => [f.component.purl, analyzers])),
});

const lodash = finding('GHSA-a', 'pkg:npm/lodash@4.17.11');
const requests = finding('GHSA-b', 'pkg:pypi/requests@2.30.0');
const text = finding('GHSA-c', 'pkg:golang/golang.org/x/text@v0.3.5');

describe('compareAnalyzedFindings', () => {
  it('does not count the findings of an analyzer that ran in only one scan as fixed or new', () => {
    const baseline = scan(['go', 'npm', 'python'], [[lodash, ['npm']], [requests, ['python']], [text, ['go']]]);
    const current = scan(['npm', 'python'], [[requests, ['python']]]);
    const result = compareAnalyzedFindings(baseline, current);
    expect(result.fixed).toEqual([lodash]);
    expect(result.unchanged.map((u) => u.current)).toEqual([requests]);
    expect(result.notCompared).toEqual([{ analyzer: 'go', from: 'baseline', findings: 1 }]);

    const reverse = compareAnalyzedFindings(current, baseline);
    expect(reverse.new).toEqual([lodash]);
    expect(reverse.notCompared).toEqual([{ analyzer: 'go', from: 'scan', findings: 1 }]);
  });

  it('a failed analyzer counts as not run; a package also found by an analyzer that ran in both is compared', () => {
    const baseline = scan(['npm', 'yarn'], [[lodash, ['npm', 'yarn']], [finding('GHSA-d', 'pkg:npm/qs@6.7.0'), ['yarn']]]);
    const current = scan(['npm'], []);
    const result = compareAnalyzedFindings(baseline, current);
    expect(result.fixed).toEqual([lodash]);
    expect(result.notCompared).toEqual([{ analyzer: 'yarn', from: 'baseline', findings: 1 }]);
  });

  it('without a baseline every finding is new and nothing is left out', () => {
    const result = compareAnalyzedFindings(null, scan(['npm'], [[lodash, ['npm']]]));
    expect(result).toMatchObject({ new: [lodash], fixed: [], unchanged: [], notCompared: [] });
  });
});
