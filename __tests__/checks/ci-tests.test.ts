import { describe, expect, it } from '@jest/globals';
import { ciTests } from '../../src/checks/ci-tests.js';
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
