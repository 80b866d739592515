// Every CLI call is a process start (tsx compiling the sources), seconds each on a busy machine.
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Ed25519PublicJwk } from '@execops/contract';
import { FIXTURE_PATHS } from '@execops/scanner';
import { expect, it } from 'vitest';
import { runCli, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
/** A hang guard for cases of several CLI calls (seconds each on a loaded machine), not a timing check. */
const SLOW = 600_000;

it('keygen, build, trust, import, list, refuse a tampered kit, roll back, export and revoke', { timeout: SLOW }, async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'execops-kit-'));
  const file = (name: string) => path.join(dir, name);

  const keygen = await runCli(live.server, 'kit', 'keygen', '--out', file('site.jwk.json'), '--kid', 'site-one');
  expect(keygen.code).toBe(0);
  const publicKey = Ed25519PublicJwk.parse(JSON.parse(keygen.stdout));
  expect(publicKey.kid).toBe('site-one');
  expect((await stat(file('site.jwk.json'))).mode & 0o777).toBe(0o600);
  await writeFile(file('site.public.json'), keygen.stdout);

  const build = (version: string, ...extra: string[]) =>
    runCli(live.server, 'kit', 'build', '--osv', FIXTURE_PATHS.osvDir, '--key', file('site.jwk.json'), '--version', version, '--out', file(`${version}.tar.gz`), ...extra);
  expect((await build('2026.12.01')).stdout).toContain('kit 2026.12.01 signed by site-one');
  const withAnalyzer = await build('2026.12.02', '--analyzer', FIXTURE_PATHS.analyzersDir);
  expect(withAnalyzer.stdout).toMatch(/kit 2026\.12\.02 signed by site-one, .*; analyzers: composer 1\.0\.0 \(Packagist\)$/m);
  const composer = JSON.parse(await readFile(path.join(FIXTURE_PATHS.analyzersDir, 'composer.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(file('shadow.json'), JSON.stringify({ ...composer, id: 'npm' }));
  const shadowing = await build('2026.12.03', '--analyzer', file('shadow.json'));
  expect([shadowing.code, shadowing.stderr]).toEqual([1, expect.stringContaining('analyzer npm: a built-in analyzer has that id; a kit analyzer may not shadow it')]);

  const untrusted = await runCli(live.server, 'kit', 'import', file('2026.12.01.tar.gz'), '--reason', 'first feed');
  expect(untrusted.code).toBe(1);
  expect(untrusted.stderr).toContain('the kit is signed by key site-one, which is not a trust key (kit_rejected, HTTP 422');

  const trusted = await runCli(live.server, 'trust-keys', 'add', '--name', 'site one', '--jwk', file('site.public.json'), '--reason', 'our feed');
  expect(trusted.stdout).toContain('trust key site-one "site one" added');
  const privateRefused = await runCli(live.server, 'trust-keys', 'add', '--name', 'oops', '--jwk', file('site.jwk.json'), '--reason', 'x');
  expect(privateRefused.stderr).toMatch(/is not a public Ed25519 JWK: .*d/);

  expect((await runCli(live.server, 'kit', 'import', file('2026.12.01.tar.gz'), '--reason', 'first feed')).stdout).toMatch(/kit 2026\.12\.01 \(\S+\) active, 8 advisories, signed by site one/);
  const tampered = Buffer.from(await readFile(file('2026.12.02.tar.gz')));
  const at = tampered.length - 20;
  tampered[at] = (tampered[at] ?? 0) ^ 0xff;
  await writeFile(file('tampered.tar.gz'), tampered);
  const refused = await runCli(live.server, 'kit', 'import', file('tampered.tar.gz'), '--reason', 'second feed');
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('kit_rejected, HTTP 422');
  expect((await runCli(live.server, 'kit', 'import', file('2026.12.02.tar.gz'), '--reason', 'second feed')).code).toBe(0);

  const listed = await runCli(live.server, 'kit', 'list');
  expect(listed.stdout).toMatch(/2026\.12\.02\s+active/);
  expect(listed.stdout).toMatch(/2026\.12\.01\s+previous/);
  expect(listed.stdout).toMatch(/quarantined .*untrusted_key: the kit is signed by key site-one/);

  expect((await runCli(live.server, 'kit', 'rollback', '--reason', 'bad advisories in .02')).stdout).toMatch(/kit 2026\.12\.01 .* active/);

  const exported = await runCli(live.server, 'kit', 'export', '--out', file('export.tar.gz'), '--reason', 'for site two');
  expect(exported.stdout).toMatch(/export\.tar\.gz: \d+ bytes/);
  expect((await readFile(file('export.tar.gz')).then((b) => b.subarray(0, 2))).toString('hex')).toBe('1f8b');
  const siteKey = Ed25519PublicJwk.parse(JSON.parse((await runCli(live.server, 'kit', 'site-key')).stdout));
  expect(siteKey.kid).toMatch(/^execops-site-/);

  expect((await runCli(live.server, 'trust-keys', 'revoke', 'site-one', '--reason', 'key rotated')).stdout).toContain('trust key site-one "site one" revoked');
  expect((await runCli(live.server, 'trust-keys', 'list')).stdout).toMatch(/site-one\s+site one\s+\S+\s+\S+\s+revoked/);
});
