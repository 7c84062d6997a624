/**
 * The bundled action under platform faults (through the fake GitHub API): 5xx then success, rate
 * limits with retry-after (honoured, or given up on beyond the cap), malformed and truncated JSON,
 * an unexpected shape, a 401, and a repository that vanished mid-run (404). In every case the job
 * summary, the outputs and the JSON report are written, the result says what is missing and why,
 * the token appears in no output, and the exit status follows the contract (401 fails closed).
 *
 * The repository is served as the workflow's GITHUB_TOKEN sees it (scenario `githubToken`); each
 * test breaks one part of it: API evidence, the pull request's changed files, or the check run.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { githubOpenApi } from '../support/fake-github/openapi.js';
import {
  startFakeGitHub,
  type FakeGitHub,
  type FakeResponse,
  type RouteTable,
} from '../support/fake-github/server.js';
import { runAction, webhookExample, type ActionRun } from '../support/run-action.js';
import { validateReport } from '../support/schemas.js';
import { makeTree } from '../hostile/support/trees.js';
import { FULL, REPO as REPO_NAME } from '../support/fake-github/fixtures.js';
import { PULL_NUMBER, SCENARIOS } from '../support/fake-github/scenarios.js';

const REPO = FULL;
const TOKEN = 'ghs_faultTestTokenMustNeverAppear0123456789';
const error = (status: number, message: string): FakeResponse => ({
  status,
  body: { message, documentation_url: 'https://docs.github.com/rest', status: String(status) },
});

const checkRunPath = `POST /repos/${REPO}/check-runs`;
const created: FakeResponse = { status: 201, body: {} };
let checkRun: Record<string, unknown>;
let fake: FakeGitHub | undefined;
beforeAll(() => {
  checkRun = (
    githubOpenApi() as unknown as {
      components: { examples: Record<string, { value: Record<string, unknown> }> };
    }
  ).components.examples['check-run']!.value;
});
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

interface FaultRun extends ActionRun {
  /** The JSON report (written in every case, a rejected token included). */
  report: { notes: string[]; passed: boolean; checks: unknown[] } & Record<string, unknown>;
  everything: string;
}

