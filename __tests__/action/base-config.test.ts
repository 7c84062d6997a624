/**
 * The config a pull request is judged by, read from the clone when the base commit is in it, and
 * the `pull-request-config` input that chooses it.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readBaseConfig } from '../../src/action/base-config.js';
import { readInputs } from '../../src/action/inputs.js';

let root: string;
const shas: Record<string, string> = {};

beforeAll(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-base-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root })
      .toString()
      .trim();
  git('init', '-q');
  await fs.writeFile(path.join(root, 'README.md'), '# x\n');
  git('add', '-A');
  git('commit', '-qm', 'no config');
  shas.none = git('rev-parse', 'HEAD');
  await fs.mkdir(path.join(root, '.github'));
  await fs.writeFile(path.join(root, '.github', 'sscop.yml'), 'threshold: 5\n');
  git('add', '-A');
  git('commit', '-qm', 'config');
  shas.base = git('rev-parse', 'HEAD');
  // The change under scan: its own config in the working tree.
  await fs.writeFile(path.join(root, '.github', 'sscop.yml'), 'threshold: 0\n');
});
afterAll(() => fs.rm(root, { recursive: true, force: true }));

describe('readBaseConfig', () => {
  it('reads the file as it is on the base commit, not the working tree', async () => {
    const config = await readBaseConfig({ scanRoot: root, scanPath: '.', baseSha: shas.base! });
    expect(config).toEqual({
      text: 'threshold: 5\n',
      label: `.github/sscop.yml on the base commit (${shas.base!.slice(0, 7)})`,
    });
  });

  it('gives the defaults when the base commit has no config', async () => {
    const config = await readBaseConfig({ scanRoot: root, scanPath: '.', baseSha: shas.none! });
    expect(config.text).toBeUndefined();
    expect(config.label).toMatch(/^defaults \(no \.github\/sscop\.yml on the base commit/);
  });

  it('gives the defaults, and says why, when the base commit cannot be read at all', async () => {
    const config = await readBaseConfig({ scanRoot: root, scanPath: '.', baseSha: 'f'.repeat(40) });
    expect(config.text).toBeUndefined();
    expect(config.label).toMatch(/could not be read .*never judged by its own config/);
  });
});

describe('the pull-request-config input', () => {
  const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

  it('defaults to the base commit’s config', () => {
    expect(inputs({}).pullRequestConfig).toBe('base');
  });

  it('accepts head', () => {
    expect(inputs({ 'pull-request-config': 'head' }).pullRequestConfig).toBe('head');
  });

  it('rejects anything else, naming the input', () => {
    expect(() => inputs({ 'pull-request-config': 'pr' })).toThrow(
      /pull-request-config.*Expected base or head/,
    );
  });
});

describe('the api-timeout input', () => {
  const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

  it('is unset by default (the client’s own budget applies)', () => {
    expect(inputs({}).apiTimeoutSeconds).toBeUndefined();
  });

  it('takes seconds from 1 to 3600', () => {
    expect(inputs({ 'api-timeout': '30' }).apiTimeoutSeconds).toBe(30);
    expect(() => inputs({ 'api-timeout': '0' })).toThrow(/api-timeout.*from 1 to 3600/);
  });
});
