/**
 * A file a check needs but the scan could not read is not an absent file. Padding a Dockerfile or
 * a secrets file past the 10 MiB read limit, or linking a workflow into .git, must not move its
 * checks to pass or not-applicable: they become unknown, naming the file and why, and a check that
 * fails on what it could read still fails, saying its evidence is incomplete.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runCliCaptured } from '../support/run-cli.js';
import { githubStyleToken } from '../support/tokens.js';
import { makeTree } from './support/trees.js';

const OVER_LIMIT = 11 * 1024 * 1024;
/** `text` followed by blank lines up to 11 MiB: what it says is on its first lines. */
const padded = (text: string) => text + '\n'.repeat(OVER_LIMIT - Buffer.byteLength(text));

const PINNED_WORKFLOW =
  'on: push\npermissions: {}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683\n';
const UNPINNED_WORKFLOW =
  'on: push\npermissions: {}\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

interface ReportCheck {
  id: string;
  status: string;
  summary: string;
  findings: Array<{ path?: string }>;
  evidence: Array<{ summary: string; path?: string }>;
  unknown?: { reason: string; howToObserve: string };
}

async function scanTree(files: Record<string, string>, setUp?: (root: string) => Promise<void>) {
  const root = await makeTree(files);
  roots.push(root);
  await setUp?.(root);
  const { stdout } = await runCliCaptured(['scan', root, '--format', 'json']);
  const report = JSON.parse(stdout) as { checks: ReportCheck[] };
  return (id: string) => report.checks.find((c) => c.id === id)!;
}

describe('a file padded past the read limit', () => {
  it('leaves the Dockerfile check unknown, naming the file and the limit', async () => {
    const check = await scanTree({ Dockerfile: padded('FROM ubuntu:latest\nRUN make\n') });
    const images = check('pinned-images');
    expect(images.status).toBe('unknown');
    expect(images.unknown?.reason).toMatch(/Dockerfile \(larger than the 10\.0 MiB limit/);
    expect(images.unknown?.howToObserve).toMatch(/read limit/);
    expect(images.evidence).toContainEqual(expect.objectContaining({ path: 'Dockerfile' }));
  });

  it('leaves the secret scan unknown rather than passing', async () => {
    const token = githubStyleToken('ghp');
    const check = await scanTree({ 'deploy.env': padded(`TOKEN=${token}\n`), 'src/app.py': 'x = 1\n' });
    const secrets = check('committed-secrets');
    expect(secrets.status).toBe('unknown');
    expect(secrets.unknown?.reason).toContain('deploy.env');
  });

  it('keeps a failing verdict and its findings, saying the evidence is incomplete', async () => {
    const check = await scanTree({
      '.github/workflows/a.yml': UNPINNED_WORKFLOW,
      '.github/workflows/b.yml': padded(PINNED_WORKFLOW),
    });
    const pins = check('pinned-actions');
    expect(['fail', 'partial']).toContain(pins.status);
    expect(pins.findings.map((f) => f.path)).toContain('.github/workflows/a.yml');
    expect(pins.summary).toMatch(/Evidence incomplete: .*\.github\/workflows\/b\.yml/);
    expect(pins.unknown?.reason).toContain('.github/workflows/b.yml');
  });

  it('leaves alone a check that needed only the head of the file, which it read', async () => {
    const check = await scanTree({ 'tool.bin': padded('plain text, not a binary\n') });
    expect(check('binary-artifacts').status).toBe('pass');
  });
});

describe('a workflow linked into .git', () => {
  it('leaves the workflow checks unknown instead of not-applicable', async () => {
    const check = await scanTree({ 'README.md': '# project\n' }, async (root) => {
      execFileSync('git', ['init', '-q'], { cwd: root });
      await fs.mkdir(path.join(root, '.github', 'workflows'), { recursive: true });
      await fs.symlink('../../.git/config', path.join(root, '.github', 'workflows', 'ci.yml'));
      execFileSync('git', ['add', '-A'], { cwd: root });
    });
    for (const id of ['pinned-actions', 'workflow-permissions', 'dangerous-workflow']) {
      const result = check(id);
      expect({ id, status: result.status }).toEqual({ id, status: 'unknown' });
      expect(result.unknown?.reason).toMatch(
        /\.github\/workflows\/ci\.yml \(symbolic link into a \.git folder/,
      );
    }
  });
});
