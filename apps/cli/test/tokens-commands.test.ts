// Every CLI call is a process start (tsx compiling the sources), seconds each on a busy machine.
import { expect, it } from 'vitest';
import { runCli, runCliAs, useLiveApi } from './support/live-api.ts';

const live = useLiveApi();
/** A hang guard for cases of several CLI calls (seconds each on a loaded machine), not a timing check. */
const SLOW = 120_000;

it('execops tokens create prints the secret once; list shows the token without it; the token works until revoked', { timeout: SLOW }, async () => {
  const created = await runCli(live.server, 'tokens', 'create', '--name', 'reader', '--scopes', 'jobs:read', '--tenants', 'default', '--reason', 'dashboards');
  expect(created.code).toBe(0);
  const secret = /^(eo_[0-9a-f]{16}_\S{43})$/m.exec(created.stdout)?.[1];
  if (!secret) throw new Error(`no secret in: ${created.stdout}`);
  const id = secret.slice(3, 19);

  const listed = await runCli(live.server, 'tokens', 'list');
  expect(listed.code).toBe(0);
  expect(listed.stdout).toMatch(new RegExp(`${id}\\s+reader\\s+jobs:read\\s+default\\s+live`));
  expect(listed.stdout).not.toContain(secret.slice(20));

  const read = await runCliAs(secret, live.server, 'jobs', 'list');
  expect(read.code).toBe(0);
  const refused = await runCliAs(secret, live.server, 'jobs', 'cancel', '00000000-0000-7000-8000-000000000000', '--reason', 'x');
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('lacks scope jobs:operate');
  expect(refused.stderr).toContain('HTTP 403');

  const revoked = await runCli(live.server, 'tokens', 'revoke', id, '--reason', 'dashboards moved');
  expect(revoked.stdout).toContain(`token ${id} "reader" revoked`);
  const after = await runCliAs(secret, live.server, 'jobs', 'list');
  expect(after.stderr).toContain('HTTP 401');
});

it('says how to pass a token when the server answers 401', { timeout: SLOW }, async () => {
  const result = await runCliAs(undefined, live.server, 'jobs', 'list');
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('pass --token or set EXECOPS_TOKEN');
});
