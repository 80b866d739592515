import { describe, expect, it } from 'vitest';
import { buildPurl, purlWithoutVersion } from '../../src/index.ts';
import { cargoPurl, golangPurl, npmPurl, pypiPurl } from '../../src/purl/purl.ts';

describe('purls (package-url spec)', () => {
  it('encodes npm scopes, normalises PyPI names, splits Go module paths', () => {
    expect(npmPurl('@angular/core', '16.0.0')).toBe('pkg:npm/%40angular/core@16.0.0');
    expect(npmPurl('lodash', '4.17.21')).toBe('pkg:npm/lodash@4.17.21');
    expect(pypiPurl('Django_Rest_Framework', '3.14.0')).toBe('pkg:pypi/django-rest-framework@3.14.0');
    expect(golangPurl('github.com/gin-gonic/gin', 'v1.9.0')).toBe('pkg:golang/github.com/gin-gonic/gin@v1.9.0');
    expect(golangPurl('stdlib', 'v1.21.0')).toBe('pkg:golang/stdlib@v1.21.0');
    expect(cargoPurl('smallvec', '1.6.0')).toBe('pkg:cargo/smallvec@1.6.0');
  });

  it('percent-encodes versions and qualifier values, keeps ":" and sorts qualifiers', () => {
    expect(
      buildPurl({
        type: 'deb',
        namespace: 'debian',
        name: 'zlib1g',
        version: '1:1.2.13.dfsg-1+b1',
        qualifiers: { distro: 'debian-12', arch: 'amd64', epoch: undefined },
      }),
    ).toBe('pkg:deb/debian/zlib1g@1:1.2.13.dfsg-1%2Bb1?arch=amd64&distro=debian-12');
  });

  it('drops the version but keeps qualifiers for the package identity', () => {
    expect(purlWithoutVersion('pkg:deb/debian/libc6@2.36-9?arch=amd64&distro=debian-12')).toBe(
      'pkg:deb/debian/libc6?arch=amd64&distro=debian-12',
    );
    expect(purlWithoutVersion('pkg:npm/%40babel/core@7.0.0')).toBe('pkg:npm/%40babel/core');
    expect(purlWithoutVersion('pkg:npm/lodash')).toBe('pkg:npm/lodash');
  });
});
