// CVSS v3.0/v3.1 base score from a vector string (FIRST CVSS v3.1 specification §7.1 and Appendix A, whose
// Roundup avoids floating-point artefacts; v3.0 vectors are scored with the same formula).

const WEIGHTS = {
  AV: { N: 0.85, A: 0.62, L: 0.55, P: 0.2 },
  AC: { L: 0.77, H: 0.44 },
  UI: { N: 0.85, R: 0.62 },
  CIA: { H: 0.56, L: 0.22, N: 0 },
} as const;

const PRIVILEGES = { U: { N: 0.85, L: 0.62, H: 0.27 }, C: { N: 0.85, L: 0.68, H: 0.5 } } as const;

function pick<T extends Record<string, number>>(table: T, key: string | undefined): number | null {
  return key !== undefined && Object.hasOwn(table, key) ? (table[key as keyof T] as number) : null;
}

/** The base score (0.0–10.0), or null when the vector is not a complete CVSS v3 base vector. */
export function cvss3BaseScore(vector: string): number | null {
  if (!/^CVSS:3\.[01]\//.test(vector)) return null;
  const metrics = new Map(
    vector
      .split('/')
      .slice(1)
      .map((part) => part.split(':') as [string, string]),
  );
  const scope = metrics.get('S');
  if (scope !== 'U' && scope !== 'C') return null;
  const values = [
    pick(WEIGHTS.AV, metrics.get('AV')),
    pick(WEIGHTS.AC, metrics.get('AC')),
    pick(PRIVILEGES[scope], metrics.get('PR')),
    pick(WEIGHTS.UI, metrics.get('UI')),
    pick(WEIGHTS.CIA, metrics.get('C')),
    pick(WEIGHTS.CIA, metrics.get('I')),
    pick(WEIGHTS.CIA, metrics.get('A')),
  ];
  if (values.some((v) => v === null)) return null;
  const [av, ac, pr, ui, c, i, a] = values as number[] as [number, number, number, number, number, number, number];
  const iss = 1 - (1 - c) * (1 - i) * (1 - a);
  const impact = scope === 'U' ? 6.42 * iss : 7.52 * (iss - 0.029) - 3.25 * (iss - 0.02) ** 15;
  if (impact <= 0) return 0;
  const exploitability = 8.22 * av * ac * pr * ui;
  return roundUp(Math.min((scope === 'U' ? 1 : 1.08) * (impact + exploitability), 10));
}

function roundUp(value: number): number {
  const scaled = Math.round(value * 100_000);
  return scaled % 10_000 === 0 ? scaled / 100_000 : (Math.floor(scaled / 10_000) + 1) / 10;
}
