import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { apiGet, apiPost } from './api.ts';
import { expect, type APIRequestContext } from './test.ts';

const FIXTURES = 'packages/scanner/fixtures';

/**
 * A kit version above any an earlier test of the same server imported (and above the first start's demo `0.1`):
 * the date and time as dotted numbers, each part ≤ 9 digits as kit versions require.
 */
export function freshKitVersion(): string {
  const now = new Date();
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  return `${now.getUTCFullYear()}.${pad(now.getUTCMonth() + 1)}${pad(now.getUTCDate())}.${pad(now.getUTCHours())}${pad(now.getUTCMinutes())}${pad(now.getUTCSeconds())}.${pad(now.getUTCMilliseconds(), 3)}`;
}

/**
 * Builds a kit of the committed OSV fixtures and the composer analyzer with `execops kit build`, signed with the
 * TEST-ONLY fixture key the first start trusts (like the first start's demo kit, so the analyzer stays installed).
 */
export async function buildFixtureKit(version: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'execops-e2e-kit-'));
  const out = join(dir, `kit-${version}.tar.gz`);
  execFileSync(
    process.execPath,
    [
      'apps/cli/bin/execops.js',
      'kit',
      'build',
      '--osv',
      `${FIXTURES}/osv`,
      '--analyzer',
      `${FIXTURES}/analyzers`,
      '--key',
      `${FIXTURES}/fixture-signing-key.private.jwk.json`,
      '--version',
      version,
      '--out',
      out,
    ],
    { stdio: 'pipe' },
  );
  return out;
}

/** npm packages of a scanned app: name → exact version. */
export type NpmPackages = Record<string, string>;

/** A package-lock.json (lockfile v3) of `packages`: what the npm analyzer reads. */
export function npmLockfile(packages: NpmPackages): string {
  const entries = Object.fromEntries(
    Object.entries(packages).map(([name, version]) => [`node_modules/${name}`, { version, resolved: `https://registry.npmjs.org/${name}/-/${name}-${version}.tgz` }]),
  );
  const lock = {
    name: 'e2e-app',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: { '': { name: 'e2e-app', version: '1.0.0', dependencies: packages }, ...entries },
  };
  return `${JSON.stringify(lock, null, 2)}\n`;
}

/** Writes the lockfile of `packages` into `dir`. */
export async function writeNpmLockfile(dir: string, packages: NpmPackages): Promise<void> {
  await writeFile(join(dir, 'package-lock.json'), npmLockfile(packages));
}

/** A temporary directory on the server's host (the e2e server runs on this machine) holding an npm app. */
export async function fixtureApp(packages: NpmPackages): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'execops-e2e-app-'));
  await writeNpmLockfile(dir, packages);
  return dir;
}

/** Advisories of the fixture kit (packages/scanner/fixtures/osv). */
export const ADVISORY = {
  /** lodash < 4.17.12 (npm), critical. */
  lodash: 'GHSA-jf85-cpcp-j695',
  /** minimist < 1.2.6 (npm). */
  minimist: 'GHSA-xvch-5gv4-984h',
} as const;

/** Starts a scan of the server-side `path` through the API (named after the path unless `targetName` is given); answers its id. */
export async function startScan(request: APIRequestContext, path: string, targetName?: string): Promise<string> {
  const body = { target: { kind: 'path', path }, ...(targetName === undefined ? {} : { targetName }) };
  const { scan } = await apiPost<{ scan: { id: string } }>(request, '/scanner/scans', body, 201);
  return scan.id;
}

/** Waits until the API reports the scan succeeded (a whole pipeline on a shared machine: up to a minute). */
export async function untilScanSucceeded(request: APIRequestContext, scanId: string): Promise<void> {
  await expect.poll(async () => (await apiGet<{ state: string }>(request, `/scanner/scans/${scanId}`)).state, { timeout: 60_000 }).toBe('succeeded');
}
