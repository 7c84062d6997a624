/**
 * `baseline: default-branch` through the bundled action, the fake GitHub API and a second local
 * server standing for the blob storage GitHub redirects artifact downloads to: the report-file
 * artifact of the default branch's latest successful run is found and applied (new and resolved
 * findings); a pull request takes its base branch's run, never a pull request's own; and every
 * way of not getting it (no run, expired, 403, bad zip, wrong digest) is a note and no baseline.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { zipSync, strToU8 } from 'fflate';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
import { githubOpenApi } from '../support/fake-github/openapi.js';
import { startFakeGitHub, type FakeGitHub, type RouteTable } from '../support/fake-github/server.js';
import { runAction, type ActionRun } from '../support/run-action.js';
import { validateReport } from '../support/schemas.js';

const WORKFLOW = '.github/workflows/ci.yml';
const WORKFLOW_REF = `${REPO}/${WORKFLOW}@refs/heads/master`;
const RUN_ID = 30433642;
const ARTIFACT_ID = 11;
const FORK_RUN_ID = 666;
const FORK_ARTIFACT_ID = 66;

interface Finding {
  checkId: string;
  message: string;
  new?: boolean;
}
interface Report {
  passed: boolean;
  gate: { reasons: string[]; basis?: string };
  notes: string[];
  resolved?: {
    baselineCommit: string | null;
    findings: Array<{ checkId: string; message: string; path?: string }>;
  };
  checks: Array<{ id: string; findings: Finding[] }>;
}

let fake: FakeGitHub | undefined;
let blobs: BlobHost | undefined;
afterEach(async () => {
  await fake?.close();
  await blobs?.close();
  fake = undefined;
  blobs = undefined;
});

const workflow = (uses: string[]) =>
  [
    'on: push',
    'permissions: {}',
    'jobs:',
    '  t:',
    '    runs-on: ubuntu-latest',
    '    steps:',
    ...uses.map((u) => `      - uses: ${u}`),
    '',
  ].join('\n');

/** The report the default branch's run wrote: setup and deploy unpinned. */
let baselineText: string;
beforeAll(async () => {
  const api = await startFakeGitHub({
    name: 'baseline run',
    description: 'check runs',
    routes: checkRunRoutes(),
  });
  const first = await runOnPushEvent({
    files: { [WORKFLOW]: workflow(['acme/setup@v1', 'acme/deploy@v2']) },
    inputs: { 'report-file': 'r.json', threshold: '0' },
    apiUrl: api.url,
  });
  await api.close();
  baselineText = await fs.readFile(path.join(first.ws, 'r.json'), 'utf8');
});

