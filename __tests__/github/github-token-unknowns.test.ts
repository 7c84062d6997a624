/**
 * With the workflow's default GITHUB_TOKEN (the fake GitHub's github-token scenario), every API
 * check is either observed or unknown for the one reason a user can act on: GitHub refused a
 * permission the token lacks, named with the permission. Never "the request budget was spent".
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { API_CHECKS } from '../../src/checks/index.js';
import { MAX_REQUESTS } from '../../src/github/facts.js';
import { PERMISSIONS } from '../../src/github/permissions.js';
import type { ReportCheck } from '../../src/report/report.js';
import { scan } from '../../src/scan.js';
import { branchRules, commits, FULL, pullRequestRule } from '../support/fake-github/fixtures.js';
import { PULL_NUMBER, SCENARIOS, TODAY } from '../support/fake-github/scenarios.js';
import { startFakeGitHub, type Scenario } from '../support/fake-github/server.js';

/** What the GITHUB_TOKEN cannot be granted, or is not granted in the scenario. */
const LACKING = [
  PERMISSIONS.administration,
  PERMISSIONS.dependabot,
  PERMISSIONS.codeScanning,
  PERMISSIONS.orgAdmin,
];
/** A refusal GitHub gave: a 403, or a field GitHub shows only to admins or owners. */
const REFUSAL =
  /GitHub answered 403|GitHub refused .* with 403|GitHub shows .* only to (?:repository admins|organization owners)/;

const API_IDS = new Set(API_CHECKS.map((c) => c.id));

/** The GITHUB_TOKEN on a branch whose ruleset does not require signatures, where 3 of 10 commits are unsigned. */
function unsignedHistory(): Scenario {
  const base = SCENARIOS.githubToken();
  return {
    ...base,
    name: 'github-token-unsigned-history',
    routes: {
      ...base.routes,
      [`GET /repos/${FULL}/rules/branches/main`]: { status: 200, body: branchRules([pullRequestRule(1, 1)]) },
      [`GET /repos/${FULL}/commits`]: {
        status: 200,
        body: commits(10, { newest: '2026-11-20T09:00:00Z', verified: (i) => i % 3 !== 1 }),
      },
    },
  };
}

/** The GITHUB_TOKEN when GitHub fails twice before answering for the commits (each retry is a request). */
function retried(): Scenario {
  const base = SCENARIOS.githubToken();
  return {
    ...base,
    name: 'github-token-retried',
    routes: {
      ...base.routes,
      [`GET /repos/${FULL}/commits`]: SCENARIOS.serverErrors().routes[`GET /repos/${FULL}/commits`]!,
    },
  };
}

let root: string;
beforeAll(async () => {
  root = await mkdtemp(path.join(tmpdir(), 'sscop-github-token-'));
  await writeFile(path.join(root, 'README.md'), '# widgets\n');
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

async function apiChecks(scenario: Scenario, pullNumber?: number): Promise<ReportCheck[]> {
  const server = await startFakeGitHub(scenario);
  try {
    const { report } = await scan({
      root,
      today: TODAY,
      github: {
        repository: FULL,
        token: 'ghs_github-token-unknowns',
        apiUrl: server.url,
        ...(pullNumber ? { pullNumber } : {}),
        client: { sleep: async () => {} },
      },
    });
    expect(server.violations).toEqual([]);
    expect(report.metadata.apiRequests).toBeLessThanOrEqual(MAX_REQUESTS);
    return report.checks.filter((c) => API_IDS.has(c.id));
  } finally {
    await server.close();
  }
}

describe('every API check with the default GITHUB_TOKEN', () => {
  it.each([
    ['on the default branch', SCENARIOS.githubToken(), undefined],
    ['on a pull request', SCENARIOS.githubToken(), PULL_NUMBER],
    ['on a pull request, the branch under three rulesets', SCENARIOS.manyRulesets(), PULL_NUMBER],
    ['on a pull request, with unsigned commits in the history', unsignedHistory(), PULL_NUMBER],
    ['on a pull request, after two server errors', retried(), PULL_NUMBER],
  ])(
    '%s: is observed, or unknown because GitHub refused a permission the token lacks',
    async (_name, scenario, pull) => {
      const checks = await apiChecks(scenario, pull);
      expect(checks.map((c) => c.id).sort()).toEqual([...API_IDS].sort());
      for (const check of checks.filter((c) => c.status === 'unknown')) {
        expect([check.id, check.unknown!.reason]).toEqual([check.id, expect.stringMatching(REFUSAL)]);
        expect([check.id, LACKING.some((p) => check.unknown!.howToObserve.includes(p))]).toEqual([
          check.id,
          true,
        ]);
      }
      // Nothing the token could read was left unread for want of requests.
      const said = checks.flatMap((c) => [
        c.summary,
        c.unknown?.reason ?? '',
        ...c.evidence.map((e) => e.summary),
      ]);
      expect(said.filter((s) => /budget/i.test(s))).toEqual([]);
    },
  );

  it('judges signed commits from the history it can read when the requirement is hidden', async () => {
    const checks = await apiChecks(unsignedHistory(), PULL_NUMBER);
    const signed = checks.find((c) => c.id === 'signed-commits')!;
    expect(signed.status).toBe('partial');
    expect(signed.summary).toMatch(/7 of the last 10 commits are verified/);
    expect(signed.evidence[0]!.summary).toMatch(/not observable: .*403.*Administration: read/);
  });
});
