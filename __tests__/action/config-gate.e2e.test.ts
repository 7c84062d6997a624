/**
 * A pull request cannot loosen its own gate: whatever `.github/sscop.yml` it adds (weights, disabled
 * checks, severities, exclusions, not-applicable claims, attestations, a lower threshold), the
 * bundled action applies the base commit's config and fails as it would without the change. The
 * change's config is shown as a proposal with its effect. The same configs do loosen the gate when
 * the workflow opts into the change's own config, so each one below is a real loosening.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import {
  checkRunRoutes,
  HEAD_SHA,
  REPO,
  runOnPushEvent,
  runOnPullRequestEvent,
} from '../support/action-e2e.js';
import { startFakeGitHub, type FakeGitHub, type RouteTable } from '../support/fake-github/server.js';
import { validateReport } from '../support/schemas.js';

const BASE_SHA = 'f95f852bd8fca8fcc58a9a2d6c842781e32a215e';
const GATE = { threshold: '70', 'fail-on': 'pinned-actions,3.2,dangerous-workflow' };

/** A repository that fails: an unpinned action, a pull_request_target running the head, no SECURITY.md. */
const FAILING_TREE = {
  '.github/workflows/pr.yml': [
    'on: pull_request_target',
    'jobs:',
    '  build:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    '      - uses: actions/checkout@v4',
    '        with:',
    '          ref: ${{ github.event.pull_request.head.sha }}',
    '      - run: npm install && npm test',
    '',
  ].join('\n'),
};

interface Report {
  score: number;
  passed: boolean;
  config: { applied: string; proposed?: { loosens?: boolean; passed?: boolean; changes: string[] } };
  checks: Array<{ id: string; status: string; claims: string[] }>;
}

let fake: FakeGitHub | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function runPullRequest(
  files: Record<string, string>,
  inputs: Record<string, string>,
  routes: RouteTable = {},
) {
  fake = await startFakeGitHub({
    name: 'config gate',
    description: 'check runs allowed',
    routes: { ...checkRunRoutes(), ...routes },
  });
  const { ws, run } = await runOnPullRequestEvent({
    files: files,
    inputs: { 'report-file': 'r.json', ...inputs },
    apiUrl: fake.url,
  });
  const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8')) as Report;
  expect(validateReport(report)).toEqual([]);
  const create = fake.requests.find((r) => r.method === 'POST' && r.path.endsWith('/check-runs'));
  const conclusion = (create?.body as { conclusion?: string; head_sha?: string } | undefined)?.conclusion;
  expect((create?.body as { head_sha?: string }).head_sha).toBe(HEAD_SHA);
  expect(fake.violations).toEqual([]);
  return { run, report, conclusion };
}

/** Every override the config offers, each aimed at what fails, and all of them together. */
function loosening(failing: Report['checks']): Record<string, Record<string, unknown>> {
  const reason = 'not relevant to us';
  const claims = [...new Set([...failing.flatMap((c) => c.claims), '3.2.1', '3.2.2'])];
  const each = (override: Record<string, unknown>) =>
    Object.fromEntries(failing.map((c) => [c.id, { ...override, reason }]));
  const configs: Record<string, Record<string, unknown>> = {
    'weight 0': { checks: each({ weight: 0 }) },
    'checks disabled': { checks: each({ enabled: false }) },
    'severity info': { checks: each({ severity: 'info' }) },
    'files excluded': { exclude: ['.github/**'] },
    'claims not applicable': { 'not-applicable': [{ claims, reason }] },
    'claims attested': { attestations: [{ claims, note: 'trust us', url: 'https://example.org/x' }] },
    'threshold 0': { threshold: 0 },
  };
  configs['all together'] = Object.assign({}, ...Object.values(configs), {
    checks: each({ enabled: false, weight: 0, severity: 'info' }),
  });
  return configs;
}

