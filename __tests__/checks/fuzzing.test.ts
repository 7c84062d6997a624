import { describe, expect, it } from '@jest/globals';
import { fuzzing } from '../../src/checks/fuzzing.js';
import { runCheckOnFiles } from '../support/run-check.js';

// Inline trees: fuzz targets committed as fixture files would be taken for this repository's own.
const goFiles = (n: number): Record<string, string> =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`pkg/f${i}.go`, 'package pkg\n']));

describe('fuzzing', () => {
  it('passes with a Go native fuzz test, at its line', () => {
    const out = runCheckOnFiles(fuzzing, {
      'parser/parse_fuzz_test.go':
        'package parser\n\nimport "testing"\n\nfunc FuzzParse(f *testing.F) {\n}\n',
    });
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatchObject({ path: 'parser/parse_fuzz_test.go', line: 5 });
  });

  it('passes with a ClusterFuzzLite configuration, from its path alone', () => {
    const out = runCheckOnFiles(fuzzing, {
      '.clusterfuzzlite/project.yaml': 'language: c++\n',
      '.clusterfuzzlite/build.sh': '',
    });
    expect(out.status).toBe('pass');
    expect(out.evidence).toHaveLength(1);
  });

  it('passes with CIFuzz in a workflow, naming the job and step', () => {
    const out = runCheckOnFiles(fuzzing, {
      '.github/workflows/cifuzz.yml':
        'on: pull_request\njobs:\n  fuzz:\n    runs-on: x\n    steps:\n      - uses: google/oss-fuzz/infra/cifuzz/actions/build_fuzzers@master\n',
    });
    expect(out.summary).toMatch(/OSS-Fuzz \(CIFuzz\) in `.github\/workflows\/cifuzz.yml` › job `fuzz`/);
    expect(out.evidence[0]!.line).toBe(6);
  });

  it('passes with a cargo-fuzz crate and a libFuzzer target', () => {
    expect(runCheckOnFiles(fuzzing, { 'fuzz/Cargo.toml': '[package]\n' }).status).toBe('pass');
    const c = runCheckOnFiles(fuzzing, {
      'tests/fuzz/fuzz_decode.c': 'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) {}',
    });
    expect(c.evidence[0]).toMatchObject({ path: 'tests/fuzz/fuzz_decode.c', line: 1 });
  });

  it('reads only files whose path names fuzzing, and no vendored ones', () => {
    expect(fuzzing.needs('src/parser_test.go')).toBeUndefined();
    expect(fuzzing.needs('src/parser_fuzz_test.go')).toBe('text');
    expect(fuzzing.needs('vendor/x/fuzz_test.go')).toBeUndefined();
    expect(fuzzing.needs('fuzz/fuzz_targets/decode.rs')).toBe('text');
  });

  it('does not count a file named fuzz without a fuzz target', () => {
    const out = runCheckOnFiles(fuzzing, {
      ...goFiles(5),
      'pkg/fuzz_helpers_test.go': 'package pkg\nfunc TestFuzzy(t *testing.T) {}\n',
    });
    expect(out.status).toBe('fail');
  });

  it('is partial with property-based tests only (fast-check)', () => {
    const out = runCheckOnFiles(fuzzing, {
      'package.json': '{\n  "devDependencies": {\n    "fast-check": "4.0.0"\n  }\n}\n',
    });
    expect(out.status).toBe('partial');
    expect(out.evidence[0]).toMatchObject({ path: 'package.json', line: 3 });
  });

  it('recognises Hypothesis in pyproject.toml', () => {
    const out = runCheckOnFiles(fuzzing, {
      'pyproject.toml': '[project.optional-dependencies]\ntest = [\n  "hypothesis>=6",\n]\n',
    });
    expect(out.status).toBe('partial');
  });

  it('fails, at low severity, a Go project without fuzzing', () => {
    const out = runCheckOnFiles(fuzzing, goFiles(6));
    expect(out.status).toBe('fail');
    expect(out.findings[0]).toMatchObject({ severity: 'low' });
    expect(out.findings[0]!.remediation).toMatch(/FuzzXxx/);
  });

  it('does not score its absence in a project where fuzzing is uncommon', () => {
    const out = runCheckOnFiles(fuzzing, { 'src/app.ts': '', 'src/b.ts': '', 'src/helper.c': '' });
    expect(out.status).toBe('not-applicable');
    expect(out.summary).toMatch(/not scored/);
  });
});

describe('fuzzing, false positives', () => {
  it('does not take a mention of a fuzz entry point in a string, a comment or a fixture for a target', () => {
    const out = runCheckOnFiles(fuzzing, {
      'src/checks/fuzzing.ts': 'const re = /LLVMFuzzerTestOneInput|func FuzzX/;\n',
      'src/fuzz/notes.c': '/* int LLVMFuzzerTestOneInput( is what libFuzzer calls */\n',
      '__tests__/fixtures/fuzzing/go/fuzz_test.go': 'func FuzzParse(f *testing.F) {}\n',
    });
    expect(out.status).toBe('not-applicable');
  });
});
