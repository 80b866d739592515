import { describe, expect, it } from 'vitest';
import { analyzerById, type Analyzer } from '../../src/index.ts';
import { fixtureFiles } from '../support/fixtures.ts';

const analyzer = (id: string): Analyzer => analyzerById(id) ?? (undefined as never);
const summary = (a: Analyzer, files: Map<string, Buffer>) =>
  a.analyze(files).components.map((c) => `${c.locations.join(',')} ${c.purl}`);

describe('npm analyzer', () => {
  const npm = analyzer('npm');

  it('wants lockfiles anywhere but inside node_modules', () => {
    expect(
      ['package-lock.json', 'app/yarn.lock', 'srv/web/pnpm-lock.yaml', 'npm-shrinkwrap.json'].every(npm.wants),
    ).toBe(true);
    expect(['node_modules/x/package-lock.json', 'package.json', 'app/yarn.lock.bak'].some(npm.wants)).toBe(false);
  });

  it('reads package-lock v1 trees, resolving aliases and skipping git dependencies', () => {
    expect(summary(npm, fixtureFiles({ 'legacy/package-lock.json': 'npm/package-lock.v1.json' }))).toEqual([
      'legacy/package-lock.json pkg:npm/express@4.17.1',
      'legacy/package-lock.json pkg:npm/qs@6.7.0',
      'legacy/package-lock.json pkg:npm/lodash@4.17.20',
      'legacy/package-lock.json pkg:npm/string-width@4.2.3',
    ]);
  });

  it('reads package-lock v2/v3 packages, nested copies included, workspace links skipped, scopes encoded', () => {
    expect(summary(npm, fixtureFiles({ 'package-lock.json': 'npm/package-lock.v2.json' }))).toEqual([
      'package-lock.json pkg:npm/%40babel/traverse@7.22.20',
      'package-lock.json pkg:npm/minimist@1.2.5',
      'package-lock.json pkg:npm/minimist@0.0.8',
    ]);
    expect(summary(npm, fixtureFiles({ 'api/package-lock.json': 'npm/package-lock.v3.json' }))).toEqual([
      'api/package-lock.json pkg:npm/jsonwebtoken@8.5.1',
      'api/package-lock.json pkg:npm/wrap-ansi@7.0.0',
    ]);
  });

  it('reads yarn classic and berry lockfiles and pnpm v9', () => {
    expect(
      summary(npm, fixtureFiles({ 'yarn.lock': 'npm/yarn.lock', 'berry/yarn.lock': 'npm/yarn-berry.lock' })),
    ).toEqual([
      'yarn.lock pkg:npm/%40types/node@20.11.5',
      'yarn.lock pkg:npm/minimist@1.2.6',
      'yarn.lock pkg:npm/undici-types@5.26.5',
      'berry/yarn.lock pkg:npm/axios@1.6.0',
    ]);
    expect(summary(npm, fixtureFiles({ 'pnpm-lock.yaml': 'npm/pnpm-lock.yaml' }))).toEqual([
      'pnpm-lock.yaml pkg:npm/%40vue/compiler-sfc@3.3.4',
      'pnpm-lock.yaml pkg:npm/semver@7.5.1',
    ]);
  });

  it('reads pnpm v5 and v6 package keys', () => {
    const v6 =
      "lockfileVersion: '6.0'\n\npackages:\n\n  /@babel/core@7.22.0(supports-color@8.1.1):\n    resolution: {}\n\n  /ms@2.1.2:\n    dev: false\n";
    const v5 = 'lockfileVersion: 5.4\n\npackages:\n\n  /@types/ms/0.7.31:\n    dev: true\n';
    expect(
      summary(
        npm,
        new Map([
          ['a/pnpm-lock.yaml', Buffer.from(v6)],
          ['b/pnpm-lock.yaml', Buffer.from(v5)],
        ]),
      ),
    ).toEqual([
      'a/pnpm-lock.yaml pkg:npm/%40babel/core@7.22.0',
      'a/pnpm-lock.yaml pkg:npm/ms@2.1.2',
      'b/pnpm-lock.yaml pkg:npm/%40types/ms@0.7.31',
    ]);
  });

  it('reports a malformed lockfile as a problem and keeps the other files', () => {
    const files = fixtureFiles({ 'ok/package-lock.json': 'npm/package-lock.v3.json' });
    files.set('broken/package-lock.json', Buffer.from('{"lockfileVersion": 3,'));
    files.set('array/npm-shrinkwrap.json', Buffer.from('[]'));
    files.set(
      'odd/package-lock.json',
      Buffer.from('{"packages": {"node_modules/x": null, "node_modules/y": {"version": "1.0.0"}}}'),
    );
    const result = npm.analyze(files);
    expect(result.components.map((c) => c.purl)).toEqual([
      'pkg:npm/jsonwebtoken@8.5.1',
      'pkg:npm/wrap-ansi@7.0.0',
      'pkg:npm/y@1.0.0',
    ]);
    expect(result.problems).toEqual([
      { path: 'broken/package-lock.json', message: 'broken/package-lock.json is not valid JSON' },
      { path: 'array/npm-shrinkwrap.json', message: 'array/npm-shrinkwrap.json is not a JSON object' },
    ]);
  });
});

describe('python analyzer', () => {
  const python = analyzer('python');

  it('reads exact pins of requirements files, skipping ranges, options and editable installs', () => {
    expect(summary(python, fixtureFiles({ 'requirements.txt': 'python/requirements.txt' }))).toEqual([
      'requirements.txt pkg:pypi/django@3.2.12',
      'requirements.txt pkg:pypi/requests@2.25.1',
      'requirements.txt pkg:pypi/pyyaml@5.3.1',
      'requirements.txt pkg:pypi/zope.interface@5.4.0',
    ]);
  });

  it('reads poetry.lock and Pipfile.lock (default and develop)', () => {
    const files = fixtureFiles({ 'poetry.lock': 'python/poetry.lock', 'svc/Pipfile.lock': 'python/Pipfile.lock' });
    expect(summary(python, files)).toEqual([
      'poetry.lock pkg:pypi/certifi@2022.12.7',
      'poetry.lock pkg:pypi/jinja2@2.11.2',
      'svc/Pipfile.lock pkg:pypi/pillow@9.0.0',
      'svc/Pipfile.lock pkg:pypi/pytest@7.4.0',
    ]);
    expect(python.analyze(files).components[1]?.name).toBe('Jinja2');
  });
});

describe('go analyzer', () => {
  it('reads require lines and applies replace directives (local replacements dropped)', () => {
    const go = analyzer('go');
    expect(go.wants('go.sum')).toBe(false);
    expect(go.wants('vendor/github.com/x/y/go.mod')).toBe(false);
    expect(summary(go, fixtureFiles({ 'go.mod': 'go/go.mod' }))).toEqual([
      'go.mod pkg:golang/github.com/gin-gonic/gin@v1.9.0',
      'go.mod pkg:golang/golang.org/x/net@v0.23.0',
      'go.mod pkg:golang/gopkg.in/yaml.v3@v3.0.0-20200313102051-9f266ea9e77c',
      'go.mod pkg:golang/github.com/sirupsen/logrus@v1.8.1',
    ]);
  });
});

describe('cargo analyzer', () => {
  it('reads registry crates of Cargo.lock, not the workspace crate nor git checkouts', () => {
    expect(summary(analyzer('cargo'), fixtureFiles({ 'Cargo.lock': 'cargo/Cargo.lock' }))).toEqual([
      'Cargo.lock pkg:cargo/smallvec@1.6.0',
      'Cargo.lock pkg:cargo/time@0.1.43',
    ]);
  });
});