describe('a pull request that adds a config to loosen its gate', () => {
  let failing: Report['checks'];
  let baseline: Report;

  beforeAll(async () => {
    const { run, report, conclusion } = await runPullRequest(FAILING_TREE, GATE);
    expect(run.status).not.toBe(0);
    expect(conclusion).toBe('failure');
    baseline = report;
    failing = report.checks.filter((c) => c.status === 'fail' || c.status === 'partial');
    expect(failing.map((c) => c.id)).toEqual(
      expect.arrayContaining(['pinned-actions', 'dangerous-workflow']),
    );
    await fake?.close();
    fake = undefined;
  });

  it('fails without the config, judged by the defaults since the base has none', () => {
    expect(baseline.passed).toBe(false);
    expect(baseline.config.applied).toMatch(
      /^defaults \(no \.github\/sscop\.yml on the base commit \(f95f852\)\)/,
    );
  });

  it.each([
    'weight 0',
    'checks disabled',
    'severity info',
    'files excluded',
    'claims not applicable',
    'claims attested',
    'threshold 0',
    'all together',
  ])('still fails with %s, and shows the config as a proposal that loosens the gate', async (name) => {
    const config = stringify(loosening(failing)[name]);
    for (const inputs of [GATE, { ...GATE, 'new-findings-only': 'true' }]) {
      const { run, report, conclusion } = await runPullRequest(
        { ...FAILING_TREE, '.github/sscop.yml': config },
        inputs,
      );
      expect({ name, inputs, status: run.status, conclusion }).toEqual({
        name,
        inputs,
        status: 1,
        conclusion: 'failure',
      });
      expect(report.score).toBe(baseline.score);
      expect(report.config.applied).toMatch(/^defaults/);
      expect(report.config.proposed).toBeDefined();
      expect(run.summary).toMatch(/Configuration applied: defaults/);
      expect(run.summary).toMatch(/proposes a new \.github\/sscop\.yml/);
      await fake?.close();
      fake = undefined;
    }
  });

  it('does loosen the gate when the workflow opts into the change’s own config', async () => {
    const config = stringify(loosening(failing)['all together']);
    const { run, report, conclusion } = await runPullRequest(
      { ...FAILING_TREE, '.github/sscop.yml': config },
      { ...GATE, 'pull-request-config': 'head' },
    );
    expect(run.status).toBe(0);
    expect(conclusion).toBe('success');
    expect(report.config.applied).toBe('.github/sscop.yml');
  });

  it('says a proposal that loosens the gate would loosen it', async () => {
    const config = stringify(loosening(failing)['all together']);
    const { report, run } = await runPullRequest({ ...FAILING_TREE, '.github/sscop.yml': config }, GATE);
    expect(report.config.proposed).toMatchObject({ loosens: true, passed: true });
    expect(run.summary).toMatch(/would loosen the gate/);
  });
});

describe('the base commit’s config', () => {
  const contents = (text: string): RouteTable => ({
    [`GET /repos/${REPO}/contents/.github/sscop.yml`]: {
      status: 200,
      body: {
        type: 'file',
        encoding: 'base64',
        size: text.length,
        name: 'sscop.yml',
        path: '.github/sscop.yml',
        content: Buffer.from(text).toString('base64'),
        sha: '3d21ec53a331a6f037a91c368710b99387d012c1',
        url: `https://api.github.com/repos/${REPO}/contents/.github/sscop.yml`,
        git_url: `https://api.github.com/repos/${REPO}/git/blobs/3d21ec53a331a6f037a91c368710b99387d012c1`,
        html_url: `https://github.com/${REPO}/blob/main/.github/sscop.yml`,
        download_url: `https://raw.githubusercontent.com/${REPO}/main/.github/sscop.yml`,
        _links: {
          git: `https://api.github.com/repos/${REPO}/git/blobs/3d21ec53a331a6f037a91c368710b99387d012c1`,
          self: `https://api.github.com/repos/${REPO}/contents/.github/sscop.yml`,
          html: `https://github.com/${REPO}/blob/main/.github/sscop.yml`,
        },
      },
    },
  });

  it('is applied on a pull request, read at the base commit, whatever the change’s own says', async () => {
    const { run, report } = await runPullRequest(
      { ...FAILING_TREE, '.github/sscop.yml': 'threshold: 100\n' },
      {},
      contents('threshold: 10\n'),
    );
    expect(report.config.applied).toBe('.github/sscop.yml on the base commit (f95f852)');
    expect(report.config.proposed).toMatchObject({ changes: ['threshold'], loosens: false });
    expect(report.passed).toBe(report.score >= 10);
    const read = fake!.requests.find((r) =>
      decodeURIComponent(r.path).endsWith('/contents/.github/sscop.yml'),
    );
    expect(read?.query.ref).toBe(BASE_SHA);
    expect(run.summary).toMatch(/Configuration applied: \.github\/sscop\.yml on the base commit/);
  });

  it('is not read on a push: the pushed config applies', async () => {
    fake = await startFakeGitHub({ name: 'push', description: 'push', routes: checkRunRoutes() });
    const { ws, run } = await runOnPushEvent({
      files: { ...FAILING_TREE, '.github/sscop.yml': 'threshold: 0\n' },
      inputs: { 'report-file': 'r.json' },
      apiUrl: fake.url,
    });
    expect(run.status).toBe(0);
    const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8')) as Report;
    expect(report.config.applied).toBe('.github/sscop.yml');
    expect(fake.requests.some((r) => r.path.includes('/contents/'))).toBe(false);
  });
});
