import { describe, expect, it } from '@jest/globals';
import {
  isFixtureOrVendored,
  isTestDataPath,
  isVendored,
  testMaterial,
} from '../../src/evidence/test-material.js';

describe('test material', () => {
  it('names the segment or file name that decides, strongest kind first', () => {
    expect(testMaterial('vendor/github.com/x/y/openpgp/keys_test_data.go')).toEqual({
      kind: 'vendored',
      marker: 'vendor/',
      reason: 'under vendor/ (vendored code)',
    });
    expect(testMaterial('test/fixtures/keys/agent.pem')).toMatchObject({
      kind: 'fixture',
      marker: 'fixtures/',
    });
    expect(testMaterial('internal/http/testkey.pem')).toMatchObject({
      kind: 'test',
      reason: 'file name testkey.pem names a test',
    });
    expect(testMaterial('examples/tls/server.key')).toMatchObject({ kind: 'example', marker: 'examples/' });
    expect(testMaterial('examples/tls/server_test.go')).toMatchObject({ kind: 'test' });
  });

  it('reads words in folder and file names, not letters inside other words', () => {
    for (const path of [
      'pkg/integration-tests/a.pem',
      'internal/testutil/certs.go',
      'src/TestKeys.java',
      'mocks/client.go',
      'a/b_test.go',
      'web/app.spec.ts',
      'test_auth.py',
    ]) {
      expect([path, testMaterial(path)?.kind]).toEqual([path, 'test']);
    }
    for (const path of [
      'src/latest/x.pem',
      'contest/x.bin',
      'attest.go',
      'testimonials/key.pem',
      'README.md',
    ]) {
      expect([path, testMaterial(path)]).toEqual([path, undefined]);
    }
  });

  it('does not take CI files and scripts named for tests as test material', () => {
    for (const path of [
      '.github/workflows/test.yml',
      'scripts/run-tests.sh',
      'Makefile.test',
      'docker-compose.test.yml',
    ]) {
      expect([path, testMaterial(path)]).toEqual([path, undefined]);
    }
  });

  it('skips vendored code and test data for build checks, but not test code', () => {
    expect(isFixtureOrVendored('third_party/lib/Dockerfile')).toBe(true);
    expect(isFixtureOrVendored('node_modules/x/package.json')).toBe(true);
    expect(isFixtureOrVendored('tests/fixtures/app/package.json')).toBe(true);
    expect(isFixtureOrVendored('pkg/testdata/Dockerfile')).toBe(true);
    expect(isFixtureOrVendored('tests/e2e/Dockerfile')).toBe(false);
    expect(isFixtureOrVendored('examples/app/Dockerfile')).toBe(false);
    expect(isTestDataPath('tests/e2e/Dockerfile')).toBe(true);
    expect(isTestDataPath('vendor/x/y_test.go')).toBe(false);
    expect(isVendored('vendor/x/y_test.go')).toBe(true);
  });

  it('judges a folder the same whether its parent folder was judged before it or not', () => {
    // Child first: the parents are judged on the way.
    expect(testMaterial('order-a/examples/tests/fixtures/x/k.pem')).toMatchObject({ marker: 'fixtures/' });
    expect(testMaterial('order-a/examples/tests/k.pem')).toMatchObject({ kind: 'test', marker: 'tests/' });
    expect(testMaterial('order-a/examples/k.pem')).toMatchObject({ kind: 'example', marker: 'examples/' });
    // Parent first: the child builds on the parent's verdict. The first of equal segments decides.
    expect(testMaterial('order-b/spec/k.pem')).toMatchObject({ kind: 'test', marker: 'spec/' });
    expect(testMaterial('order-b/spec/e2e/mocks/k.pem')).toMatchObject({ kind: 'test', marker: 'spec/' });
    expect(testMaterial('order-b/spec/e2e/vendor/tests/k.pem')).toMatchObject({ marker: 'vendor/' });
    expect(testMaterial('order-c/vendor/spec/testdata/k.pem')).toMatchObject({ marker: 'vendor/' });
    expect(testMaterial('order-c/vendor/k.pem')).toMatchObject({ marker: 'vendor/' });
  });

  it('judges vendored code and test data by folder alone, as the full judgement does', () => {
    for (const path of [
      'vendor/x/y_test.go',
      'pkg/fixtures/a_test.go',
      'pkg/testdata/Dockerfile',
      'pkg/util/testkey.pem',
      'pkg/util/run_test.go',
      'examples/testdata/x.go',
      'tests/e2e/Dockerfile',
      'README.md',
    ]) {
      const kind = testMaterial(path)?.kind;
      expect({ path, vendored: isVendored(path), build: isFixtureOrVendored(path) }).toEqual({
        path,
        vendored: kind === 'vendored',
        build: kind === 'vendored' || kind === 'fixture',
      });
    }
  });

  it('judges a path of thousands of folders without running out of stack', () => {
    const deep = `${'a/'.repeat(20_000)}testdata/${'b/'.repeat(20_000)}key.pem`;
    expect(testMaterial(deep)).toMatchObject({ kind: 'fixture', marker: 'testdata/' });
    expect(isFixtureOrVendored(deep)).toBe(true);
  });

  it('stays cheap on a hostile path', () => {
    const long = `${'a-'.repeat(50_000)}test/${'b'.repeat(100_000)}.pem`;
    expect(testMaterial(long)).toBeUndefined();
  });
});
