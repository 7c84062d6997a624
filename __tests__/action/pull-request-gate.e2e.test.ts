/**
 * The action as a merge gate on pull requests, end to end through `dist/index.js` and the fake
 * GitHub API: a monorepo's `path`, what the job summary says first, and SARIF categories.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import {
  checkRunRoutes,
  pullRequestFiles,
  runOnPushEvent,
  runOnPullRequestEvent,
} from '../support/action-e2e.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { validateReport, validateSarif } from '../support/schemas.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

const PINNED_BASE = `FROM node:20@sha256:${'a'.repeat(64)}\n`;
const PIPED_INSTALL = 'RUN curl -fsSL https://get.example.com/install.sh | bash\n';

/** A monorepo whose root and `services/api` hold the same Dockerfile, piping a download into a shell. */
const MONOREPO = {
  Dockerfile: PINNED_BASE + PIPED_INSTALL,
  'services/api/Dockerfile': PINNED_BASE + PIPED_INSTALL,
  'services/api/SECURITY.md': '# Security\nReport to security@example.org within 3 days.\n',
};

/** The action on a pull request whose diff is `patches`, over a workspace holding `files`. */
async function runOnPullRequest(options: {
  files: Record<string, string>;
  patches: Record<string, string>;
  inputs: Record<string, string>;
  checkRunStatus?: number;
}) {
  fake = await startFakeGitHub({
    name: 'pull request gate',
    description: 'a pull request with its changed files',
    routes: { ...checkRunRoutes(options.checkRunStatus), ...pullRequestFiles(options.patches) },
  });
  const { ws, run } = await runOnPullRequestEvent({
    files: options.files,
    inputs: options.inputs,
    apiUrl: fake.url,
  });
  const createRequest = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
  const checkRun = createRequest?.body as
    | {
        conclusion: string;
        output: { summary: string; annotations?: Array<{ path: string; start_line: number; title: string }> };
      }
    | undefined;
  return { ws, run, checkRun };
}

describe('a monorepo pull request scanned with path', () => {
  it('fails new-findings-only when it adds a piped download in the subfolder, annotated on the subfolder file', async () => {
    const { ws, run, checkRun } = await runOnPullRequest({
      files: MONOREPO,
      patches: { 'services/api/Dockerfile': `@@ -1,1 +1,2 @@\n ${PINNED_BASE}+${PIPED_INSTALL}` },
      inputs: { path: 'services/api', 'new-findings-only': 'true', 'report-file': 'out/r.json' },
    });
    expect(run.status).toBe(1);
    expect(run.outputs.passed).toBe('false');
    expect(checkRun?.conclusion).toBe('failure');
    // One line in the log: the verdict first, no threshold (it does not apply), the check run's page.
    const verdict = run.stdout.split('\n').filter((l) => l.startsWith('::error::'));
    expect(verdict).toHaveLength(1);
    expect(verdict[0]).toMatch(
      /^::error::sscop failed: the pull request adds 1 finding of medium severity or above — score \d+\/100, coverage \d+\/\d+ claims — https:\/\/github\.com\/\S+$/,
    );
    const piped = checkRun!.output.annotations!.find((a) => /unverified-downloads/.test(a.title));
    expect(piped).toMatchObject({ path: 'services/api/Dockerfile', start_line: 2 });
    expect(piped!.title).toMatch(/^New: /);
    expect(checkRun!.output.annotations!.some((a) => a.path === 'Dockerfile')).toBe(false);
    const report = JSON.parse(await fs.readFile(path.join(ws, 'out/r.json'), 'utf8'));
    expect(validateReport(report)).toEqual([]);
    expect(report.metadata.pathInRepository).toBe('services/api');
    const finding = report.checks
      .find((c: { id: string }) => c.id === 'unverified-downloads')
      .findings.find((f: { line: number }) => f.line === 2);
    expect(finding).toMatchObject({ path: 'services/api/Dockerfile', new: true });
    // The summary links the line in the repository, not a root file of the same name.
    expect(run.summary).toContain(`/blob/`);
    expect(run.summary).toMatch(/services\/api\/Dockerfile#L2/);
    expect(fake!.violations).toEqual([]);
  });

  it('passes new-findings-only when the pull request touches only the root Dockerfile (outside the scanned path)', async () => {
    const { run } = await runOnPullRequest({
      files: MONOREPO,
      patches: { Dockerfile: `@@ -1,1 +1,2 @@\n ${PINNED_BASE}+${PIPED_INSTALL}` },
      inputs: { path: 'services/api', 'new-findings-only': 'true' },
    });
    expect(run.status).toBe(0);
    expect(run.outputs.passed).toBe('true');
  });
});

describe('SARIF categories', () => {
  async function sarifOf(inputs: Record<string, string>) {
    const { ws, run } = await runOnPushEvent({
      files: MONOREPO,
      inputs: { token: '', threshold: '0', 'check-run': 'false', 'sarif-file': 'out/s.sarif', ...inputs },
    });
    expect(run.status).toBe(0);
    const sarif = JSON.parse(await fs.readFile(path.join(ws, 'out/s.sarif'), 'utf8'));
    expect(validateSarif(sarif)).toEqual([]);
    return sarif as {
      runs: Array<{
        automationDetails: { id: string };
        results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }>;
      }>;
    };
  }

  it('two runs over different paths have different categories, and URIs from the repository root', async () => {
    const root = await sarifOf({});
    const api = await sarifOf({ path: 'services/api' });
    expect(root.runs[0]!.automationDetails.id).toBe('sscop/');
    expect(api.runs[0]!.automationDetails.id).toBe('sscop/services/api/');
    const uris = api.runs[0]!.results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri);
    expect(uris).toContain('services/api/Dockerfile');
    expect(uris.every((u) => u.startsWith('services/api/'))).toBe(true);
  });

  it('the sarif-category input names the category', async () => {
    const sarif = await sarifOf({ 'sarif-category': 'supply-chain/api' });
    expect(sarif.runs[0]!.automationDetails.id).toBe('supply-chain/api/');
  });
});
