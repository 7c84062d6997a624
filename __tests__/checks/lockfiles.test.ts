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

  it('reports a test project without a lock at low confidence, and does not count it against the repository', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'Cargo.toml': '[package]\nname = "tool"\n[dependencies]\nserde = "1"\n',
      'Cargo.lock': '# generated\n[[package]]\nname = "serde"\nversion = "1.0.0"\n',
      'src/main.rs': 'fn main() {}',
      'tests/testsuite/init/out/Cargo.toml': '[package]\nname = "out"\n[dependencies]\nrand = "0.8"\n',
      'tests/testsuite/init/out/src/main.rs': 'fn main() {}',
    });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        path: 'tests/testsuite/init/out/Cargo.toml',
        severity: 'low',
        confidence: 'low',
        message: expect.stringMatching(/under tests\/ \(test code\), so it is likely a test project/),
      }),
    ]);
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

describe("lockfiles reads the project's own settings before advising", () => {
  let outcome: CheckOutcome;
  beforeAll(async () => {
    outcome = await runCheckOnDir(lockfiles, fixture('lockfiles', 'settings'));
  });

  it('says a library crate whose Cargo.lock is git-ignored follows the Cargo convention', () => {
    expect(outcome.evidence.find((e) => e.path === 'Cargo.toml')?.summary).toMatch(
      /library crate whose Cargo\.lock is git-ignored on purpose \(\.gitignore line 2\): the Cargo convention/,
    );
  });

  it('never tells CI to build with --locked when no Cargo.lock is committed', () => {
    expect(outcome.findings.filter((f) => /--locked/.test(`${f.message} ${f.remediation}`))).toEqual([]);
  });

  it('says package-lock=false in .npmrc is the project’s choice, and never advises npm ci while it stands', () => {
    expect(outcome.findings.filter((f) => f.path === 'web/package.json')).toMatchObject([
      {
        severity: 'low',
        message: expect.stringContaining('package-lock=false (web/.npmrc line 1)'),
        remediation: expect.stringMatching(
          /^A library may leave its lock out on purpose\. .*remove that setting, then/,
        ),
      },
    ]);
    expect(outcome.findings.filter((f) => f.path === CI)).toEqual([]);
  });

  it('is partial, not failed', () => {
    expect(outcome.status).toBe('partial');
  });
});

