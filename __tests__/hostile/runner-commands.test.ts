/**
 * The CLI often runs inside a CI job, whose runner reads every line of the step's stdout and
 * stderr for commands: `::name::` at the start of a line and the legacy `##[name]` anywhere in it
 * (`##[add-mask]`, `##[set-output]` still work). Repository text printed by the CLI must not form
 * one, in any format.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { isRunnerCommand } from '../support/runner-commands.js';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree } from './support/trees.js';

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, ...new Array(56).fill(0)]);
const COMMAND_NAMES = ['##[set-output name=passed;]true', '##[add-mask]score', '::add-mask::score'];
const UNPINNED =
  'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';

let root: string;
beforeAll(async () => {
  const files: Record<string, string | Buffer> = {};
  for (const name of COMMAND_NAMES) {
    files[`bin/${name}`] = ELF;
    files[`.github/workflows/${name}.yml`] = UNPINNED;
  }
  // A CODEOWNERS line whose finding message starts with the repository's text.
  files['.github/CODEOWNERS'] = '* @acme/maintainers\n::add-mask::owner\n##[add-mask]x y\n';
  root = await makeTree(files);
});
afterAll(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

describe('runner commands in CLI output', () => {
  it.each(['text', 'markdown', 'json', 'sarif'])('%s on stdout holds no command line', async (format) => {
    const run = await runCliCaptured(['scan', root, '--format', format, '--threshold', '0']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/set\\?-output name=passed/);
    const commands = `${run.stdout}\n${run.stderr}`.split('\n').filter(isRunnerCommand);
    expect(commands).toEqual([]);
  });

  it('JSON on stdout is still the same report', async () => {
    const run = await runCliCaptured(['scan', root, '--format', 'json', '--threshold', '0']);
    const paths = JSON.parse(run.stdout).checks.flatMap((c: { findings: Array<{ path?: string }> }) =>
      c.findings.map((f) => f.path),
    );
    expect(paths).toContain('bin/##[set-output name=passed;]true');
  });

  it('the evidence pack on stdout holds no command line', async () => {
    for (const format of ['markdown', 'html']) {
      const run = await runCliCaptured(['assess', root, '--format', format, '--threshold', '0']);
      expect(run.stdout.split('\n').filter(isRunnerCommand)).toEqual([]);
    }
  });
});
