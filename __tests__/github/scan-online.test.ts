/**
 * The online scan end to end: the real client (getOctokit over undici) against the fake GitHub
 * on 127.0.0.1, one scenario per test, asserting statuses, unknowns with their permission hints,
 * and the request budget.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { UserError } from '../../src/errors.js';
import { MAX_REQUESTS } from '../../src/github/facts.js';
import type { ReportCheck } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { FULL } from '../support/fake-github/fixtures.js';
import { PULL_NUMBER, SCENARIOS, TODAY, type ScenarioName } from '../support/fake-github/scenarios.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';

const TOKEN = 'ghs_fakeTokenThatMustNeverBeShown0123456789';
const API_CHECKS = [
  'branch-protection',
  'signed-commits',
  'private-vulnerability-reporting',
  'secret-scanning',
  'vulnerability-alerts',
  'code-scanning-alerts',
  'security-advisories',
  'maintained',
  'actions-settings',
  'org-mfa',
];

let root: string;
let server: FakeGitHub | undefined;

beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sscop-online-'));
  await writeFile(path.join(root, 'README.md'), '# widgets\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Run {
  checks: Map<string, ReportCheck>;
  status: (id: string) => string;
  apiRequests: number | undefined;
  mode: string;
  waits: number[];
  json: string;
}

async function scanScenario(
  name: ScenarioName,
  options: { pullNumber?: number; timeoutMs?: number; latencyMs?: number } = {},
): Promise<Run> {
  server = await startFakeGitHub(SCENARIOS[name](), { latencyMs: options.latencyMs ?? 0 });
  const waits: number[] = [];
  const { report } = await scan({
    root,
    today: TODAY,
    github: {
      repository: FULL,
      token: TOKEN,
      apiUrl: server.url,
      ...(options.pullNumber ? { pullNumber: options.pullNumber } : {}),
      client: {
        timeoutMs: options.timeoutMs ?? 5000,
        sleep: async (ms) => {
          waits.push(ms);
        },
      },
    },
  });
  expect(server.violations).toEqual([]);
  const checks = new Map(report.checks.map((c) => [c.id, c]));
  return {
    checks,
    status: (id) => checks.get(id)?.status ?? 'missing',
    apiRequests: report.metadata.apiRequests,
    mode: report.metadata.mode,
    waits,
    json: JSON.stringify(report),
  };
}

const statuses = (run: Run): Record<string, string> =>
  Object.fromEntries(API_CHECKS.map((id) => [id, run.status(id)]));

describe('an online scan', () => {
  it('with an admin token sees every setting and passes a well-configured repository', async () => {
    const run = await scanScenario('admin');
    expect(statuses(run)).toEqual({
      'branch-protection': 'pass',
      'signed-commits': 'pass',
      'private-vulnerability-reporting': 'pass',
      'secret-scanning': 'pass',
      'vulnerability-alerts': 'pass',
      'code-scanning-alerts': 'pass',
      'security-advisories': 'pass',
      maintained: 'pass',
      'actions-settings': 'pass',
      'org-mfa': 'pass',
    });
    expect(run.mode).toBe('online');
    expect(run.apiRequests).toBe(server!.requests.length);
    expect(run.apiRequests).toBeLessThanOrEqual(MAX_REQUESTS);
    const bp = run.checks.get('branch-protection')!;
    expect(bp.evidence).toContainEqual({
      summary: expect.stringContaining('2 approving reviews required'),
      source: 'ruleset "main protection" (id 1)',
    });
  });

  it('sends independent requests concurrently', async () => {
    // A long answer time, so the requests overlap even on a busy machine.
    await scanScenario('admin', { latencyMs: 400 });
    // The repository first (it names the default branch), then the other 9 at once (the Actions
    // settings wait for classic protection, which needs the same permission).
    expect(server!.maxConcurrent).toBeGreaterThanOrEqual(9);
    const first = server!.requests[0]!;
    expect(first.path).toBe(`/repos/${FULL}`);
  });

  it('names itself in the user agent and sends the token only in the Authorization header', async () => {
    await scanScenario('admin');
    const headers = server!.requests[0]!.headers;
    expect(String(headers['user-agent'])).toMatch(/^sscop\/\d+\.\d+\.\d+/);
    expect(headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('with a pull request also reads its commits, within the budget', async () => {
    const run = await scanScenario('admin', { pullNumber: PULL_NUMBER });
    expect(server!.requests.some((r) => r.path === `/repos/${FULL}/pulls/${PULL_NUMBER}/commits`)).toBe(true);
    expect(run.apiRequests).toBeLessThanOrEqual(MAX_REQUESTS);
  });

  it('with the workflow GITHUB_TOKEN reports admin-only settings as unknown, naming the permission', async () => {
    const run = await scanScenario('githubToken');
    expect(statuses(run)).toEqual({
      'branch-protection': 'pass',
      'signed-commits': 'pass',
      'private-vulnerability-reporting': 'pass',
      'secret-scanning': 'unknown',
      'vulnerability-alerts': 'unknown',
      'code-scanning-alerts': 'unknown',
      'security-advisories': 'pass',
      maintained: 'pass',
      'actions-settings': 'unknown',
      'org-mfa': 'unknown',
    });
    expect(run.checks.get('secret-scanning')!.unknown!.howToObserve).toMatch(/Administration: read/);
    expect(run.checks.get('actions-settings')!.unknown!.howToObserve).toMatch(/Administration: read/);
    expect(run.checks.get('code-scanning-alerts')!.unknown!.howToObserve).toMatch(/security-events: read/);
    expect(run.checks.get('vulnerability-alerts')!.unknown!.howToObserve).toMatch(/Administration: read/);
    expect(run.checks.get('org-mfa')!.unknown!.howToObserve).toMatch(/owner of acme/);
    expect(run.apiRequests).toBeLessThanOrEqual(MAX_REQUESTS);
    // The ruleset is readable with metadata only; who may bypass it is not.
    const bp = run.checks.get('branch-protection')!;
    expect(bp.evidence).toContainEqual(
      expect.objectContaining({ summary: expect.stringMatching(/who can bypass: not observable/) }),
    );
  });

  it('stops at the request budget, leaving what it did not ask unknown with that reason', async () => {
    // An admin's token is refused nothing: its follow-ups fill the budget before every ruleset is read.
    const run = await scanScenario('manyRulesetsNoAlertsAccess', { pullNumber: PULL_NUMBER });
    expect(run.apiRequests).toBe(MAX_REQUESTS);
    // Ruleset details matter least: the last two rulesets were not read.
    const bypass = run.checks
      .get('branch-protection')!
      .evidence.filter((e) => e.summary.startsWith('who can bypass'))
      .map((e) => e.summary);
    expect(bypass).toEqual([
      expect.stringMatching(/ruleset 2: not asked: the scan's budget of 15 API requests was spent/),
      expect.stringMatching(/ruleset 3: not asked: the scan's budget of 15 API requests was spent/),
    ]);
  });

  it('does not ask what an earlier refusal proved it cannot read, and says which refusal', async () => {
    const run = await scanScenario('githubToken');
    expect(server!.requests.some((r) => r.path.endsWith('/vulnerability-alerts'))).toBe(false);
    expect(run.checks.get('vulnerability-alerts')!.unknown).toEqual({
      reason:
        'whether Dependabot alerts are enabled: not asked: GitHub refused classic branch protection for main with 403 (Resource not accessible by integration), which needs the same permission',
      howToObserve: expect.stringMatching(/^needs a token with Administration: read/),
    });
  });

  it('asks whether Dependabot alerts are on before reading ruleset details, when the budget is short', async () => {
    const run = await scanScenario('manyRulesetsNoAlertsAccess', { pullNumber: PULL_NUMBER });
    expect(run.apiRequests).toBe(MAX_REQUESTS);
    expect(server!.requests.some((r) => r.path.endsWith('/vulnerability-alerts'))).toBe(true);
    const va = run.checks.get('vulnerability-alerts')!;
    expect(va.claimVerdicts?.['3.3.1']?.status).toBe('pass');
    expect(va.unknown!.howToObserve).toMatch(/Dependabot alerts: read/);
  });

  it('with the GITHUB_TOKEN on an unprotected branch fails rather than guessing', async () => {
    const run = await scanScenario('unprotectedGithubToken');
    expect(run.status('branch-protection')).toBe('fail');
    expect(run.status('signed-commits')).toBe('partial');
  });

  it('reads protection from rulesets only, and says which protections are missing', async () => {
    const run = await scanScenario('rulesetsOnly');
    const bp = run.checks.get('branch-protection')!;
    expect(bp.status).toBe('partial');
    expect(bp.findings.map((f) => f.message).join('\n')).toMatch(
      /Approvals survive new pushes[\s\S]*No status checks/,
    );
    expect(bp.claimVerdicts?.['1.1.4']?.status).toBe('pass');
    expect(bp.claimVerdicts?.['1.3.2']?.status).toBe('fail');
  });

  it('reads classic protection when there are no rulesets, and flags exempt administrators', async () => {
    const run = await scanScenario('classicOnly');
    const bp = run.checks.get('branch-protection')!;
    expect(bp.status).toBe('pass');
    expect(bp.evidence).toContainEqual({
      summary: 'required status checks: required: build',
      source: 'classic branch protection',
    });
    expect(bp.findings.map((f) => f.message).join('\n')).toMatch(/does not apply to administrators/);
  });

  it('combines conflicting rulesets and classic protection the way GitHub does (strictest wins), citing both', async () => {
    const run = await scanScenario('conflicting');
    const bp = run.checks.get('branch-protection')!;
    expect(bp.status).toBe('partial');
    expect(bp.evidence).toContainEqual({
      summary: expect.stringContaining('2 approving reviews'),
      source: 'classic branch protection',
    });
    expect(bp.evidence).toContainEqual({
      summary: 'force pushes blocked',
      source: 'ruleset "main protection" (id 1)',
    });
    expect(bp.evidence.map((e) => e.summary).join('\n')).toMatch(/ruleset wins/);
    expect(bp.findings.map((f) => f.message).join('\n')).toMatch(/can be deleted/);
  });

  it('cites an organization ruleset by name and organization', async () => {
    const run = await scanScenario('orgRuleset');
    const bp = run.checks.get('branch-protection')!;
    expect(bp.status).toBe('pass');
    expect(bp.evidence).toContainEqual(
      expect.objectContaining({ source: 'organization ruleset "org baseline" (id 7, acme)' }),
    );
  });

  it('counts verified commits and names the unsigned ones in a pull request', async () => {
    const run = await scanScenario('mixedSignatures', { pullNumber: PULL_NUMBER });
    const sc = run.checks.get('signed-commits')!;
    expect(sc.status).toBe('fail');
    expect(sc.evidence).toContainEqual(
      expect.objectContaining({ summary: '7 of the last 10 commits on main have a verified signature' }),
    );
    expect(sc.findings.map((f) => f.message).join('\n')).toMatch(
      /Commit badc0ffee000 "Fix typo" by mallory in pull request #12 is not verified \(unsigned\)/,
    );
  });

  it('fails an archived repository', async () => {
    const run = await scanScenario('archived');
    expect(run.status('maintained')).toBe('fail');
    expect(run.checks.get('maintained')!.summary).toMatch(/archived/);
  });

  it('keeps an active repository without releases maintained, leaving the release claim unknown', async () => {
    const run = await scanScenario('noReleases');
    const m = run.checks.get('maintained')!;
    expect(m.status).toBe('pass');
    expect(m.claimVerdicts?.['3.5.1']?.status).toBe('unknown');
  });

  it('waits as told by retry-after on a 429 and a secondary rate limit, then succeeds', async () => {
    const run = await scanScenario('rateLimited');
    expect(run.waits.sort()).toEqual([1000, 2000]);
    expect(run.status('maintained')).toBe('pass');
    expect(server!.requests.filter((r) => r.path === `/repos/${FULL}/releases`)).toHaveLength(2);
    expect(run.apiRequests).toBe(server!.requests.length);
  });

  it('gives up on a rate limit that asks for a longer wait than the cap, leaving that fact unknown', async () => {
    const run = await scanScenario('rateLimitedTooLong');
    expect(run.waits).toEqual([]);
    const m = run.checks.get('maintained')!;
    expect(m.claimVerdicts?.['3.5.1']?.status).toBe('unknown');
    expect(m.evidence.map((e) => e.summary).join('\n')).toMatch(/rate limit.*3600 s, longer than the 60 s/);
  });

  it('retries 5xx answers with backoff, then succeeds', async () => {
    const run = await scanScenario('serverErrors');
    expect(run.waits).toEqual([1000, 2000]);
    expect(run.status('signed-commits')).toBe('pass');
    expect(server!.requests.filter((r) => r.path === `/repos/${FULL}/commits`)).toHaveLength(3);
  });

  it('returns a clear UserError on 401 beside a complete report, without showing the token', async () => {
    server = await startFakeGitHub(SCENARIOS.unauthorized());
    const { report, fatal } = await scan({
      root,
      today: TODAY,
      github: { repository: FULL, token: TOKEN, apiUrl: server.url },
    });
    expect(fatal).toBeInstanceOf(UserError);
    expect(fatal!.message).toMatch(/GitHub rejected the token \(401 Bad credentials\)/);
    expect(JSON.stringify(report) + fatal!.message).not.toContain(TOKEN);
    expect(report.passed).toBe(false);
    expect(report.principles).toHaveLength(14);
    expect(server.requests).toHaveLength(1);
  });

  it('turns malformed JSON into unknown, not a crash', async () => {
    const run = await scanScenario('malformed');
    const bp = run.checks.get('branch-protection')!;
    expect(bp.status).toBe('unknown');
    expect(bp.unknown!.reason).toMatch(/unexpected shape/);
    expect(run.status('maintained')).toBe('pass');
  });

  it('times out a request that never answers, and reports it as unknown', async () => {
    const started = Date.now();
    const run = await scanScenario('timeout', { timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(5000);
    const bp = run.checks.get('branch-protection')!;
    expect(bp.status).toBe('unknown');
    expect(bp.unknown!.reason).toMatch(
      /did not answer GET \/repos\/\{owner\}\/\{repo\}\/rules\/branches\/\{branch\} within 0\.3 s/,
    );
  });

  it('reports open alerts with their age, failing overdue ones', async () => {
    const run = await scanScenario('alerts');
    const va = run.checks.get('vulnerability-alerts')!;
    expect(va.status).toBe('fail');
    expect(va.findings.map((f) => f.message)).toEqual([
      expect.stringMatching(/^Dependabot alert #3 \(critical, pip:django\) open for 12 day\(s\)/),
      expect.stringMatching(/^Dependabot alert #1 \(high, pip:django\) open for 205 day\(s\)/),
    ]);
    expect(va.claimVerdicts?.['3.3.1']?.status).toBe('pass');
    const cs = run.checks.get('code-scanning-alerts')!;
    expect(cs.status).toBe('partial');
    expect(cs.findings).toHaveLength(1);
  });

  it('fails settings that are visible and off', async () => {
    const run = await scanScenario('weakSettings');
    expect(statuses(run)).toEqual({
      'branch-protection': 'fail',
      'signed-commits': 'partial',
      'private-vulnerability-reporting': 'fail',
      'secret-scanning': 'fail',
      'vulnerability-alerts': 'fail',
      'code-scanning-alerts': 'not-applicable',
      'security-advisories': 'unknown',
      maintained: 'pass',
      'actions-settings': 'fail',
      'org-mfa': 'fail',
    });
  });

  it('does not ask about an organization for a user-owned repository', async () => {
    const run = await scanScenario('userOwned');
    expect(server!.requests.some((r) => r.path.startsWith('/orgs/'))).toBe(false);
    expect(run.status('org-mfa')).toBe('unknown');
    expect(run.checks.get('org-mfa')!.unknown!.reason).toMatch(/user account/);
    expect(run.status('secret-scanning')).toBe('partial');
  });

  it.each(Object.keys(SCENARIOS).filter((n) => n !== 'unauthorized') as ScenarioName[])(
    'scenario %s stays within the request budget and never shows the token',
    async (name) => {
      const run = await scanScenario(name, { timeoutMs: 300 });
      const retries = server!.requests.length - new Set(server!.requests.map((r) => r.path)).size;
      expect(run.apiRequests! - retries).toBeLessThanOrEqual(MAX_REQUESTS);
      expect(run.json).not.toContain(TOKEN);
    },
  );
});

describe('an offline scan', () => {
  it('reports every API check as unknown, saying how to observe it', async () => {
    const { report } = await scan({ root, today: TODAY });
    for (const id of API_CHECKS) {
      const check = report.checks.find((c) => c.id === id)!;
      expect(check.status).toBe('unknown');
      expect(check.unknown).toEqual({
        reason: 'offline scan',
        howToObserve: expect.stringContaining('--repo OWNER/NAME'),
      });
    }
    expect(report.metadata.mode).toBe('offline');
    expect(report.metadata.apiRequests).toBeUndefined();
  });
});
