/**
 * The evidence pack says only what is true for its reader: links that show what was scanned (or
 * are marked where the working tree differs), none to a server the repository is not on, counts
 * that match their lists, vendor instructions kept out of the claims, no pointer to a JSON report
 * the reader does not have; and online checks that do not tell the reader to run sscop online.
 */
import { describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkContext } from '../../src/checks/check.js';
import { releaseIntegrity } from '../../src/checks/release-integrity.js';
import { sast } from '../../src/checks/sast.js';
import { parseRepositoryUrl } from '../../src/repo/git.js';
import { filesFromRecord } from '../../src/repo/files.js';
import { parseBaseline } from '../../src/report/baseline.js';
import { buildEvidencePack } from '../../src/report/evidence-pack.js';
import { renderEvidencePackHtml } from '../../src/report/evidence-pack-html.js';
import { renderEvidencePackMarkdown } from '../../src/report/evidence-pack-markdown.js';
import type { Report } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { githubFacts, TODAY } from '../support/fake-github/facts.js';
import { runCliCaptured } from '../support/run-cli.js';
import { fixture } from '../support/run-check.js';
import { validateReport } from '../support/schemas.js';

const cli = (args: string[], env: Record<string, string> = {}) => runCliCaptured(args, { env });

/** The vendor fixture as a git checkout with `origin` at `remote`, `.gitignore` ignoring build/. */
async function checkout(remote = 'https://github.com/acme/widget.git') {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-honest-'));
  await fs.cp(fixture('evidence-pack', 'vendor'), dir, { recursive: true });
  await fs.writeFile(path.join(dir, '.gitignore'), 'build/\n');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', '-C', dir, ...args], {
      encoding: 'utf8',
    }).trim();
  git('init', '-q');
  git('remote', 'add', 'origin', remote);
  git('add', '-A');
  git('commit', '-q', '-m', 'fixture');
  return { dir, sha: git('rev-parse', 'HEAD') };
}

async function jsonReport(dir: string): Promise<Report> {
  const { stdout, code } = await cli(['scan', dir, '--format', 'json', '--untracked']);
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as Report;
  expect(validateReport(report)).toEqual([]);
  return report;
}

