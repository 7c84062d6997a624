/**
 * Suppressions and baselines through the bundled action and the fake GitHub API: a pull request
 * cannot silence its own new finding with a comment unless the workflow opts in; an expired config
 * suppression counts its finding again; a baseline tells old findings from new ones, also after
 * lines above them moved.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  checkRunRoutes,
  MERGE_SHA,
  pullRequestPayload,
  REPO,
  runOnPushEvent,
  workspace,
  pullRequestFiles,
} from '../support/action-e2e.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { runAction } from '../support/run-action.js';
import { validateReport } from '../support/schemas.js';

const WORKFLOW = '.github/workflows/ci.yml';

interface Finding {
  checkId: string;
  message: string;
  line?: number;
  new?: boolean;
  suppressed?: true;
  suppression?: { reason: string; source: string };
}
interface Report {
  passed: boolean;
  gate: { reasons: string[] };
  notes: string[];
  suppressions?: { applied: number; pullRequest?: { applied: boolean; findings: unknown[] } };
  checks: Array<{ id: string; findings: Finding[] }>;
}

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

function workflow(lines: { padding?: number; steps: string[] }): string {
  return [
    'on: push',
    ...Array.from({ length: lines.padding ?? 0 }, (_, i) => `# note ${i}`),
    'permissions: {}',
    'jobs:',
    '  t:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...lines.steps.map((s) => `      ${s}`),
    '',
  ].join('\n');
}

/** The pull request's patch: `added` lines of the new file are the ones it adds. */
function patchAdding(text: string, added: number[]): string {
  const lines = text.split('\n').slice(0, -1);
  const body = lines.map((l, i) => `${added.includes(i + 1) ? '+' : ' '}${l}`);
  return [`@@ -1,${lines.length - added.length} +1,${lines.length} @@`, ...body].join('\n');
}

async function readReport(ws: string): Promise<Report> {
  const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8')) as Report;
  expect(validateReport(report)).toEqual([]);
  return report;
}

/** The summary's text with Markdown escapes removed (what a reader sees). */
const plain = (markdown: string) => markdown.replace(/\\(.)/g, '$1');

const pinned = (report: Report) => report.checks.find((c) => c.id === 'pinned-actions')!.findings;

describe('a pull request that adds a suppression comment for its own new finding', () => {
  const text = workflow({
    steps: ['- uses: acme/setup@v1', '- uses: acme/deploy@v2 # sscop: ignore[pinned-actions] trust me'],
  });

  async function runPullRequest(inputs: Record<string, string>) {
    fake = await startFakeGitHub({
      name: 'suppression in a pull request',
      description: 'check runs allowed; the pull request adds the deploy step with its comment',
      routes: { ...checkRunRoutes(), ...pullRequestFiles({ [WORKFLOW]: patchAdding(text, [8]) }) },
    });
    const ws = await workspace({ [WORKFLOW]: text });
    const run = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload: await pullRequestPayload(true),
      repository: REPO,
      sha: MERGE_SHA,
      apiUrl: fake.url,
      inputs: { 'report-file': 'r.json', 'new-findings-only': 'true', ...inputs },
    });
    expect(fake.violations).toEqual([]);
    return { run, report: await readReport(ws) };
  }

  it('still fails: the comment is not applied, and the summary says the pull request suppresses a finding', async () => {
    const { run, report } = await runPullRequest({});
    const deploy = pinned(report).find((f) => f.message.startsWith('acme/deploy@v2'))!;
    expect(deploy).toMatchObject({ new: true });
    expect(deploy.suppressed).toBeUndefined();
    expect(report.suppressions?.pullRequest).toMatchObject({ applied: false, findings: [expect.anything()] });
    expect(report.gate.reasons[0]).toMatch(/the pull request adds 1 finding/);
    expect(run.status).toBe(1);
    expect(plain(run.summary)).toMatch(/⚠️ \*\*This pull request suppresses 1 finding\(s\)/);
    expect(plain(run.summary)).toMatch(/Not applied to its gate/);
  });

  it('passes when the workflow opts in with allow-pull-request-suppressions, and still says so', async () => {
    const { run, report } = await runPullRequest({ 'allow-pull-request-suppressions': 'true' });
    const deploy = pinned(report).find((f) => f.message.startsWith('acme/deploy@v2'))!;
    expect(deploy).toMatchObject({ new: true, suppressed: true, suppression: { reason: 'trust me' } });
    expect(report.passed).toBe(true);
    expect(run.status).toBe(0);
    expect(plain(run.summary)).toMatch(
      /This pull request suppresses 1 finding\(s\).*Applied: the workflow sets/,
    );
  });
});

