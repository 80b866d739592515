import { describe, expect, it } from 'vitest';
import { cvss3BaseScore } from '../../src/matching/cvss3.ts';
import { severityOf } from '../../src/matching/severity.ts';
import { OsvRecord } from '../../src/index.ts';

describe('cvss3BaseScore', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1],
    ['CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H', 7.8],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N', 5.9],
    ['CVSS:3.1/AV:P/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.6],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
  ])('%s scores %s', (vector, score) => {
    expect(cvss3BaseScore(vector)).toBe(score);
  });

  it('refuses incomplete or other-version vectors', () => {
    expect(cvss3BaseScore('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H')).toBeNull();
    expect(cvss3BaseScore('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N')).toBeNull();
    expect(cvss3BaseScore('AV:N/AC:L/Au:N/C:P/I:P/A:P')).toBeNull();
  });
});

describe('severityOf', () => {
  const record = (extra: Record<string, unknown>) =>
    OsvRecord.parse({ id: 'X-1', modified: '2024-01-01T00:00:00Z', ...extra });

  it('prefers a CVSS v3 vector, then the database label, else unknown', () => {
    expect(
      severityOf(
        record({
          severity: [
            { type: 'CVSS_V4', score: 'CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N' },
            { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
          ],
          database_specific: { severity: 'LOW' },
        }),
      ),
    ).toEqual({ severity: 'critical', score: 9.8, vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' });
    expect(severityOf(record({ database_specific: { severity: 'MODERATE' } }))).toEqual({
      severity: 'medium',
      score: null,
      vector: null,
    });
    expect(severityOf(record({})).severity).toBe('unknown');
  });
});
