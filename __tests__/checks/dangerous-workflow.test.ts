import { describe, expect, it } from '@jest/globals';
import { dangerousWorkflow } from '../../src/checks/dangerous-workflow.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(dangerousWorkflow, fixture('dangerous-workflow', name));

describe('dangerous-workflow', () => {
  it('reports pull_request_target checking out the head SHA as critical, at the ref expression', async () => {
    const out = await run('prt-head-sha');
    expect(out.status).toBe('fail');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      severity: 'critical',
      path: '.github/workflows/pr.yml',
      line: 14,
      column: 16,
    });
    expect(out.findings[0]!.message).toContain('job `build`');
  });

  it('points at the trigger that makes the step dangerous, as a related location', async () => {
    const out = await run('prt-head-sha');
    expect(out.findings[0]!.related).toEqual([
      expect.objectContaining({
        path: '.github/workflows/pr.yml',
        line: 3,
        note: expect.stringContaining('pull_request_target'),
      }),
    ]);
  });

  it('reports a merge ref in flow style and a git fetch of pull/N/head', async () => {
    const out = await run('prt-merge-ref');
    expect(out.findings.map((f) => [f.line, f.severity])).toEqual([
      [8, 'critical'],
      [15, 'critical'],
    ]);
  });

  it('does not report a pull_request_target workflow that checks out the base and only reads the head SHA', async () => {
    const out = await run('prt-base');
    expect(out.status).toBe('pass');
    expect(out.evidence[0]!.summary).toMatch(/without checking out the untrusted head/);
  });

  it('lowers a label-gated checkout to medium and states the gate', async () => {
    const out = await run('label-gated');
    expect(out.status).toBe('partial');
    expect(out.findings[0]!.severity).toBe('medium');
    expect(out.findings[0]!.message).toMatch(/Gated: .*label.*lowers this to medium.*still reported/);
  });

  it('lowers a same-repository-only checkout to low', async () => {
    const out = await run('same-repo');
    expect(out.findings[0]).toMatchObject({ severity: 'low', line: 11 });
    expect(out.findings[0]!.message).toMatch(/not forks/);
  });

  it('reports workflow_run checking out the triggering run’s head repository', async () => {
    const out = await run('workflow-run');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ severity: 'critical', line: 14 });
  });

  it('reports a comment bot running gh pr checkout for anyone, and rates the maintainer-gated one medium', async () => {
    const out = await run('comment-bot');
    expect(out.findings.map((f) => [f.line, f.severity])).toEqual([
      [12, 'high'],
      [22, 'medium'],
    ]);
  });

  it('does not report checking out the head in a plain pull_request workflow (no secrets, read-only token)', async () => {
    expect((await run('pull-request')).findings).toEqual([]);
  });

  it('is not applicable without workflows and never throws on garbage', () => {
    expect(runCheckOnFiles(dangerousWorkflow, {}).status).toBe('not-applicable');
    const out = runCheckOnFiles(dangerousWorkflow, { '.github/workflows/x.yml': '\u0000\u0001garbage' });
    expect(out.status).toBe('pass');
  });
});

describe('dangerous-workflow, heads passed on', () => {
  it('reports a comment bot checking out a head looked up by an earlier step, and says what it runs with and why the gate does not clear it', async () => {
    const out = await run('comment-head-lookup');
    expect(out.status).toBe('partial');
    expect(out.findings.map((f) => [f.line, f.severity])).toEqual([
      [20, 'medium'],
      [39, 'medium'],
    ]);
    const [gated, checked] = out.findings.map((f) => f.message);
    expect(gated).toMatch(
      /checks out the pull request's untrusted code \(actions\/checkout with `ref: \$\{\{ steps\.pr\.outputs\.sha \}\}`\)/,
    );
    expect(gated).toMatch(/a read-only token and the secret `CLOUD_KEY`/);
    expect(gated).toMatch(/Gated: .*author association.*lowers this to medium.*still reported/);
    expect(checked).toMatch(/a token with `contents: write`/);
    expect(checked).toMatch(
      /Gated: an earlier step \(“actions\/github-script@v7”\) checks the commenter's permission/,
    );
    expect(out.evidence.map((e) => e.summary).join('\n')).not.toMatch(/without checking out/);
  });

  it('reports a workflow_run checkout of anything from the triggering run, but not of this repository', async () => {
    const out = await run('workflow-run-any');
    expect(out.findings.map((f) => [f.line, f.severity])).toEqual([
      [13, 'critical'],
      [28, 'critical'],
    ]);
    expect(out.findings[0]!.message).toMatch(/head_repository\.clone_url/);
    expect(out.findings[1]!.message).toMatch(/git checkout "\$HEAD"/);
  });
});

describe('dangerous-workflow, a head checked out into a folder only read', () => {
  const workflow = (later: string[]): Record<string, string> => ({
    '.github/workflows/owners.yml': [
      'on: pull_request_target',
      'permissions: read-all',
      'jobs:',
      '  check:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: actions/checkout@v4',
      '      - uses: actions/checkout@v4',
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
      '          path: pr',
      '          persist-credentials: false',
      ...later.map((l) => `      ${l}`),
      '',
    ].join('\n'),
  });

  it('is medium, says the folder is only read, and names what would make it dangerous', () => {
    const outcome = runCheckOnFiles(
      dangerousWorkflow,
      workflow([
        '- run: GEN_ARGS="-folder=pr" make generate-codeowners',
        '- run: git -C pr diff --exit-code',
      ]),
    );
    expect(outcome.status).toBe('partial');
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        severity: 'medium',
        confidence: 'medium',
        message: expect.stringMatching(/into `pr\/`; no later step appears to run code from that folder/),
      }),
    ]);
  });

  it('stays critical when a later step runs code from the folder', () => {
    for (const later of [
      ['- run: cd pr && make test'],
      ['- run: ./pr/scripts/build.sh'],
      ['- run: npm --prefix pr install'],
      ['- run: make -C pr all'],
      ['- run: make test', '  working-directory: pr'],
      ['- uses: ./pr/.github/actions/setup'],
      ['- run: bash pr/hack/verify.sh'],
    ]) {
      const outcome = runCheckOnFiles(dangerousWorkflow, workflow(later));
      expect({ later, severity: outcome.findings[0]?.severity }).toEqual({ later, severity: 'critical' });
      expect(outcome.status).toBe('fail');
    }
  });
});
