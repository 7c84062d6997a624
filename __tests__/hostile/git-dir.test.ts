/**
 * A pull request that links a file the checks read (CODEOWNERS, SECURITY.md, a workflow) to git's
 * own config, where a checkout keeps its token: nothing under `.git/` is read or quoted, the link is
 * a finding of its own, and credential-shaped text never reaches any output format.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { inGitDir } from '../../src/repo/read-file.js';
import { redactCredentials } from '../../src/report/redact.js';
import { runCliCaptured } from '../support/run-cli.js';
import { githubStyleToken } from '../support/tokens.js';
import { makeTree } from './support/trees.js';

const TOKEN = githubStyleToken('ghs');
const EXTRAHEADER = Buffer.from(`x-access-token:${TOKEN}`).toString('base64');
const roots: string[] = [];

afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

/** A committed tree whose links point into `.git`, with a token in the remote and checkout's header. */
async function treeWithLinksIntoGit(): Promise<string> {
  const root = await makeTree({ 'README.md': '# project\n' });
  roots.push(root);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: root });
  git('init', '-q');
  git('remote', 'add', 'origin', `https://x-access-token:${TOKEN}@github.com/o/r`);
  git('config', 'http.https://github.com/.extraheader', `AUTHORIZATION: basic ${EXTRAHEADER}`);
  await fs.mkdir(path.join(root, '.github', 'workflows'), { recursive: true });
  await fs.symlink('../.git/config', path.join(root, '.github', 'CODEOWNERS'));
  await fs.symlink('.git/config', path.join(root, 'SECURITY.md'));
  await fs.symlink('../../.git/config', path.join(root, '.github', 'workflows', 'ci.yml'));
  // Through a second link: the real target is what counts.
  await fs.symlink('.git', path.join(root, 'gitdir'));
  await fs.symlink('gitdir/config', path.join(root, 'notes.env'));
  git('add', '-A');
  git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-qm', 'links');
  return root;
}

describe('symbolic links into .git', () => {
  let root: string;
  const outputs: Record<string, string> = {};
  beforeAll(async () => {
    root = await treeWithLinksIntoGit();
    for (const format of ['json', 'sarif', 'markdown', 'text']) {
      const { stdout, stderr } = await runCliCaptured(['scan', root, '--format', format]);
      outputs[format] = stdout + stderr;
    }
  });

  it('never reads or quotes git config, in any format', () => {
    for (const [format, out] of Object.entries(outputs)) {
      expect({ format, token: out.includes(TOKEN) }).toEqual({ format, token: false });
      expect({ format, header: out.includes(EXTRAHEADER.slice(8, 40)) }).toEqual({ format, header: false });
      expect({ format, config: out.includes('repositoryformatversion') }).toEqual({ format, config: false });
    }
  });

  it('reports each link into .git as a finding of its own', () => {
    const report = JSON.parse(outputs.json!) as {
      checks: Array<{ id: string; status: string; findings: Array<{ path?: string; severity: string }> }>;
    };
    const secrets = report.checks.find((c) => c.id === 'committed-secrets')!;
    expect(secrets.status).toBe('fail');
    const linked = secrets.findings.filter((f) => f.severity === 'high').map((f) => f.path);
    expect(linked.sort()).toEqual([
      '.github/CODEOWNERS',
      '.github/workflows/ci.yml',
      'SECURITY.md',
      'gitdir',
      'notes.env',
    ]);
  });

  it('lists the links it did not follow among the skipped files', () => {
    const report = JSON.parse(outputs.json!) as { skippedFiles: Array<{ path: string; reason: string }> };
    const codeowners = report.skippedFiles.find((s) => s.path === '.github/CODEOWNERS');
    expect(codeowners?.reason).toMatch(/\.git/);
  });
});

describe('a credential in a file a check quotes', () => {
  it('is redacted in every format', async () => {
    const root = await makeTree({
      '.github/CODEOWNERS': `https://x-access-token:${TOKEN}@github.com/o/r @owner\n`,
      'SECURITY.md': `# Security\n\nAuthorization: Bearer ${TOKEN}\n`,
    });
    roots.push(root);
    for (const format of ['json', 'sarif', 'markdown', 'text']) {
      const { stdout } = await runCliCaptured(['scan', root, '--format', format]);
      expect({ format, leaked: stdout.includes(TOKEN) }).toEqual({ format, leaked: false });
    }
  });
});

describe('inGitDir', () => {
  it.each([
    ['.git/config', true],
    ['sub/.git/config', true],
    ['.GIT/config', true],
    ['a/.git', true],
    ['.github/CODEOWNERS', false],
    ['.gitignore', false],
    ['docs/.git-blame-ignore-revs', false],
    ['x.git/config', false],
  ])('%s → %s', (rel, expected) => {
    expect(inGitDir(rel)).toBe(expected);
  });
});

describe('redactCredentials', () => {
  it.each([
    [`url = https://x-access-token:${TOKEN}@github.com/o/r`, TOKEN],
    [`url = https://${TOKEN}@github.com/o/r`, TOKEN],
    [`extraheader = AUTHORIZATION: basic ${EXTRAHEADER}`, EXTRAHEADER],
    [`Authorization: Bearer abc123def456ghi789`, 'abc123def456ghi789'],
    [`the token ${TOKEN} was here`, TOKEN],
    [`password = hunter2hunter2`, 'hunter2hunter2'],
    [`-----BEGIN RSA PRIVATE KEY----- MIIEowIBAAKCAQEA7`, 'MIIEowIBAAKCAQEA7'],
  ])('removes the value from %s', (text, secret) => {
    const out = redactCredentials(text);
    expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
  });

  it.each([
    'uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
    'token: ${{ secrets.GITHUB_TOKEN }}',
    'permissions: id-token: write',
    'Review `id-token: write` on job `build`: it calls a reusable workflow.',
    'PGP private key committed (-----BEGIN PGP PRIVATE KEY----- …): looks like test material, under testdata/ (test data); expected there as long as it protects nothing real.',
    'token: secrets',
    'A basic requirement of the policy is stated.',
    'See https://github.com/o/r/blob/main/SECURITY.md#reporting',
  ])('leaves ordinary text alone: %s', (text) => {
    expect(redactCredentials(text)).toBe(text);
  });

  it('stays linear on a hostile line', () => {
    const line = `https://${'a'.repeat(200_000)}`;
    const started = process.cpuUsage();
    redactCredentials(`${line} password=${'x'.repeat(100_000)}`);
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(2000);
  });
});