async function runWith(
  routes: RouteTable,
  event: 'push' | 'pull_request' = 'push',
  files: Record<string, string> = {},
): Promise<FaultRun> {
  fake = await startFakeGitHub({
    name: 'faults',
    description: 'platform faults',
    routes: {
      ...SCENARIOS.githubToken().routes,
      [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: { status: 200, body: [] },
      [checkRunPath]: { ...created, body: checkRun },
      ...routes,
    },
  });
  const ws = await makeTree({
    'SECURITY.md': '# Security\nEmail security@example.org.\n',
    '.github/CODEOWNERS': '* @acme/x\n/a/ bad\n',
    ...files,
  });
  const out = await makeTree({}, 'sscop-out-');
  const payload =
    event === 'push'
      ? await webhookExample('push', () => true)
      : await webhookExample('pull_request', (e) => e.action === 'opened');
  // Real payloads name Codertocat/Hello-World; the fake API serves acme/widgets, pull request 12.
  const fix = (repo: unknown): void => {
    if (repo && typeof repo === 'object') Object.assign(repo, { full_name: FULL, name: REPO_NAME });
  };
  fix(payload.repository);
  const pr = payload.pull_request as
    { number: number; head: { repo: unknown }; base: { repo: unknown } } | undefined;
  if (pr) {
    payload.number = PULL_NUMBER;
    pr.number = PULL_NUMBER;
    fix(pr.head.repo);
    fix(pr.base.repo);
  }
  const run = await runAction({
    workspace: ws,
    eventName: event,
    payload,
    repository: REPO,
    sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
    apiUrl: fake.url,
    // Retry backoff of 10 ms instead of 1 s: the 5xx tests need not wait for real.
    env: { SSCOP_RETRY_BASE_MS: '10' },
    inputs: {
      token: TOKEN,
      threshold: '0',
      'report-file': path.join(out, 'report.json'),
      'sarif-file': path.join(out, 'report.sarif'),
    },
  });
  const read = (file: string): Promise<string> => fs.readFile(file, 'utf8').catch(() => '');
  const reportText = await read(path.join(out, 'report.json'));
  const sarifText = await read(path.join(out, 'report.sarif'));
  const outputsFile = await read(path.join(run.runnerTemp, 'output.txt'));
  const report = reportText ? JSON.parse(reportText) : undefined;
  if (report) expect(validateReport(report)).toEqual([]);
  const everything = [run.stdout, run.stderr, run.summary, outputsFile, reportText, sarifText].join('\n');
  return { ...run, report, everything };
}

function expectOutputsWritten(run: FaultRun): void {
  expect(run.report).toBeDefined();
  expect(run.summary).toMatch(
    /^## [✅❌] sscop: (passed|failed)\n\nUK Software Security Code of Practice · /,
  );
  expect(run.outputs.score).toMatch(/^\d+$/);
  expect(run.everything).not.toContain(TOKEN);
  expect(fake!.requests.every((r) => r.headers.authorization === `token ${TOKEN}`)).toBe(true);
}

describe('the action when GitHub fails', () => {
  it('a 503 that never ends: bounded retries, then that evidence is unknown with the reason', async () => {
    const run = await runWith({ [`GET /repos/${REPO}/releases`]: error(503, 'Service Unavailable') });
    expect(run.status).toBe(0);
    expect(fake!.requests.filter((r) => r.path === `/repos/${REPO}/releases`)).toHaveLength(4);
    expect(JSON.stringify(run.report)).toMatch(/HTTP 503, still failing after 4 attempts/);
    expectOutputsWritten(run);
  }, 30_000);

  it('malformed JSON on API evidence: that evidence is unknown (unexpected shape), no crash', async () => {
    const run = await runWith({
      [`GET /repos/${REPO}/rules/branches/main`]: {
        status: 200,
        raw: '[{"type": "pull_request", "ruleset_id": ',
        headers: { 'content-type': 'application/json' },
      },
    });
    expect(run.status).toBe(0);
    const bp = (
      run.report.checks as Array<{ id: string; status: string; unknown?: { reason: string } }>
    ).find((c) => c.id === 'branch-protection')!;
    expect(bp.status).toBe('unknown');
    expect(bp.unknown?.reason).toMatch(/unexpected shape/);
    expectOutputsWritten(run);
  });

  it('a repository that vanished mid-run (404 after the first answer): the rest is unknown, outputs written', async () => {
    const vanished: RouteTable = {};
    for (const key of Object.keys(SCENARIOS.githubToken().routes)) {
      // The description gives check-vulnerability-alerts no 404 body: it keeps its 403.
      if (key === `GET /repos/${REPO}` || key.endsWith('/vulnerability-alerts')) continue;
      vanished[key] = error(404, 'Not Found');
    }
    const run = await runWith(vanished);
    expect(run.status).toBe(0);
    const unknown = (run.report.checks as Array<{ source: string; status: string }>).filter(
      (c) => c.source === 'api' && c.status === 'unknown',
    );
    expect(unknown.length).toBeGreaterThan(3);
    expectOutputsWritten(run);
  });

  it('retries a 503 on the check run, then publishes it', async () => {
    const run = await runWith({
      [checkRunPath]: [error(503, 'Service Unavailable'), { ...created, body: checkRun }],
    });
    expect(run.status).toBe(0);
    expect(fake!.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(run.summary).toMatch(/check run published/);
    expectOutputsWritten(run);
  });

  it('honours a 429 retry-after on the check run, then publishes it', async () => {
    const run = await runWith({
      [checkRunPath]: [
        { ...error(429, 'API rate limit exceeded'), headers: { 'retry-after': '1' } },
        { ...created, body: checkRun },
      ],
    });
    expect(run.status).toBe(0);
    const posts = fake!.requests.filter((r) => r.method === 'POST');
    expect(posts).toHaveLength(2);
    expect(posts[1]!.receivedAt - posts[0]!.receivedAt).toBeGreaterThanOrEqual(900);
    expectOutputsWritten(run);
  });

  it('gives up on a secondary rate limit asking for an hour, falls back to annotations and says why', async () => {
    const run = await runWith({
      [checkRunPath]: {
        ...error(403, 'You have exceeded a secondary rate limit.'),
        headers: { 'retry-after': '3600' },
      },
    });
    expect(run.status).toBe(0);
    expect(fake!.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expect(run.summary).toMatch(/no check run: .*; findings are shown as workflow annotations instead/);
    expect(run.stdout).toMatch(/^::notice title=sscop codeowners \(low\),file=\.github\/CODEOWNERS,line=2/m);
    expectOutputsWritten(run);
  });

  it('a truncated JSON answer to the check run: no crash, annotations instead, reason given', async () => {
    const run = await runWith({
      [checkRunPath]: {
        status: 201,
        raw: '{"id": 4, "name": "sscop',
        headers: { 'content-type': 'application/json' },
      },
    });
    expect(run.status).toBe(0);
    expect(run.summary).toMatch(/no check run|check run published/);
    expectOutputsWritten(run);
  });

  it('a 200 of an unexpected shape on the pull request files: parsed defensively, the whole repository judged', async () => {
    const run = await runWith(
      {
        [checkRunPath]: { ...created, body: checkRun },
        [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: {
          status: 200,
          raw: '{"files": "not a list"}',
          headers: { 'content-type': 'application/json' },
        },
      },
      'pull_request',
    );
    expect(run.status).toBe(0);
    expect(fake!.requests.some((r) => r.path === `/repos/${REPO}/pulls/${PULL_NUMBER}/files`)).toBe(true);
    expect(run.summary).toMatch(/changed lines could not be read|check run published/);
    expectOutputsWritten(run);
  });

  it('404 on the pull request files and on the check run: whole repository judged, annotations instead', async () => {
    const run = await runWith(
      {
        [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: error(404, 'Not Found'),
        [checkRunPath]: error(404, 'Not Found'),
      },
      'pull_request',
    );
    expect(run.status).toBe(0);
    // Read before the report file is written; the check-run outcome comes later, in the summary.
    expect(run.report.notes.join('\n')).toMatch(
      /the pull request's changed lines could not be read \(Not Found\)/,
    );
    expect(run.summary).toMatch(/no check run/);
    expectOutputsWritten(run);
  });

  it('401 fails closed: the step fails with a clear message, after the summary and report are written', async () => {
    const run = await runWith({ [checkRunPath]: error(401, 'Bad credentials') });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::GitHub rejected the token \(401 Bad credentials\)/m);
    expect(fake!.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
    expectOutputsWritten(run);
  });

  it('401 on the first API request: the report is still written (API checks unknown, with why), then the step fails closed', async () => {
    const run = await runWith({ [`GET /repos/${REPO}`]: error(401, 'Bad credentials') });
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::GitHub rejected the token \(401 Bad credentials\)/m);
    // The action's user set an input, not a command-line flag.
    const failure = run.stdout.split('\n').find((l) => l.startsWith('::error::'))!;
    expect(failure).toMatch(/check the action's token input/);
    expect(failure).not.toMatch(/--token/);
    expect(run.everything).not.toContain(TOKEN);
    expectOutputsWritten(run);
    const report = run.report as unknown as { passed: boolean; gate: { reasons: string[] } };
    expect(report.passed).toBe(false);
    expect(report.gate.reasons[0]).toMatch(/^GitHub refused the scan: GitHub rejected the token \(401/);
    const api = (
      run.report.checks as Array<{ source: string; status: string; unknown?: { reason: string } }>
    ).filter((c) => c.source === 'api');
    expect(
      api.every((c) => c.status === 'unknown' && /GitHub refused the scan/.test(c.unknown?.reason ?? '')),
    ).toBe(true);
  });

  it('401 on a pull request fails closed too', async () => {
    const run = await runWith(
      {
        [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: error(401, 'Bad credentials'),
        [checkRunPath]: error(401, 'Bad credentials'),
      },
      'pull_request',
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::GitHub rejected the token/m);
    expectOutputsWritten(run);
  });

  it('every request answers 401 (a revoked token) on a pull request with pinned actions: report, SARIF and outputs written, then the step fails', async () => {
    const everything: RouteTable = {};
    for (const key of Object.keys(SCENARIOS.githubToken().routes))
      everything[key] = error(401, 'Bad credentials');
    const pin = 'b'.repeat(40);
    const run = await runWith(
      {
        ...everything,
        [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: error(401, 'Bad credentials'),
        [checkRunPath]: error(401, 'Bad credentials'),
        'GET /repos/actions/checkout/commits/v4.1.1': error(401, 'Bad credentials'),
      },
      'pull_request',
      {
        '.github/workflows/ci.yml': `on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${pin} # v4.1.1\n`,
      },
    );
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/^::error::GitHub rejected the token \(401 Bad credentials\)/m);
    expectOutputsWritten(run);
    expect(run.outputs['report-file']).toBeDefined();
    expect(run.outputs['sarif-file']).toBeDefined();
    expect((run.report as unknown as { passed: boolean }).passed).toBe(false);
  });

  it('a check run redirected to another host (307): nothing is sent there, annotations instead', async () => {
    const other = await startFakeGitHub({ name: 'elsewhere', description: 'another host', routes: {} });
    try {
      const run = await runWith({
        [checkRunPath]: {
          status: 307,
          raw: '',
          headers: { location: `${other.url}/repos/${REPO}/check-runs` },
        },
      });
      expect(run.status).toBe(0);
      expect(other.requests).toEqual([]);
      expect(run.summary).toMatch(
        /no check run: .*redirected to http:\u2060?\/\/127\.0\.0\.1:\d+; sscop follows redirects only on/,
      );
      expectOutputsWritten(run);
    } finally {
      await other.close();
    }
  });

  it('pull request files with an endless rel="next": read up to the cap, then said to be incomplete', async () => {
    const [entry] = (
      githubOpenApi() as unknown as { components: { examples: Record<string, { value: unknown[] }> } }
    ).components.examples['diff-entry-items']!.value;
    // Full pages (a short page ends the listing), each pointing at one more.
    const run = await runWith(
      {
        [`GET /repos/${REPO}/pulls/${PULL_NUMBER}/files`]: {
          status: 200,
          body: Array.from({ length: 100 }, () => entry),
          headers: { link: `<{server}/repos/${REPO}/pulls/${PULL_NUMBER}/files?page=2>; rel="next"` },
        },
      },
      'pull_request',
    );
    expect(run.status).toBe(0);
    const listed = fake!.requests.filter((r) => r.path === `/repos/${REPO}/pulls/${PULL_NUMBER}/files`);
    expect(listed).toHaveLength(30);
    expect(run.report.notes.join('\n')).toMatch(
      /the pull request's changed lines could not be read \(the listing has more than 30 pages, the most sscop reads, so it is incomplete\)/,
    );
    expectOutputsWritten(run);
  });
});
