/**
 * End-to-end: the bundled action on Node 24, driven like the runner drives it, talking to the fake
 * GitHub API (every request and response validated against GitHub's OpenAPI description).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  checkRunRoutes,
  HEAD_SHA,
  MERGE_SHA,
  pullRequestFiles,
  pullRequestPayload,
  REPO,
  workspace,
  runOnPushEvent,
  runOnPullRequestEvent,
} from '../support/action-e2e.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { runAction } from '../support/run-action.js';
import { validateReport, validateSarif } from '../support/schemas.js';

const TOKEN = 'test-token-not-a-secret';

let fake: FakeGitHub | undefined;

afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function codeownersWithInvalidLines(n: number): string {
  return ['* @acme/maintainers', ...Array.from({ length: n }, (_, i) => `/dir${i}/ not-an-owner-${i}`)].join(
    '\n',
  );
}

const prFiles = pullRequestFiles;

/** The action on a push, against a fake GitHub that allows check runs. */
async function runOnPush(
  name: string,
  files: Record<string, string>,
  inputs: Record<string, string>,
  env?: Record<string, string>,
) {
  const github = await startFakeGitHub({ name, description: 'check runs allowed', routes: checkRunRoutes() });
  fake = github; // stopped after each test
  return {
    github,
    ...(await runOnPushEvent({ files, inputs, apiUrl: github.url, ...(env ? { env } : {}) })),
  };
}