/** Stands for blob storage: serves `body` on any path and records the headers it was sent. */
interface BlobHost {
  url: string;
  seen: IncomingHttpHeaders[];
  close(): Promise<void>;
}
async function blobHost(body: Uint8Array): Promise<BlobHost> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'content-type': 'application/zip' }).end(Buffer.from(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const examples = () =>
  (
    githubOpenApi() as unknown as {
      components: { examples: Record<string, { value: Record<string, unknown> }> };
    }
  ).components.examples;

/** One run as the runs listing gives it, from GitHub's own example. */
function workflowRun(overrides: Record<string, unknown>): Record<string, unknown> {
  const example = examples()['workflow-run-paginated']!.value as {
    workflow_runs: Array<Record<string, unknown>>;
  };
  const run = structuredClone(example.workflow_runs[0]!);
  const headRepository = { ...(run.head_repository as object), full_name: REPO };
  return {
    ...run,
    id: RUN_ID,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    head_branch: 'master',
    html_url: `https://github.com/${REPO}/actions/runs/${RUN_ID}`,
    head_repository: headRepository,
    ...overrides,
  };
}

function artifact(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const example = examples()['artifact-paginated']!.value as { artifacts: Array<Record<string, unknown>> };
  return {
    ...structuredClone(example.artifacts[0]!),
    id: ARTIFACT_ID,
    name: 'sscop-report',
    digest: null,
    ...overrides,
  };
}

const zipOf = (files: Record<string, string>) =>
  zipSync(Object.fromEntries(Object.entries(files).map(([name, text]) => [name, strToU8(text)])));
const sha256 = (bytes: Uint8Array) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;

/** The three routes the baseline takes, answering as given. */
function baselineRoutes(options: {
  runs?: Array<Record<string, unknown>>;
  runsStatus?: number;
  artifact?: Record<string, unknown>;
  download?: number;
  extra?: RouteTable;
}): RouteTable {
  const refused = (status: number) => ({
    status,
    body: {
      message: status === 410 ? 'Gone' : 'Resource not accessible by integration',
      documentation_url: 'https://docs.github.com/rest',
      status: String(status),
    },
  });
  const runs = options.runs ?? [workflowRun({})];
  return {
    ...checkRunRoutes(),
    [`GET /repos/${REPO}/actions/workflows/ci.yml/runs`]: options.runsStatus
      ? refused(options.runsStatus)
      : { status: 200, body: { total_count: runs.length, workflow_runs: runs } },
    [`GET /repos/${REPO}/actions/runs/${RUN_ID}/artifacts`]: {
      status: 200,
      body: { total_count: 1, artifacts: [options.artifact ?? artifact()] },
    },
    [`GET /repos/${REPO}/actions/artifacts/${ARTIFACT_ID}/zip`]: options.download
      ? refused(options.download)
      : { status: 302, headers: { location: `${blobs!.url}/artifact.zip?sig=secret` } },
    ...options.extra,
  };
}

const ENV = { GITHUB_WORKFLOW_REF: WORKFLOW_REF, GITHUB_RUN_ID: '99999' };

async function onPush(
  routes: RouteTable,
  uses: string[],
  inputs: Record<string, string> = {},
): Promise<{ run: ActionRun; report: Report }> {
  fake = await startFakeGitHub({
    name: 'default-branch baseline',
    description: 'runs and artifacts',
    routes,
  });
  const { ws, run } = await runOnPushEvent({
    files: { [WORKFLOW]: workflow(uses) },
    inputs: {
      'report-file': 'r.json',
      baseline: 'default-branch',
      'new-findings-only': 'true',
      threshold: '0',
      ...inputs,
    },
    apiUrl: fake.url,
    env: ENV,
  });
  expect(fake.violations).toEqual([]);
  const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8')) as Report;
  expect(validateReport(report)).toEqual([]);
  return { run, report };
}

/** The summary's text with Markdown escapes removed (what a reader sees). */
const plain = (markdown: string) =>
  markdown
    .replace(/\\(.)/g, '$1')
    .replace(/&#64;\u2060/g, '@')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
const pinned = (report: Report) => report.checks.find((c) => c.id === 'pinned-actions')!.findings;
const requested = (name: string) => fake!.requests.filter((r) => r.path.includes(name));

describe('baseline: default-branch, found', () => {
  it('applies the default branch run’s report: new findings marked and gated, resolved ones listed', async () => {
    blobs = await blobHost(zipOf({ 'r.json': baselineText }));
    const { run, report } = await onPush(baselineRoutes({}), ['acme/setup@v1', 'acme/lint@v3']);

    const runsAsked = requested('/actions/workflows/ci.yml/runs')[0]!;
    expect(runsAsked.query).toMatchObject({
      branch: 'master',
      status: 'success',
      exclude_pull_requests: 'true',
    });
    // The signed address is fetched without the token.
    expect(blobs.seen).toHaveLength(1);
    expect(blobs.seen[0]!.authorization).toBeUndefined();

    const byAction = (name: string) => pinned(report).find((f) => f.message.startsWith(name))!;
    expect(byAction('acme/setup@v1').new).toBeUndefined();
    expect(byAction('acme/lint@v3').new).toBe(true);
    expect(report.gate).toMatchObject({
      basis: 'new-findings',
      reasons: ['the change since the baseline adds 1 finding of medium severity or above'],
    });
    expect(run.status).toBe(1);
    expect(report.resolved!.findings.filter((f) => f.checkId === 'pinned-actions')).toEqual([
      expect.objectContaining({ path: WORKFLOW, message: expect.stringMatching(/^acme\/deploy@v2/) }),
    ]);
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        new RegExp(`^baseline: the sscop-report artifact of run ${RUN_ID} \\(push on master`),
      ),
    );

    const summary = plain(run.summary);
    const added = summary.indexOf('### 🆕 New since the baseline: 1 finding');
    const resolved = summary.indexOf('### ✅ Resolved since the baseline: ');
    expect(added).toBeGreaterThan(-1);
    expect(resolved).toBeGreaterThan(added);
    expect(summary.slice(resolved)).toMatch(
      /\| \.github\/workflows\/ci\.yml:8 \| `pinned-actions` \| acme\/deploy@v2/,
    );
  });

  it('accepts the artifact when its zip matches the digest GitHub lists', async () => {
    const zip = zipOf({ 'r.json': baselineText });
    blobs = await blobHost(zip);
    const { report } = await onPush(baselineRoutes({ artifact: artifact({ digest: sha256(zip) }) }), [
      'acme/setup@v1',
      'acme/deploy@v2',
    ]);
    expect(report.gate.basis).toBe('new-findings');
    expect(pinned(report).some((f) => f.new)).toBe(false);
  });
});

describe('baseline: default-branch on a pull request', () => {
  it('takes the base branch’s run and skips a pull request’s run from a fork with the same branch name', async () => {
    blobs = await blobHost(zipOf({ 'r.json': baselineText }));
    const forkRun = workflowRun({
      id: FORK_RUN_ID,
      event: 'pull_request',
      head_branch: 'release',
      head_repository: { ...(workflowRun({}).head_repository as object), full_name: 'stranger/widgets' },
    });
    const text = workflow(['acme/setup@v1', 'acme/deploy@v2', 'acme/lint@v3']);
    fake = await startFakeGitHub({
      name: 'pull request baseline',
      description: 'the base branch has a push run; a fork pull request named its branch release too',
      routes: {
        ...baselineRoutes({ runs: [forkRun, workflowRun({ head_branch: 'release' })] }),
        [`GET /repos/${REPO}/actions/runs/${FORK_RUN_ID}/artifacts`]: {
          status: 200,
          body: { total_count: 1, artifacts: [artifact({ id: FORK_ARTIFACT_ID })] },
        },
        ...pullRequestFiles({ [WORKFLOW]: '@@ -1,8 +1,9 @@\n+      - uses: acme/lint@v3' }),
      },
    });
    const payload = await pullRequestPayload();
    (payload.pull_request as { base: { ref: string } }).base.ref = 'release';
    const ws = await workspace({ [WORKFLOW]: text });
    const run = await runAction({
      workspace: ws,
      eventName: 'pull_request',
      payload,
      repository: REPO,
      sha: MERGE_SHA,
      apiUrl: fake.url,
      env: ENV,
      inputs: { 'report-file': 'r.json', baseline: 'default-branch', 'new-findings-only': 'true' },
    });
    expect(fake.violations).toEqual([]);
    expect(requested('/actions/workflows/ci.yml/runs')[0]!.query).toMatchObject({ branch: 'release' });
    expect(requested(`/runs/${FORK_RUN_ID}/`)).toEqual([]);
    const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8')) as Report;
    expect(
      pinned(report)
        .filter((f) => f.new)
        .map((f) => f.message),
    ).toEqual([expect.stringMatching(/^acme\/lint@v3/)]);
    expect(run.status).toBe(1);
    expect(plain(run.summary)).toMatch(/### 🆕 This pull request adds 1 finding/);
  });
});

describe('baseline: default-branch, not to be had', () => {
  interface Case {
    name: string;
    /** What the blob host serves (the baseline's zip unless said). */
    blob?: () => Uint8Array;
    routes: () => RouteTable;
    why: RegExp;
  }
  const cases: Case[] = [
    {
      name: 'no successful run yet',
      routes: () => baselineRoutes({ runs: [] }),
      why: /no successful run of ci\.yml on master yet/,
    },
    {
      name: 'only a failed run and a pull request’s run',
      routes: () =>
        baselineRoutes({
          runs: [workflowRun({ conclusion: 'failure' }), workflowRun({ event: 'pull_request' })],
        }),
      why: /no successful run of ci\.yml on master yet/,
    },
    {
      name: 'the run uploaded no such artifact',
      routes: () => baselineRoutes({ artifact: artifact({ name: 'coverage' }) }),
      why: /run 30433642 .* has no artifact named sscop-report: upload the report-file/,
    },
    {
      name: 'the artifact expired',
      routes: () =>
        baselineRoutes({ artifact: artifact({ expired: true, expires_at: '2020-03-21T14:59:22Z' }) }),
      why: /the sscop-report artifact of run 30433642 has expired \(2020-03-21T14:59:22Z\)/,
    },
    {
      name: 'the download is gone (410)',
      routes: () => baselineRoutes({ download: 410 }),
      why: /the artifact has expired \(410\)/,
    },
    {
      name: 'the token may not read Actions (403)',
      routes: () => baselineRoutes({ runsStatus: 403 }),
      why: /listing the runs of ci\.yml: GitHub refused \(403 .*\): give the job the permission actions: read/,
    },
    {
      name: 'the artifact is larger than sscop reads',
      routes: () => baselineRoutes({ artifact: artifact({ size_in_bytes: 64 * 1024 * 1024 }) }),
      why: /the sscop-report artifact is 67108864 bytes, more than 16 MiB/,
    },
    {
      name: 'the zip is not a zip',
      blob: () => strToU8('<html>not a zip</html>'),
      routes: () => baselineRoutes({}),
      why: /the sscop-report artifact of run 30433642: not a readable zip archive/,
    },
    {
      name: 'the report inside is not an sscop report',
      blob: () => zipOf({ 'r.json': '{"hello": "world"}' }),
      routes: () => baselineRoutes({}),
      why: /r\.json: not an sscop JSON report/,
    },
    {
      name: 'the zip does not match the digest GitHub lists',
      routes: () => baselineRoutes({ artifact: artifact({ digest: `sha256:${'0'.repeat(64)}` }) }),
      why: /does not match the digest GitHub lists/,
    },
  ];

  it.each(cases)('$name: a note and a warning say why, and the run goes on without a baseline', async (c) => {
    blobs = await blobHost(c.blob?.() ?? zipOf({ 'r.json': baselineText }));
    const { run, report } = await onPush(c.routes(), ['acme/setup@v1', 'acme/lint@v3']);
    const note = report.notes.find((n) => n.startsWith('no baseline from the default branch: '));
    expect(note).toMatch(c.why);
    expect(note).toMatch(/; the run goes on without a baseline$/);
    expect(run.stdout).toContain('::warning::sscop no baseline from the default branch: ');
    const summaryNote = plain(run.summary)
      .split('\n')
      .find((line) => line.startsWith('- no baseline from the default branch: '));
    expect(summaryNote).toMatch(c.why);
    // No baseline: nothing is new or resolved, and the whole repository is judged (threshold 0).
    expect(report.resolved).toBeUndefined();
    expect(pinned(report).some((f) => f.new)).toBe(false);
    expect(report.gate.basis).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('without GITHUB_WORKFLOW_REF, says the workflow file is not known', async () => {
    fake = await startFakeGitHub({
      name: 'no workflow ref',
      description: 'check runs',
      routes: checkRunRoutes(),
    });
    const { ws, run } = await runOnPushEvent({
      files: { [WORKFLOW]: workflow(['acme/setup@v1']) },
      inputs: { 'report-file': 'r.json', baseline: 'default-branch', threshold: '0' },
      apiUrl: fake.url,
    });
    const report = JSON.parse(await fs.readFile(path.join(ws, 'r.json'), 'utf8')) as Report;
    expect(report.notes).toContainEqual(
      expect.stringMatching(/workflow file is not known \(GITHUB_WORKFLOW_REF\)/),
    );
    expect(run.status).toBe(0);
  });
});