function section(md: string, claimId: string): string {
  const start = md.indexOf(`#### ${claimId} `);
  expect(start).toBeGreaterThanOrEqual(0);
  const next = md.slice(start + 5).search(/^#{2,4} /m);
  return next < 0 ? md.slice(start) : md.slice(start, start + 5 + next);
}

describe('a working tree that differs from the commit', () => {
  it('is said on the cover, and evidence in a changed file is marked', async () => {
    const { dir, sha } = await checkout();
    const clean = (await cli(['assess', dir])).stdout;
    expect(clean).not.toContain('| Scanned |');
    expect(clean).not.toContain('changed in the working tree');

    await fs.appendFile(path.join(dir, 'SECURITY.md'), '\nEdited after the commit.\n');
    const report = await jsonReport(dir);
    expect(report.metadata.workingTreeDiffers).toEqual({ files: 1, paths: ['SECURITY.md'] });
    const md = (await cli(['assess', dir])).stdout;
    expect(md).toMatch(/\| Scanned \| ⚠️ the working tree, not the commit alone: 1 changed, 0 untracked/);
    expect(md).toMatch(/^The working tree was scanned, not the commit alone: 1 tracked file differs/m);
    expect(md).toMatch(
      new RegExp(
        `\\[SECURITY\\.md:\\d+\\]\\(<https://github\\.com/acme/widget/blob/${sha}/SECURITY\\.md#L\\d+>\\) ⚠️ _\\(changed in the working tree`,
      ),
    );
    // Files the working tree did not change keep plain links.
    expect(md).toMatch(/\[\.github\/CODEOWNERS(:\d+)?\]\(<[^>]+>\) — /);
  });
});

describe('untracked files', () => {
  it('are scanned by the CLI (not those git ignores) and marked in the pack, with no link', async () => {
    const { dir } = await checkout();
    await fs.writeFile(
      path.join(dir, '.github', 'dependabot.yml'),
      'version: 2\nupdates:\n  - package-ecosystem: github-actions\n    directory: /\n    schedule:\n      interval: weekly\n',
    );
    await fs.mkdir(path.join(dir, 'build'));
    await fs.writeFile(path.join(dir, 'build', 'dependabot.yml'), 'ignored\n');
    const report = await jsonReport(dir);
    expect(report.metadata.untrackedScanned).toEqual({ files: 1, paths: ['.github/dependabot.yml'] });
    const tool = report.checks.find((c) => c.id === 'dependency-update-tool')!;
    expect(tool.status).toBe('pass');

    const md = renderEvidencePackMarkdown(buildEvidencePack(report));
    expect(md).toMatch(/ \.github\/dependabot\.yml:\d+ ⚠️ _\(untracked: not in the commit\)_ — /);
    expect(md).toContain('/blob/');
    expect(md).not.toMatch(/\/blob\/[^>]*dependabot/);
  });

  it('are left out when the scan does not ask for them (the action)', async () => {
    const { dir } = await checkout();
    await fs.writeFile(path.join(dir, 'extra.md'), 'untracked\n');
    const { report } = await scan({ root: dir });
    expect(report.metadata.untrackedScanned).toBeUndefined();
    expect(report.metadata.filesListed).toBe(
      execFileSync('git', ['-C', dir, 'ls-files'], { encoding: 'utf8' }).trim().split('\n').length,
    );
  });
});

describe('the CLI’s default for untracked files', () => {
  const listed = async (args: string[], options: Parameters<typeof runCliCaptured>[1]) => {
    const { dir } = await checkout();
    await fs.writeFile(path.join(dir, 'extra.md'), 'untracked\n');
    const { stdout } = await runCliCaptured(['scan', dir, '--format', 'json', ...args], options);
    return (JSON.parse(stdout) as Report).metadata.untrackedScanned;
  };

  it('scans them on a terminal outside CI', async () => {
    expect(await listed([], { stdoutIsTTY: true, env: {} })).toEqual({ files: 1, paths: ['extra.md'] });
  });

  it('leaves them out in CI and when nothing is a terminal', async () => {
    expect(await listed([], { stdoutIsTTY: true, env: { CI: 'true' } })).toBeUndefined();
    expect(await listed([], { env: {} })).toBeUndefined();
  });

  it('follows --untracked and --tracked-only over the default, and refuses both', async () => {
    expect(await listed(['--untracked'], { env: { CI: 'true' } })).toEqual({ files: 1, paths: ['extra.md'] });
    expect(await listed(['--tracked-only'], { stdoutIsTTY: true, env: {} })).toBeUndefined();
    const { dir } = await checkout();
    const both = await runCliCaptured(['scan', dir, '--untracked', '--tracked-only']);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/--untracked and --tracked-only/);
  });
});

describe('a remote that is not on the server the links point at', () => {
  it.each([
    ['https://gitlab.com/acme/widget.git', 'gitlab.com'],
    ['git@bitbucket.org:acme/widget.git', 'bitbucket.org'],
    ['/srv/git/acme/widget.git', null],
  ])('%s: no links, and the host is in the report', async (remote, host) => {
    const { dir } = await checkout(remote);
    const report = await jsonReport(dir);
    expect(report.repository).toBe('acme/widget');
    expect(report.metadata.repositoryHost).toBe(host);
    const md = (await cli(['assess', dir])).stdout;
    expect(md).not.toContain('](<https://github.com');
    expect(md).not.toContain('/blob/');
    expect(md).not.toContain('/commit/');
  });

  it('parses the host of every remote form', () => {
    expect(parseRepositoryUrl('https://github.com/acme/widget.git')).toEqual({
      repository: 'acme/widget',
      host: 'github.com',
    });
    expect(parseRepositoryUrl('ssh://git@GHE.corp.example:2222/acme/widget')?.host).toBe('ghe.corp.example');
    expect(parseRepositoryUrl('https://user:secret@ghe.corp.example/acme/widget')?.host).toBe(
      'ghe.corp.example',
    );
    expect(parseRepositoryUrl('git@github.com:acme/widget.git')?.host).toBe('github.com');
    expect(parseRepositoryUrl('file:///srv/acme/widget.git')).toEqual({ repository: 'acme/widget' });
  });
});

describe('an online scan', () => {
  const files = {
    '.github/workflows/ci.yml':
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
  };
  const run = (check: typeof sast | typeof releaseIntegrity, online: boolean) => {
    const ctx = checkContext(filesFromRecord(files), TODAY);
    return check.run({ ...ctx, ...(online ? { github: githubFacts({ releases: { value: [] } }) } : {}) });
  };

  it('never tells the reader to run sscop online', () => {
    for (const check of [sast, releaseIntegrity]) {
      const online = JSON.stringify(run(check, true));
      expect(online).not.toMatch(/run sscop online/i);
      // Offline, the advice stands.
      expect(JSON.stringify(run(check, false))).toMatch(/run sscop online/);
    }
  });
});