describe('the action, end to end', () => {
  it('on push: writes the summary, outputs, JSON and SARIF, and a check run on the pushed commit', async () => {
    const { github, ws, payload, run } = await runOnPush(
      'push',
      {
        'SECURITY.md': '# Security\nReport to security@example.org within 3 days.\n',
        '.github/CODEOWNERS': '* @acme/x\n',
      },
      { threshold: '0', 'report-file': 'out/report.json', 'sarif-file': 'out/sscop.sarif' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.outputs).toMatchObject({
      passed: 'true',
      'report-file': 'out/report.json',
      'sarif-file': 'out/sscop.sarif',
    });
    expect(Number(run.outputs.score)).toBeGreaterThanOrEqual(0);
    expect(run.summary).toMatch(/^## ✅ sscop: passed\n\nUK Software Security Code of Practice · /);
    expect(run.summary).toMatch(/Theme 4/);
    const report = JSON.parse(await fs.readFile(path.join(ws, 'out/report.json'), 'utf8'));
    expect(validateReport(report)).toEqual([]);
    expect(report.commit).toBe(payload.after);
    // Online with the workflow token: API evidence within the request budget, unknowns with hints.
    expect(report.metadata.mode).toBe('online');
    expect(report.metadata.apiRequests).toBeLessThanOrEqual(15);
    const secretScanning = report.checks.find((c: { id: string }) => c.id === 'secret-scanning');
    expect(secretScanning.status).toBe('unknown');
    expect(secretScanning.unknown.howToObserve).toMatch(/Administration/i);
    expect(report.checks.find((c: { id: string }) => c.id === 'branch-protection').status).not.toBe(
      'unknown',
    );
    expect(validateSarif(JSON.parse(await fs.readFile(path.join(ws, 'out/sscop.sarif'), 'utf8')))).toEqual(
      [],
    );
    const create = github.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
    expect(create?.body).toMatchObject({
      head_sha: payload.after,
      name: 'sscop: Code of Practice',
      conclusion: 'success',
    });
    expect(github.violations).toEqual([]);
    expect(run.stdout + run.summary).not.toContain(TOKEN);
  });

  it('reads on its reader thread when asked, online, and still exits cleanly', async () => {
    const { github, ws, run } = await runOnPush(
      'push with the reader thread',
      {
        'SECURITY.md': '# Security\nReport to security@example.org within 3 days.\n',
        '.github/workflows/ci.yml':
          'on: push\npermissions: {}\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: npm ci && npm test\n',
      },
      { threshold: '0', 'report-file': 'out/report.json' },
      { SSCOP_READ_THREAD: '1' },
    );
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const report = JSON.parse(await fs.readFile(path.join(ws, 'out/report.json'), 'utf8'));
    expect(report.metadata).toMatchObject({ mode: 'online', readerThread: true, filesRead: 2 });
    expect(github.violations).toEqual([]);
  });

  it('says in the debug log where the time of the scan went, and only when the step is debugged', async () => {
    const files = { 'SECURITY.md': '# Security\nReport to security@example.org within 3 days.\n' };
    const debugged = await runOnPush('push, debug log', files, { threshold: '0' }, { RUNNER_DEBUG: '1' });
    expect(debugged.run.status).toBe(0);
    expect(debugged.run.stdout).toMatch(/^::debug::sscop: where the time went/m);
    for (const stage of ['scan started', 'listed', 'workflows walked', 'GitHub answered', 'report built'])
      expect(debugged.run.stdout).toMatch(new RegExp(`^::debug:: {2}${stage} +\\d+ {2}\\+\\d+$`, 'm'));
    expect(debugged.run.stdout).toMatch(/^::debug:: {2}checks: \d+ in all; slowest: [a-z-]+ \d+/m);
    await fake?.close();
    const plain = await runOnPush('push, no debug log', files, { threshold: '0' });
    expect(plain.run.status).toBe(0);
    expect(plain.run.stdout).not.toContain('where the time went');
  });

  it('on a pull request: reports on the head SHA, never the merge commit, and marks findings on changed lines as new', async () => {
    fake = await startFakeGitHub({
      name: 'pull request',
      description: 'check runs allowed; CODEOWNERS line 3 changed',
      routes: {
        ...checkRunRoutes(),
        ...prFiles({
          '.github/CODEOWNERS':
            '@@ -1,2 +1,3 @@\n * @acme/maintainers\n /dir0/ not-an-owner-0\n+/dir1/ not-an-owner-1\n',
        }),
      },
    });
    const { ws, run } = await runOnPullRequestEvent({
      files: { '.github/CODEOWNERS': codeownersWithInvalidLines(2) },
      inputs: { threshold: '0', 'report-file': 'r.json' },
      apiUrl: fake.url,
    });
    expect(run.status).toBe(0);
    const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8'));
    expect(report.commit).toBe(HEAD_SHA);
    const findings = report.checks.find((c: { id: string }) => c.id === 'codeowners').findings;
    expect(findings.filter((f: { new?: boolean }) => f.new).map((f: { line: number }) => f.line)).toEqual([
      3,
    ]);
    const create = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
    expect((create?.body as { head_sha: string }).head_sha).toBe(HEAD_SHA);
    const annotations = (
      create?.body as { output: { annotations: Array<{ title: string; start_line: number }> } }
    ).output.annotations;
    expect(annotations[0]).toMatchObject({
      start_line: 3,
      title: expect.stringMatching(/^New: sscop codeowners/),
    });
    expect(fake.violations).toEqual([]);
  });

  it('with new-findings-only, fails the gate on what the pull request adds even when the score passes', async () => {
    fake = await startFakeGitHub({
      name: 'new findings',
      description: 'a PR adding a public-issue-only SECURITY.md line',
      routes: {
        ...checkRunRoutes(),
        ...prFiles({ 'SECURITY.md': '@@ -0,0 +1,2 @@\n+# Security\n+Please open an issue.\n' }),
      },
    });
    const { run } = await runOnPullRequestEvent({
      files: { 'SECURITY.md': '# Security\nPlease open an issue.\n' },
      inputs: { threshold: '0', 'new-findings-only': 'true' },
      apiUrl: fake.url,
    });
    expect(run.status).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(run.stdout).toMatch(/::error::.*the pull request adds \d+ finding/);
  });

  it('on a fork pull request: check-run creation is refused (403), so it falls back to workflow annotations and says so', async () => {
    fake = await startFakeGitHub({
      name: 'fork',
      description: 'read-only token',
      routes: { ...checkRunRoutes(403), ...prFiles({}) },
    });
    const ws = await workspace({ '.github/CODEOWNERS': codeownersWithInvalidLines(30) });
    const run = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload: await pullRequestPayload(true),
      repository: REPO,
      sha: MERGE_SHA,
      apiUrl: fake.url,
      inputs: { threshold: '0' },
    });
    expect(run.status).toBe(0);
    expect(run.summary).toMatch(/no check run: the token may not create check runs/);
    const notices = run.stdout.split('\n').filter((l) => l.startsWith('::notice '));
    expect(notices).toHaveLength(10);
    expect(notices[0]).toMatch(/file=\.github\/CODEOWNERS,line=2/);
    expect(fake.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });

  it('delivers 180 findings as annotations in requests of at most 50, most severe first', async () => {
    fake = await startFakeGitHub({
      name: 'many findings',
      description: 'annotation batching',
      routes: checkRunRoutes(),
    });
    const { run } = await runOnPushEvent({
      files: { '.github/CODEOWNERS': codeownersWithInvalidLines(180) },
      inputs: { threshold: '0' },
      apiUrl: fake.url,
    });
    expect(run.status).toBe(0);
    const bodies = fake.requests
      .filter((r) => r.path.includes('/check-runs'))
      .map(
        (r) =>
          (r.body as { output: { annotations?: Array<{ start_line: number }> } }).output.annotations ?? [],
      );
    expect(bodies.map((b) => b.length)).toEqual([50, 50, 50, 30]);
    const lines = new Set(bodies.flat().map((a) => a.start_line));
    for (let line = 2; line <= 181; line++) expect(lines.has(line)).toBe(true);
    expect(fake.violations).toEqual([]);
  });

  it('writes the evidence pack given by the evidence-pack input, with all 45 claims and permalinks to the commit', async () => {
    const { ws, payload, run } = await runOnPushEvent({
      files: { 'SECURITY.md': '# Security\nReport to security@example.org within 3 days.\n' },
      inputs: { token: '', threshold: '0', 'check-run': 'false', 'evidence-pack': 'out/pack.md' },
    });
    expect(run.status).toBe(0);
    expect(run.outputs['evidence-pack']).toBe('out/pack.md');
    const pack = await fs.readFile(path.join(ws, 'out/pack.md'), 'utf8');
    const claimIds = new Set(pack.match(/\b[1-4]\.[1-5]\.[1-6]\b/g));
    expect(claimIds.size).toBe(45);
    expect(pack).toContain(`https://github.com/${REPO}/blob/${String(payload.after)}/SECURITY.md`);
  });

  it('fails the step with the input named when an input is invalid', async () => {
    const ws = await workspace({});
    const run = await runAction({
      workspace: ws,
      eventName: 'push',
      payload: {},
      repository: REPO,
      sha: MERGE_SHA,
      inputs: { token: '', threshold: 'abc' },
    });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(
      /::error::Invalid input 'threshold': "abc"\. Expected a number from 0 to 100\./,
    );
  });

  it('in report mode never fails the step, but says the gate was not met', async () => {
    const ws = await workspace({});
    const run = await runAction({
      workspace: ws,
      eventName: 'workflow_dispatch',
      payload: {},
      repository: REPO,
      sha: MERGE_SHA,
      inputs: { token: '', threshold: '100', mode: 'report', 'check-run': 'false' },
    });
    expect(run.status).toBe(0);
    expect(run.outputs.passed).toBe('false');
    expect(run.stdout).toMatch(/::warning::.*gate not met/);
  });

  it('shows repository text as text: no injected workflow command, link, HTML or mention', async () => {
    fake = await startFakeGitHub({
      name: 'injection',
      description: 'fork, so workflow annotations are used',
      routes: checkRunRoutes(403),
    });
    const evil = [
      '* @acme/maintainers',
      '/a/ ::error::pwned%0A::warning::x',
      '/b/ [click](https://evil.example)',
      '/c/ <img src=x onerror=alert(1)>',
      '/d/ @admin',
    ].join('\n');
    const { run } = await runOnPushEvent({
      files: {
        '.github/CODEOWNERS': evil,
        '[x](https:/evil.example)/<b>bold</b>.md': 'x',
        'd/@everyone `code`.md': 'x',
      },
      inputs: { threshold: '0' },
      apiUrl: fake.url,
    });
    expect(run.status).toBe(0);
    for (const line of run.stdout.split('\n')) {
      expect(line).not.toMatch(/^::(error|warning)::(pwned|x)/);
      if (line.startsWith('::')) expect(line).toMatch(/^::(error|warning|notice|debug|add-mask)( [^:]*)?::/);
    }
    expect(run.stdout).not.toMatch(/\n::warning::x/);
    expect(run.summary).not.toMatch(/\]\(https:\/\/evil/);
    expect(run.summary).not.toMatch(/(^|[^\\])\[click/);
    expect(run.summary).not.toMatch(/<img|<b>/);
    expect(run.summary).not.toMatch(/(^|[^;])@(admin|everyone)/);
  });
});
