import { describe, expect, it } from '@jest/globals';
import { ciTests } from '../../src/checks/ci-tests.js';
import { checkContext, runCheck } from '../../src/checks/check.js';
import { filesFromRecord, SnapshotFiles } from '../../src/repo/files.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(ciTests, fixture('ci-tests', name));

describe('ci-tests', () => {
  it('passes when npm test runs on pull_request, naming the workflow, job and line', async () => {
    const out = await run('sscop-ci');
    expect(out.status).toBe('pass');
    expect(out.findings).toEqual([]);
    expect(out.summary).toContain('`.github/workflows/ci.yml` job `test`');
    expect(out.evidence[0]).toMatchObject({ path: '.github/workflows/ci.yml', line: 16 });
  });

  it('finds pytest in a block scalar, skipping comments, echo and install lines', async () => {
    const out = await run('on-pr');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatchObject({ line: 18 });
    expect(out.evidence[0]!.summary).toContain('python -m pytest -q');
  });

  it('is partial when tests run only on push, with per-claim notes', async () => {
    const out = await run('push-only');
    expect(out.status).toBe('partial');
    expect(out.findings[0]).toMatchObject({ severity: 'medium', line: 2 });
    expect(out.claims?.['1.2.4']?.status).toBe('partial');
  });

  it('fails when no step runs tests: echo lines, -DskipTests and lint do not count', async () => {
    const out = await run('no-tests');
    expect(out.status).toBe('fail');
    expect(out.findings[0]!.message).toMatch(/recognised test command/);
  });

  it('credits a called reusable workflow with its caller’s pull_request trigger', async () => {
    const out = await run('reusable');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]!.summary).toMatch(/cargo test.*on workflow_call, pull_request, merge_group/);
  });

  it('reads the command a wrapper action (retry) is given', async () => {
    const out = await run('wrapped');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatchObject({ line: 11 });
  });

  it('follows a local composite action that runs the tests', () => {
    const out = runCheckOnFiles(ciTests, {
      '.github/workflows/ci.yml':
        'on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - uses: ./.github/actions/test\n',
      '.github/actions/test/action.yml':
        'runs:\n  using: composite\n  steps:\n    - run: dotnet test\n      shell: bash\n',
    });
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatchObject({ path: '.github/actions/test/action.yml', line: 4 });
  });

  it('counts a project CI script as (weaker) evidence', () => {
    const out = runCheckOnFiles(ciTests, {
      '.github/workflows/ci.yml':
        'on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: .ci/run\n',
    });
    expect(out.status).toBe('pass');
    expect(out.summary).toMatch(/not inspected/);
  });

  it('is unknown when CI lives only in another system', () => {
    const out = runCheckOnFiles(ciTests, { '.circleci/config.yml': 'version: 2.1\n' });
    expect(out.status).toBe('unknown');
    expect(out.unknown?.reason).toContain('.circleci/config.yml');
  });

  it('fails when there is no CI at all', () => {
    expect(runCheckOnFiles(ciTests, { 'README.md': '' }).status).toBe('fail');
  });
});

/** A pull-request workflow with one step that runs `script`. */
const stepRunning = (script: string): Record<string, string> => ({
  '.github/workflows/ci.yml': `on: pull_request\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: ${script}\n`,
});

describe('ci-tests: the test runner is a command word', () => {
  it.each([
    'make unit-test',
    'uv run --locked --with tox-uv tox run -e py312',
    'poetry run pytest -q',
    'npx jest --ci',
    'pnpm -r test',
    'hatch test',
    'nox -s tests',
    'cargo +nightly nextest run',
    'sudo -E env CI=1 go test ./...',
    'bundle exec rspec',
    'pnpm exec vitest run',
    "bash -c 'go test ./...'",
  ])('recognises `%s`', (script) => {
    const out = runCheckOnFiles(ciTests, stepRunning(script));
    expect(out.status).toBe('pass');
    expect(out.summary).not.toMatch(/not inspected/);
  });

  it('does not count `docker cp … gotestsum.exe` nor the shell builtin `test`', async () => {
    const out = await run('not-tests');
    expect(out.status).toBe('fail');
  });
});

describe('ci-tests: what a step runs through make and scripts', () => {
  it('follows a make target to its prerequisites and reports the chain to the Makefile line', async () => {
    const out = await run('make-target');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatchObject({ path: '.github/workflows/ci.yml', line: 8 });
    expect(out.evidence[0]!.summary).toContain('go test -race ./...');
    expect(out.evidence[0]!.summary).toContain('.github/workflows/ci.yml:8 → Makefile:11');
  });

  it('reads a repository script the step runs by path', async () => {
    const out = await run('script-go-test');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]!.summary).toContain('.github/workflows/ci.yml:6 → hack/verify.sh:5');
  });

  it('is unknown, not a failure, when the script a step runs could not be read', () => {
    const files = filesFromRecord(stepRunning('./scripts/build-all.sh'));
    const unread = new SnapshotFiles(
      [...files.paths, 'scripts/build-all.sh'],
      new Map(files.paths.map((p) => [p, { text: files.text(p) }])),
      [{ path: 'scripts/build-all.sh', reason: 'larger than the 10 MB limit; not read' }],
    );
    const out = runCheck(ciTests, checkContext(unread));
    expect(out.status).toBe('unknown');
    expect(out.unknown?.reason).toContain('scripts/build-all.sh');
  });
});

describe('ci-tests when the tests may run in another repository', () => {
  it('is unknown, naming the reusable workflow of another repository it did not read', () => {
    const outcome = runCheckOnFiles(ciTests, {
      '.github/workflows/ci.yml':
        'on: pull_request\njobs:\n  test:\n    uses: acme/workflows/.github/workflows/go-test.yml@v2\n',
    });
    expect(outcome.status).toBe('unknown');
    expect(outcome.unknown?.reason).toMatch(/acme\/workflows\/\.github\/workflows\/go-test\.yml@v2/);
  });
});