describe('the pack a customer reads', () => {
  it('heads each baseline list with the count of what it lists', async () => {
    const { dir } = await checkout();
    const report = await jsonReport(dir);
    const earlier = structuredClone(report);
    const principle = earlier.principles.find((p) => p.claims.filter((c) => c.status === 'met').length > 1)!;
    principle.status = 'not-met';
    const improvedClaims = principle.claims.filter((c) => c.status === 'met').length;
    for (const c of principle.claims) if (c.status === 'met') c.status = 'not-met';
    const baseline = parseBaseline(JSON.stringify(earlier), 'baseline.json');
    const pack = buildEvidencePack(report, { baseline });
    for (const text of [renderEvidencePackMarkdown(pack), renderEvidencePackHtml(pack)]) {
      const heading = /Improved: (\d+) principles?, (\d+) claims?/.exec(text);
      expect(heading?.slice(1).map(Number)).toEqual([1, improvedClaims]);
    }
    const md = renderEvidencePackMarkdown(pack);
    const list = md.slice(md.indexOf('### Improved'), md.indexOf('### Regressed'));
    expect(list.match(/^- Principle /gm)).toHaveLength(1);
    expect(list.match(/^- Claim /gm)).toHaveLength(improvedClaims);
  });

  it('keeps the attestation snippet out of the claims, in an appendix for the vendor', async () => {
    const { dir } = await checkout();
    const pack = buildEvidencePack(await jsonReport(dir));
    const md = renderEvidencePackMarkdown(pack);
    const appendix = md.indexOf('## Appendix for the vendor: attesting a claim');
    expect(appendix).toBeGreaterThan(md.lastIndexOf('#### '));
    expect(md.slice(0, appendix)).not.toMatch(/```yaml|example\.com\/your-evidence|claims: \[/);
    expect(pack.attestable).toContain('1.1.6');
    expect(md.slice(appendix)).toContain(`claims: [${pack.attestable.map((id) => `'${id}'`).join(', ')}]`);
    const html = renderEvidencePackHtml(pack);
    expect(html.indexOf('<pre>')).toBeGreaterThan(html.indexOf('id="vendor-appendix"'));
  });

  it('never refers the reader to a JSON report', async () => {
    const { dir } = await checkout();
    const report = await jsonReport(dir);
    const many = structuredClone(report);
    const policy = many.checks.find((c) => c.id === 'security-policy')!;
    policy.evidence = Array.from({ length: 10 }, (_, i) => ({
      summary: `fact ${i}`,
      path: 'SECURITY.md',
      line: i + 1,
    }));
    policy.status = 'fail';
    policy.findings = Array.from({ length: 5 }, (_, i) => ({
      checkId: 'security-policy',
      severity: 'medium' as const,
      message: `problem ${i}`,
      fingerprint: `${'0'.repeat(32)}:${i + 1}`,
    }));
    for (const p of many.principles)
      for (const c of p.claims)
        for (const e of c.evidence)
          if (e.kind === 'check' && e.checkId === 'security-policy') e.status = 'fail';
    many.notes.push(...(await scanNotesWithSkippedFile()));
    const pack = buildEvidencePack(many);
    for (const text of [renderEvidencePackMarkdown(pack), renderEvidencePackHtml(pack)]) {
      expect(text).toContain('4 more facts not listed in this pack');
      expect(text).toContain('2 more findings not listed in this pack');
      expect(text).not.toMatch(/JSON|skippedFiles/);
    }
    expect(section(renderEvidencePackMarkdown(pack), '3.2.2')).toContain('fact 0');
  });
});

/** The notes of a scan that could not read one file: they name it, not a JSON field. */
async function scanNotesWithSkippedFile(): Promise<string[]> {
  const { dir } = await checkout();
  // Over the collector's 10 MB limit: listed, not read.
  await fs.writeFile(path.join(dir, 'SECURITY.md'), 'x'.repeat(11 * 1024 * 1024));
  const { report } = await scan({ root: dir });
  const note = report.notes.find((n) => n.includes('not read'));
  expect(note).toMatch(/^1 file\(s\) were not read: SECURITY\.md \(/);
  return report.notes;
}