describe('lockfiles: a lockfile in a parent folder locks only the members of its workspace', () => {
  const summaryOf = (outcome: CheckOutcome, path: string): string | undefined =>
    outcome.evidence.find((e) => e.path === path)?.summary;

  it('reads npm and yarn workspaces from package.json', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'package.json': JSON.stringify({
        private: true,
        workspaces: ['./packages/*'],
        devDependencies: { a: '1' },
      }),
      'package-lock.json': '{}',
      'packages/app/package.json': '{"dependencies":{"a":"1"}}',
      'docs/package.json': '{"dependencies":{"b":"1"}}',
    });
    expect(summaryOf(outcome, 'packages/app/package.json')).toBe('npm: locked by package-lock.json');
    expect(outcome.findings.filter((f) => f.path === 'docs/package.json')).toMatchObject([
      {
        severity: 'medium',
        message: expect.stringContaining(
          'package-lock.json in a parent folder does not include docs in its workspace',
        ),
      },
    ]);
  });

  it('reads pnpm-workspace.yaml, exclusions included', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'pnpm-workspace.yaml': "packages:\n  - 'apps/*'\n  - '!apps/legacy'\n",
      'pnpm-lock.yaml': 'lockfileVersion: 9',
      'apps/web/package.json': '{"dependencies":{"a":"1"}}',
      'apps/legacy/package.json': '{"dependencies":{"a":"1"}}',
      'tools/package.json': '{"dependencies":{"a":"1"}}',
    });
    expect(summaryOf(outcome, 'apps/web/package.json')).toBe('npm: locked by pnpm-lock.yaml');
    expect(outcome.findings.map((f) => f.path).sort()).toEqual([
      'apps/legacy/package.json',
      'tools/package.json',
    ]);
  });

  it('reads cargo workspace members and exclusions, and a crate that is its own workspace', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'Cargo.toml': '[workspace]\nmembers = [\n  "crates/*", # every crate\n]\nexclude = ["crates/fuzz"]\n',
      'Cargo.lock': '',
      'crates/core/Cargo.toml': '[package]\nname = "core"\n[dependencies]\nserde = "1"\n',
      'crates/fuzz/Cargo.toml':
        '[package]\nname = "fuzz"\n[dependencies]\nlibfuzzer-sys = "0.4"\n[[bin]]\nname = "f"\n',
      'tools/gen/Cargo.toml': '[package]\nname = "gen"\n[workspace]\n[dependencies]\nclap = "4"\n',
      'tools/gen/src/main.rs': '',
    });
    expect(summaryOf(outcome, 'crates/core/Cargo.toml')).toBe('cargo: locked by Cargo.lock');
    expect(outcome.findings.map((f) => f.path).sort()).toEqual([
      'crates/fuzz/Cargo.toml',
      'tools/gen/Cargo.toml',
    ]);
  });

  it('reads uv workspace members and path dependencies of the project that holds the lock', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'pyproject.toml':
        '[project]\nname = "root"\n[tool.poetry.dependencies]\nlib-a = { path = "libs/a", develop = true }\n[tool.uv.workspace]\nmembers = ["packages/*"]\n',
      'uv.lock': '',
      'packages/one/pyproject.toml': '[project]\nname = "one"\n',
      'libs/a/pyproject.toml': '[project]\nname = "a"\n',
      'scripts/pyproject.toml': '[project]\nname = "scripts"\n',
    });
    expect(summaryOf(outcome, 'packages/one/pyproject.toml')).toBe('pip: locked by uv.lock');
    expect(summaryOf(outcome, 'libs/a/pyproject.toml')).toBe('pip: locked by uv.lock');
    expect(summaryOf(outcome, 'scripts/pyproject.toml')).toMatch(/^pip: no lockfile/);
  });
  it('reads go.work use lines, and a crate that names its workspace root', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'go.work': 'go 1.22\n\nuse (\n\t./svc // the service\n)\n',
      'go.work.sum': '',
      'svc/go.mod': 'module svc\nrequire example.com/a v1.0.0\n',
      'tools/go.mod': 'module tools\nrequire example.com/a v1.0.0\n',
      'Cargo.toml': '[workspace]\nmembers = []\n',
      'Cargo.lock': '',
      'extra/x/Cargo.toml': '[package]\nname = "x"\nworkspace = "../.."\n[dependencies]\nserde = "1"\n',
    });
    expect(summaryOf(outcome, 'svc/go.mod')).toBe('gomod: locked by go.work.sum');
    expect(summaryOf(outcome, 'extra/x/Cargo.toml')).toBe('cargo: locked by Cargo.lock');
    expect(outcome.findings.map((f) => f.path)).toEqual(['tools/go.mod']);
  });
});

describe('lockfiles CI advice is something that works in the repository', () => {
  const workflow = (steps: string): string => `on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n${steps}`;

  it('does not advise a locked install when the lock it needs is not committed', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'package.json': '{"dependencies":{"a":"1"}}',
      'yarn.lock': '',
      'Cargo.toml': '[package]\nname = "x"\n[dependencies]\nserde = "1"\n[[bin]]\nname = "x"\n',
      'pyproject.toml': '[project]\nname = "x"\n',
      Gemfile: 'gem "x"',
      [CI]: workflow(
        '      - run: npm install\n      - run: uv sync\n      - run: cargo build\n      - run: bundle install\n',
      ),
    });
    expect(outcome.findings.filter((f) => f.path === CI)).toEqual([]);
  });

  it('advises in the folder that holds the lock: working-directory and cd', () => {
    const outcome = runCheckOnFiles(lockfiles, {
      'web/package.json': '{"dependencies":{"a":"1"}}',
      'web/package-lock.json': '{}',
      'docs/package.json': '{"dependencies":{"a":"1"}}',
      [CI]: workflow(
        '      - run: npm install\n        working-directory: web\n      - run: cd docs && npm install\n      - run: cd web && npm install\n',
      ),
    });
    expect(outcome.findings.filter((f) => f.path === CI).map((f) => f.line)).toEqual([6, 9]);
  });
});
