/**
 * Online: SHA-pinned actions are checked against their repositories through the real client and
 * the fake GitHub API (responses validated against GitHub's OpenAPI description).
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { scan } from '../../src/scan.js';
import { basicError, commit, FULL, repository } from '../support/fake-github/fixtures.js';
import { SCENARIOS, TODAY } from '../support/fake-github/scenarios.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { workflowRepo } from '../support/workflow-repo.js';

const sha = (c: string) => c.repeat(40);
const [VERIFIED, PINNED, TAGGED, MISSING, BARE] = [sha('1'), sha('2'), sha('3'), sha('4'), sha('5')];
const date = '2026-10-01T00:00:00Z';

let server: FakeGitHub | undefined;
let other: FakeGitHub | undefined;
afterEach(async () => {
  await server?.close();
  await other?.close();
  server = other = undefined;
});

function repoWithWorkflow(): Promise<string> {
  return workflowRepo('sscop-pins-', [
    `      - uses: actions/checkout@${VERIFIED} # v4.1.1`,
    `      - uses: actions/setup-node@${PINNED} # v4.0.2`,
    `      - uses: acme/tool@${MISSING} # v1.0.0`,
    `      - uses: acme/other@${BARE}`,
    `      - uses: actions/checkout@${VERIFIED} # v4.1.1`,
  ]);
}

describe('verification of SHA-pinned actions', () => {
  it('compares each pin with the release its comment names, and reports what does not match', async () => {
    server = await startFakeGitHub({
      ...SCENARIOS.githubToken(),
      routes: {
        ...SCENARIOS.githubToken().routes,
        'GET /repos/actions/checkout/commits/v4.1.1': {
          status: 200,
          body: commit({ verified: true, date, sha: VERIFIED }),
        },
        'GET /repos/actions/setup-node/commits/v4.0.2': {
          status: 200,
          body: commit({ verified: true, date, sha: TAGGED }),
        },
        [`GET /repos/actions/setup-node/commits/${PINNED}`]: {
          status: 200,
          body: commit({ verified: true, date, sha: PINNED }),
        },
        'GET /repos/acme/tool/commits/v1.0.0': { status: 404, body: basicError('Not Found', 404) },
        [`GET /repos/acme/tool/commits/${MISSING}`]: {
          status: 422,
          body: {
            message: `No commit found for SHA: ${MISSING}`,
            documentation_url: 'https://docs.github.com/rest',
          },
        },
        [`GET /repos/acme/other/commits/${BARE}`]: {
          status: 200,
          body: commit({ verified: false, date, sha: BARE }),
        },
      },
    });
    const { report } = await scan({
      root: await repoWithWorkflow(),
      today: TODAY,
      github: {
        repository: FULL,
        token: 'test-token',
        apiUrl: server.url,
        client: { sleep: async () => {} },
      },
    });
    expect(server.violations).toEqual([]);
    const check = report.checks.find((c) => c.id === 'pinned-actions')!;
    const byLine = new Map(check.findings.map((f) => [f.line, f]));
    expect(byLine.get(7)).toBeUndefined();
    expect(byLine.get(8)).toMatchObject({
      severity: 'medium',
      message: expect.stringMatching(
        /commented as v4\.0\.2, but v4\.0\.2 of actions\/setup-node is commit 333333333333/,
      ),
    });
    expect(byLine.get(9)).toMatchObject({
      severity: 'high',
      message: expect.stringMatching(/is not a commit of acme\/tool/),
    });
    expect(check.findings.filter((f) => f.line === 10)).toEqual([
      expect.objectContaining({ severity: 'info' }),
    ]);
    expect(check.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/1 verified.*1 version-mismatch.*1 sha-not-found.*1 exists/),
    );
    // The duplicated checkout pin is verified once; the tag request and the fallback SHA requests add up to 6.
    const pinRequests = server.requests.filter((r) => r.operationId === 'repos/get-commit');
    expect(pinRequests).toHaveLength(6);
    // Beside them, each of the 4 action repositories is looked up once (archived, readable), and
    // one request asks the Advisory Database about all 4 at once.
    expect(server.requests.filter((r) => r.path === '/advisories')).toHaveLength(1);
    expect(report.metadata.pinVerificationRequests).toBe(11);
    expect(report.metadata.apiRequests).toBeLessThanOrEqual(15);
  });

  it('reports a pin it could not verify as unverified (info, low confidence), never as a missing commit', async () => {
    const [PRIVATE, BLOCKED, FAILING, GONE] = [sha('6'), sha('7'), sha('8'), sha('9')];
    const root = await mkdtemp(path.join(tmpdir(), 'sscop-pins-unverified-'));
    await mkdir(path.join(root, '.github/workflows'), { recursive: true });
    await writeFile(
      path.join(root, '.github/workflows/ci.yml'),
      [
        'on: push',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - uses: acme/private-action@${PRIVATE} # v1.2.3`,
        `      - uses: acme/blocked@${BLOCKED} # v2.0.0`,
        `      - uses: acme/failing@${FAILING} # v4.0.0`,
        `      - uses: acme/gone@${GONE} # v3.0.0`,
        '',
      ].join('\n'),
    );
    const notFound = { status: 404, body: basicError('Not Found', 404) };
    const forbidden = { status: 403, body: basicError('Resource not accessible by integration', 403) };
    const failing = { status: 500, body: basicError('Server Error', 500) };
    server = await startFakeGitHub({
      ...SCENARIOS.githubToken(),
      routes: {
        ...SCENARIOS.githubToken().routes,
        // Private, or out of the token's reach: the commit and the repository itself answer 404.
        'GET /repos/acme/private-action/commits/v1.2.3': notFound,
        [`GET /repos/acme/private-action/commits/${PRIVATE}`]: notFound,
        'GET /repos/acme/private-action': notFound,
        'GET /repos/acme/blocked/commits/v2.0.0': forbidden,
        'GET /repos/acme/failing/commits/v4.0.0': [failing, failing, failing, failing],
        // Readable, and the commit is not in it: a definite answer.
        'GET /repos/acme/gone/commits/v3.0.0': notFound,
        [`GET /repos/acme/gone/commits/${GONE}`]: notFound,
        'GET /repos/acme/gone': { status: 200, body: repository() },
      },
    });
    const { report } = await scan({
      root,
      today: TODAY,
      github: {
        repository: FULL,
        token: 'test-token',
        apiUrl: server.url,
        client: { sleep: async () => {} },
      },
    });
    expect(server.violations).toEqual([]);
    const check = report.checks.find((c) => c.id === 'pinned-actions')!;
    const at = (line: number) => check.findings.filter((f) => f.line === line);
    for (const line of [6, 7, 8]) {
      expect(at(line)).toEqual([
        expect.objectContaining({
          severity: 'info',
          confidence: 'low',
          message: expect.stringMatching(/could not be verified/),
        }),
      ]);
    }
    expect(at(6)[0]!.message).toMatch(
      /GitHub answered 404 for acme\/private-action: the repository is private, or the token cannot read it/,
    );
    expect(at(9)).toEqual([
      expect.objectContaining({
        severity: 'high',
        message: expect.stringMatching(/is not a commit of acme\/gone/),
      }),
    ]);
    expect(check.status).toBe('pass');
  });

  it('says the pins were not verified on an offline scan', async () => {
    const { report } = await scan({ root: await repoWithWorkflow(), today: TODAY });
    const check = report.checks.find((c) => c.id === 'pinned-actions')!;
    expect(check.evidence.map((e) => e.summary)).toContain(
      'SHA pins not verified against their repositories (offline scan; run with --repo and a token)',
    );
  });

  it('sends the token to no other host: a pin answer redirecting elsewhere leaves the pin unverified', async () => {
    other = await startFakeGitHub(SCENARIOS.githubToken());
    const away = (to: string) => ({ status: 302, raw: '', headers: { location: `${other!.url}${to}` } });
    server = await startFakeGitHub({
      ...SCENARIOS.githubToken(),
      routes: {
        ...SCENARIOS.githubToken().routes,
        'GET /repos/actions/checkout/commits/v4.1.1': away('/repos/actions/checkout/commits/v4.1.1'),
        'GET /repos/actions/setup-node/commits/v4.0.2': away('/repos/actions/setup-node/commits/v4.0.2'),
        'GET /repos/acme/tool/commits/v1.0.0': away('/repos/acme/tool/commits/v1.0.0'),
        [`GET /repos/acme/other/commits/${BARE}`]: away(`/repos/acme/other/commits/${BARE}`),
      },
    });
    const { report } = await scan({
      root: await repoWithWorkflow(),
      today: TODAY,
      github: {
        repository: FULL,
        token: 'test-token-for-pins',
        apiUrl: server.url,
        client: { sleep: async () => {} },
      },
    });
    expect(server.requests.some((r) => r.operationId === 'repos/get-commit')).toBe(true);
    expect(other.requests).toEqual([]);
    const check = report.checks.find((c) => c.id === 'pinned-actions')!;
    expect(check.evidence.map((e) => e.summary)).toContainEqual(
      expect.stringMatching(/SHA pins checked against their repositories: 4 unverified/),
    );
  });
});