describe('a config suppression', () => {
  const files = (expires: string) => ({
    [WORKFLOW]: workflow({ steps: ['- uses: acme/setup@v1'] }),
    '.github/sscop.yml': [
      'ignore:',
      '  - check: pinned-actions',
      `    path: "${WORKFLOW}"`,
      '    reason: acme/setup is our own action',
      `    expires: ${expires}`,
      '',
    ].join('\n'),
  });
  const inputs = { threshold: '0', 'fail-on': 'pinned-actions', 'report-file': 'r.json' };

  async function runOnPush(expires: string) {
    fake = await startFakeGitHub({
      name: 'config suppression',
      description: 'check runs',
      routes: checkRunRoutes(),
    });
    const { ws, run } = await runOnPushEvent({ files: files(expires), inputs, apiUrl: fake.url });
    return { run, report: await readReport(ws) };
  }

  it('passes a fail-on check whose only finding it accepts', async () => {
    const { run, report } = await runOnPush('2999-12-31');
    expect(pinned(report)[0]).toMatchObject({ suppressed: true, suppression: { source: 'config' } });
    expect(run.status).toBe(0);
  });

  it('once expired, counts its finding again, fails the gate, and says it expired', async () => {
    const { run, report } = await runOnPush('2001-01-01');
    expect(pinned(report)[0]!.suppressed).toBeUndefined();
    expect(report.gate.reasons).toContainEqual(expect.stringMatching(/required check pinned-actions is/));
    expect(report.notes).toContainEqual(expect.stringMatching(/expired on 2001-01-01/));
    expect(run.status).toBe(1);
    expect(plain(run.summary)).toMatch(/expired on 2001-01-01/);
  });
});

describe('a baseline on push with new-findings-only', () => {
  it('makes the old finding existing and the new one new, also after lines above it moved', async () => {
    fake = await startFakeGitHub({ name: 'baseline', description: 'check runs', routes: checkRunRoutes() });
    const first = await runOnPushEvent({
      files: { [WORKFLOW]: workflow({ steps: ['- uses: acme/setup@v1'] }) },
      inputs: { 'report-file': 'r.json', threshold: '95' },
      apiUrl: fake.url,
    });
    expect(first.run.status).toBe(1); // below the threshold
    const baseline = await fs.readFile(path.join(first.ws, 'r.json'), 'utf8');

    const inputs = { 'report-file': 'r.json', baseline: 'baseline.json', 'new-findings-only': 'true' };
    const moved = await runOnPushEvent({
      files: {
        [WORKFLOW]: workflow({ padding: 3, steps: ['- uses: acme/setup@v1'] }),
        'baseline.json': baseline,
      },
      inputs,
      apiUrl: fake.url,
    });
    const movedReport = await readReport(moved.ws);
    expect(pinned(movedReport)[0]).toMatchObject({ line: 10 });
    expect(pinned(movedReport)[0]!.new).toBeUndefined();
    expect(moved.run.status).toBe(0);

    const added = await runOnPushEvent({
      files: {
        [WORKFLOW]: workflow({ padding: 3, steps: ['- uses: acme/setup@v1', '- uses: acme/deploy@v2'] }),
        'baseline.json': baseline,
      },
      inputs,
      apiUrl: fake.url,
    });
    const addedReport = await readReport(added.ws);
    const byAction = (name: string) => pinned(addedReport).find((f) => f.message.startsWith(name))!;
    expect(byAction('acme/setup@v1').new).toBeUndefined();
    expect(byAction('acme/deploy@v2').new).toBe(true);
    expect(addedReport.gate.reasons).toEqual([
      'the change since the baseline adds 1 finding of medium severity or above',
    ]);
    expect(added.run.status).toBe(1);
  });
});
