import { beforeAll, describe, expect, it } from '@jest/globals';
import { lockfiles } from '../../src/checks/lockfiles.js';
import type { CheckOutcome, Finding } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const CI = '.github/workflows/ci.yml';

function at(outcome: CheckOutcome, path: string, line: number): Finding[] {
  return outcome.findings.filter((f) => f.path === path && f.line === line);
}

describe('lockfiles in a workspace with CI installs', () => {
  let outcome: CheckOutcome;
  beforeAll(async () => {
    outcome = await runCheckOnDir(lockfiles, fixture('lockfiles', 'workspace'));
  });

  it('accepts a workspace package locked by the lockfile at the root', () => {
    expect(outcome.evidence.find((e) => e.path === 'packages/app/package.json')?.summary).toBe(
      'npm: locked by package-lock.json',
    );
  });

  it('accepts go.mod with go.sum', () => {
    expect(outcome.evidence.find((e) => e.path === 'go.mod')?.summary).toBe('gomod: locked by go.sum');
  });

  it('accepts npm ci and flags npm install, but not npm install of a named package', () => {
    expect(at(outcome, CI, 6)).toEqual([]);
    expect(at(outcome, CI, 8)).toMatchObject([
      {
        column: 11,
        message: expect.stringMatching(/npm install/),
        remediation: expect.stringMatching(/npm ci/),
      },
    ]);
    expect(at(outcome, CI, 9)).toEqual([]);
  });

  it('accepts yarn --frozen-lockfile and flags a bare yarn', () => {
    expect(at(outcome, CI, 10)).toEqual([]);
    expect(at(outcome, CI, 11)).toHaveLength(1);
  });

  it('accepts pip --require-hashes and flags python -m pip install -r of an unhashed file', () => {
    expect(at(outcome, CI, 12)).toEqual([]);
    expect(at(outcome, CI, 13)).toMatchObject([{ message: expect.stringMatching(/without hash checking/) }]);
  });

  it('follows && chains: cargo test --locked passes, cargo build without it does not', () => {
    expect(at(outcome, CI, 14)).toMatchObject([
      { column: 37, severity: 'low', message: expect.stringMatching(/cargo build/) },
    ]);
  });

  it('flags bundle install unless frozen earlier in the script', () => {
    expect(at(outcome, CI, 15)).toHaveLength(1);
    expect(at(outcome, CI, 18)).toEqual([]);
  });

  it('does not read PowerShell steps', () => {
    expect(at(outcome, CI, 19)).toEqual([]);
  });

  it('is partial: everything is locked but CI can re-resolve', () => {
    expect(outcome.status).toBe('partial');
  });
});

describe('lockfiles for Python requirements', () => {
  let outcome: CheckOutcome;
  beforeAll(async () => {
    outcome = await runCheckOnDir(lockfiles, fixture('lockfiles', 'python'));
  });

  it('calls a requirements file with --hash on every requirement hash-pinned', () => {
    expect(outcome.evidence.find((e) => e.path === 'svc/requirements.txt')?.summary).toMatch(/hash-pinned/);
    expect(outcome.findings.filter((f) => f.path === 'svc/requirements.txt')).toEqual([]);
  });

  it('calls == pins without hashes version-pinned, at low severity', () => {
    expect(outcome.findings.filter((f) => f.path === 'requirements-dev.txt')).toMatchObject([
      { severity: 'low', line: 1, message: expect.stringMatching(/pins versions \(==\) but not hashes/) },
    ]);
  });

  it('reports ranges as unlocked', () => {
    expect(outcome.findings.filter((f) => f.path === 'requirements-loose.txt')).toMatchObject([
      { severity: 'medium' },
    ]);
  });
});

describe('lockfiles verdicts', () => {
  it('fails when no manifest has a lock, and skips vendored manifests', async () => {
    const outcome = await runCheckOnDir(lockfiles, fixture('lockfiles', 'missing'));
    expect(outcome.findings.map((f) => f.path).sort()).toEqual([
      'api/Cargo.toml',
      'api/Gemfile',
      'package.json',
    ]);
    expect(outcome.status).toBe('fail');
  });

  it('treats a library crate without Cargo.lock as partial, not failed', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'Cargo.toml': '[package]\nname = "lib"\n[dependencies]\nserde = "1"\n',
      'src/lib.rs': '',
    });
    expect(outcome.status).toBe('partial');
    expect(outcome.evidence[1]?.summary).toMatch(/library crate/);
  });

  it('treats a package.json without dependencies as nothing to lock', () => {
    expect(runCheckOnFiles(lockfiles, { 'package.json': '{"name":"x","scripts":{}}' }).status).toBe(
      'not-applicable',
    );
  });

  it('passes when every manifest is locked', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'package.json': '{"dependencies":{"a":"1"}}',
      'pnpm-lock.yaml': 'lockfileVersion: 9',
      Gemfile: 'gem "x"',
      'Gemfile.lock': 'GEM',
    });
    expect(outcome).toMatchObject({ status: 'pass', findings: [] });
  });

  it('takes a command named like an inherited object key for an ordinary command', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'package.json': '{"dependencies":{"a":"1"}}',
      'package-lock.json': '{}',
      [CI]: 'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: constructor install\n      - run: npm ci\n',
    });
    expect(outcome.status).toBe('pass');
  });

  it('finds a pylock file or requirements beside pyproject.toml without listing the tree again', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'svc/pyproject.toml': '[project]\nname = "svc"\n',
      'svc/pylock.prod.toml': 'lock-version = "1.0"',
      'lib/pyproject.toml': '[project]\nname = "lib"\n',
      'lib/requirements.txt': 'a==1.0\n',
    });
    expect(outcome.evidence.map((e) => e.summary)).toEqual(
      expect.arrayContaining(['pip: locked by svc/pylock.prod.toml']),
    );
    expect(outcome.evidence.some((e) => e.path === 'lib/pyproject.toml')).toBe(false);
  });
});
