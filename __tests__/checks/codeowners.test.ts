import { describe, expect, it } from '@jest/globals';
import { codeowners, compilePattern } from '../../src/checks/codeowners.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(codeowners, fixture('codeowners', name));

describe('codeowners', () => {
  it('passes when .github/CODEOWNERS gives every file an owner', async () => {
    const outcome = await run('github-dir');
    expect(outcome.status).toBe('pass');
    expect(
      outcome.evidence.some((e) => e.summary === 'default owners for the whole tree' && e.line === 2),
    ).toBe(true);
  });

  it('is partial when rules leave files without an owner, and names some', async () => {
    const outcome = await run('root-partial');
    expect(outcome.status).toBe('partial');
    expect(outcome.findings[0]!.message).toMatch(/2 of 3 files have no owner .*CODEOWNERS/);
  });

  it('finds CODEOWNERS in docs/', async () => {
    expect((await run('docs-dir')).status).toBe('pass');
  });

  it('fails and explains when the file name has the wrong case', async () => {
    const outcome = await run('wrong-case');
    expect(outcome.status).toBe('fail');
    expect(outcome.findings[0]).toMatchObject({ path: '.github/codeowners' });
    expect(outcome.findings[0]!.message).toMatch(/must be named CODEOWNERS exactly/);
  });

  it('reports each syntax GitHub rejects with its line and column', async () => {
    const outcome = await run('syntax-errors');
    expect(outcome.status).toBe('partial');
    const lines = outcome.findings
      .filter((f) => f.line && f.line > 1)
      .map((f) => [f.line, f.message.split(':')[0]]);
    expect(lines).toEqual([
      [2, 'negated patterns (!) are not supported by CODEOWNERS'],
      [3, 'character ranges ([ ]) are not supported by CODEOWNERS'],
      [4, '"not-an-owner" is not a @user, @org/team or email owner'],
    ]);
    expect(outcome.findings.find((f) => f.line === 4)?.column).toBe(11);
  });

  it('fails when there is no CODEOWNERS', async () => {
    expect((await run('absent')).status).toBe('fail');
  });

  it('notes a second CODEOWNERS that GitHub ignores', () => {
    const outcome = runCheckOnFiles(codeowners, { '.github/CODEOWNERS': '* @a', CODEOWNERS: '* @b' });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toEqual([expect.objectContaining({ path: 'CODEOWNERS', severity: 'info' })]);
  });

  it('lets the last matching rule win, so a later rule without owners un-owns paths', () => {
    const outcome = runCheckOnFiles(codeowners, {
      CODEOWNERS: '* @a\n/generated/\n',
      'generated/x.ts': '',
      'src/y.ts': '',
    });
    expect(outcome.status).toBe('partial');
    expect(outcome.findings[0]!.message).toMatch(/generated\/x\.ts/);
  });

  it('counts only the rules from the last catch-all on, whatever comes before it', () => {
    const files = { 'generated/x.ts': '', 'docs/a.md': '', 'src/y.ts': '' };
    const unowned = (codeownersText: string) => {
      const outcome = runCheckOnFiles(codeowners, { CODEOWNERS: codeownersText, ...files });
      return outcome.status === 'pass' ? 'none' : /\(e\.g\. (.*)\)\./.exec(outcome.findings[0]!.message)?.[1];
    };
    // A catch-all after a rule without owners gives its paths owners again.
    expect(unowned('/generated/\n* @a\n')).toBe('none');
    expect(unowned('/generated/\n* @a\n/docs/ @b\n')).toBe('none');
    // A rule without owners after the catch-all, or a catch-all without owners, un-owns paths.
    expect(unowned('* @a\n/docs/\n')).toBe('docs/a.md');
    expect(unowned('* @a\n**\n/docs/ @b\n')).toBe('CODEOWNERS, generated/x.ts, src/y.ts');
    expect(unowned('/docs/ @b\n')).toBe('CODEOWNERS, generated/x.ts, src/y.ts');
  });

  it('matches patterns the way GitHub does', () => {
    expect(compilePattern('docs/')('a/docs/x.md')).toBe(true);
    expect(compilePattern('/docs/')('a/docs/x.md')).toBe(false);
    expect(compilePattern('*.js')('src/deep/a.js')).toBe(true);
    expect(compilePattern('apps/web')('apps/web/src/a.ts')).toBe(true);
    expect(compilePattern('docs/*')('docs/a/b.md')).toBe(false);
    expect(compilePattern('**/logs')('x/logs/y')).toBe(true);
  });
});
