import { describe, expect, it } from '@jest/globals';
import { detectEcosystems, ecosystemOf } from '../../src/evidence/ecosystems.js';

describe('ecosystemOf', () => {
  it('names the ecosystem of a manifest by its file name, in any folder', () => {
    expect(ecosystemOf('package.json')).toBe('npm');
    expect(ecosystemOf('services/api/go.mod')).toBe('gomod');
    expect(ecosystemOf('app/Cargo.toml')).toBe('cargo');
    expect(ecosystemOf('requirements-dev.txt')).toBe('pip');
    expect(ecosystemOf('src/App.csproj')).toBe('nuget');
    expect(ecosystemOf('deploy/Dockerfile.prod')).toBe('docker');
    expect(ecosystemOf('.github/workflows/ci.yml')).toBe('github-actions');
  });

  it('ignores manifests in test fixtures and vendored code', () => {
    expect(ecosystemOf('vendor/github.com/x/go.mod')).toBeUndefined();
    expect(ecosystemOf('test/fixtures/app/package.json')).toBeUndefined();
  });

  it('takes no file name for a key every object inherits', () => {
    for (const name of ['constructor', 'toString', '__proto__', 'src/hasOwnProperty', 'valueOf']) {
      expect(ecosystemOf(name)).toBeUndefined();
    }
  });

  it('answers the same when asked about other paths in between (its last answer is remembered)', () => {
    const paths = ['a/package.json', 'b/readme.md', 'a/package.json', 'Dockerfile', 'Dockerfile', 'x.tf'];
    expect(paths.map(ecosystemOf)).toEqual(['npm', undefined, 'npm', 'docker', 'docker', 'terraform']);
    expect([...detectEcosystems(paths)]).toEqual([
      ['npm', ['a/package.json', 'a/package.json']],
      ['docker', ['Dockerfile', 'Dockerfile']],
      ['terraform', ['x.tf']],
    ]);
  });
});
