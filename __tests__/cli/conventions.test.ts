/**
 * Command-line conventions: a mistyped option or command gets "did you mean"; every bad fail-on
 * id is named at once; NO_COLOR, TERM=dumb and FORCE_COLOR do what their conventions say; assess
 * succeeds once the pack is written unless asked to gate.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { makeTree } from '../hostile/support/trees.js';
import { runCliCaptured } from '../support/run-cli.js';

const ESC = '\u001b[';
let root: string;
beforeAll(async () => {
  // Fails the default gate (no SECURITY.md, no CI...).
  root = await makeTree({ 'README.md': '# widgets\n' });
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('did you mean', () => {
  it.each([
    [['scan', '--formt', 'json'], 'unknown option --formt; did you mean --format?'],
    [['scan', '--fromat=json'], 'unknown option --fromat; did you mean --format?'],
    [['scan', '--threshhold', '3'], 'unknown option --threshhold; did you mean --threshold?'],
    [['sacn'], 'unknown command "sacn"; did you mean scan?'],
  ])('%j', async (args, message) => {
    const run = await runCliCaptured(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('suggests nothing for a word far from every option', async () => {
    const run = await runCliCaptured(['scan', '--completely-different']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown option --completely-different');
    expect(run.stderr).not.toContain('did you mean');
  });
});

describe('fail-on', () => {
  it('names every bad id at once on the command line', async () => {
    const run = await runCliCaptured(['scan', root, '--fail-on', '9.9,pinned-actions,nope,3.2']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/"9\.9", "nope" are neither principle ids/);
  });

  it('names every bad id at once in the config, at the line of the first', async () => {
    const dir = await makeTree({ '.github/sscop.yml': 'fail-on:\n  - "3.2"\n  - nope\n  - "9.9"\n' });
    const run = await runCliCaptured(['scan', dir]);
    await fs.rm(dir, { recursive: true, force: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/:3\b.*"nope" is neither a principle id .*; nor are "9\.9"/);
  });
});

describe('colour', () => {
  const coloured = async (env: Record<string, string>, stdoutIsTTY: boolean, args: string[] = []) =>
    (await runCliCaptured(['scan', root, ...args], { env, stdoutIsTTY })).stdout.includes(ESC);

  it.each([
    ['a terminal', {}, true, true],
    ['not a terminal', {}, false, false],
    ['NO_COLOR=1', { NO_COLOR: '1' }, true, false],
    ['NO_COLOR=0 (any value)', { NO_COLOR: '0' }, true, false],
    ['NO_COLOR empty (unset, by the convention)', { NO_COLOR: '' }, true, true],
    ['TERM=dumb', { TERM: 'dumb' }, true, false],
    ['FORCE_COLOR=1 off a terminal', { FORCE_COLOR: '1' }, false, true],
    ['FORCE_COLOR=0 on a terminal', { FORCE_COLOR: '0' }, true, false],
  ])('%s', async (_label, env, tty, expected) => {
    expect(await coloured(env, tty)).toBe(expected);
  });

  it('--no-color wins over FORCE_COLOR', async () => {
    expect(await coloured({ FORCE_COLOR: '1' }, true, ['--no-color'])).toBe(false);
  });
});

describe('assess', () => {
  it('exits 0 when it wrote the pack, even though the gate fails', async () => {
    const run = await runCliCaptured(['assess', root]);
    expect(run.stdout).toMatch(/Code of Practice/);
    expect(run.code).toBe(0);
  });

  it('exits 1 on a failing gate with --gate', async () => {
    expect((await runCliCaptured(['assess', root, '--gate'])).code).toBe(1);
  });

  it('refuses --gate on scan, which always gates', async () => {
    const run = await runCliCaptured(['scan', root, '--gate']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--gate is an option of sscop assess/);
  });
});
