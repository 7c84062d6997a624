import { describe, expect, it } from '@jest/globals';
import { sast } from '../../src/checks/sast.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(sast, fixture('sast', name));

describe('sast', () => {
  it('passes with CodeQL analyze in a matrix job, naming the workflow, job, step and line', async () => {
    const out = await run('codeql');
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      expect.objectContaining({ path: '.github/workflows/codeql.yml', line: 23 }),
    ]);
    expect(out.evidence[0]!.summary).toMatch(
      /CodeQL in `.github\/workflows\/codeql.yml` › job `analyze`.*on push, pull_request, schedule/,
    );
  });

  it('marks the input-validation claim partial even when SAST runs', async () => {
    const out = await run('codeql');
    expect(out.claims?.['1.4.4']?.status).toBe('partial');
  });

  it('recognises semgrep ci run in the Semgrep container', async () => {
    const out = await run('semgrep-container');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]).toMatchObject({ line: 11 });
  });

  it('counts ESLint with a security plugin as partial', async () => {
    const out = await run('eslint-plugin');
    expect(out.status).toBe('partial');
    expect(out.summary).toContain('eslint-plugin-security');
    expect(out.findings[0]).toMatchObject({ severity: 'low', line: 9 });
  });

  it('fails without SAST, and says that CodeQL default setup is not visible in files', async () => {
    const out = await run('none');
    expect(out.status).toBe('fail');
    expect(out.findings[0]!.message).toMatch(/default setup/);
  });

  it('does not take Snyk open-source scanning (snyk test) for Snyk Code', () => {
    const wf = (command: string) => ({
      '.github/workflows/snyk.yml': `on: push\njobs:\n  s:\n    runs-on: x\n    steps:\n      - uses: snyk/actions/node@master\n        with:\n          command: ${command}\n`,
    });
    expect(runCheckOnFiles(sast, wf('test')).status).toBe('fail');
    expect(runCheckOnFiles(sast, wf('code test')).status).toBe('pass');
  });

  it('does not throw on a malformed package.json', () => {
    expect(runCheckOnFiles(sast, { 'package.json': '{"devDependencies": ' }).status).toBe('fail');
  });
});

describe('sast when the analysis may run in another repository', () => {
  const calls = (uses: string): Record<string, string> => ({
    '.github/workflows/scan.yml': `on: push\njobs:\n  scan:\n    uses: ${uses}\n`,
  });

  it('is unknown, naming the reusable workflow of another repository it did not read', () => {
    const outcome = runCheckOnFiles(sast, calls('acme/workflows/.github/workflows/code-scan.yaml@v1'));
    expect(outcome.status).toBe('unknown');
    expect(outcome.unknown?.reason).toMatch(/acme\/workflows\/\.github\/workflows\/code-scan\.yaml@v1/);
    expect(outcome.findings).toEqual([]);
  });

  it('still fails when the only reusable workflow is this repository’s own', () => {
    const outcome = runCheckOnFiles(sast, {
      ...calls('./.github/workflows/build.yml'),
      '.github/workflows/build.yml':
        'on: workflow_call\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n',
    });
    expect(outcome.status).toBe('fail');
  });
});
