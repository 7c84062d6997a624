/**
 * Named scenarios for the fake GitHub: what a repository's API answers look like to a given token.
 * Each is a route table; the server validates every response against GitHub's OpenAPI description.
 *
 * Dates are relative to TODAY (2026-11-22), the date the tests pass to the scan.
 */
import {
  advisory,
  basicError,
  branch,
  branchRules,
  classicProtection,
  codeScanningAlert,
  commit,
  commits,
  dependabotAlert,
  FULL,
  organization,
  OWNER,
  pullRequestRule,
  release,
  repository,
  ruleset,
  statusChecksRule,
} from './fixtures.js';
import type { FakeResponse, RouteTable, Scenario } from './server.js';

export const TODAY = new Date('2026-11-22T00:00:00Z');
export const PULL_NUMBER = 12;

const repo = (path = ''): string => `GET /repos/${FULL}${path}`;
const ok = (body: unknown): FakeResponse => ({ status: 200, body });
const NOT_ACCESSIBLE = { status: 403, body: basicError('Resource not accessible by integration', 403) };
const BRANCH_NOT_PROTECTED = { status: 404, body: basicError('Branch not protected', 404) };

const STRONG_RULES = [
  pullRequestRule(1, 2),
  statusChecksRule(1, ['test']),
  { type: 'non_fast_forward', rulesetId: 1 },
  { type: 'deletion', rulesetId: 1 },
  { type: 'required_signatures', rulesetId: 1 },
];

/** Everything visible and well configured (a fine-grained token of a repository admin and org owner). */
function adminRoutes(): RouteTable {
  return {
    [repo()]: ok(
      repository({
        admin: true,
        securityAndAnalysis: { secretScanning: 'enabled', pushProtection: 'enabled' },
      }),
    ),
    [repo('/rules/branches/main')]: ok(branchRules(STRONG_RULES)),
    [repo('/rulesets/1')]: ok(
      ruleset(1, 'main protection', {
        bypass: [{ actor_type: 'RepositoryRole', actor_id: 5, bypass_mode: 'pull_request' }],
      }),
    ),
    [repo('/branches/main/protection')]: BRANCH_NOT_PROTECTED,
    [repo('/commits')]: ok(commits(30, { newest: '2026-11-20T09:00:00Z', verified: () => true })),
    [repo(`/pulls/${PULL_NUMBER}/commits`)]: ok(
      commits(2, { newest: '2026-11-21T09:00:00Z', verified: () => true }),
    ),
    [repo('/releases')]: ok([
      release('v1.4.0', '2026-10-01T12:00:00Z'),
      release('v1.3.0', '2026-06-01T12:00:00Z'),
    ]),
    [repo('/private-vulnerability-reporting')]: ok({ enabled: true }),
    [repo('/dependabot/alerts')]: ok([]),
    [repo('/code-scanning/alerts')]: ok([]),
    [repo('/security-advisories')]: ok([
      advisory('GHSA-abcd-efgh-ijkl', 'CVE-2026-1234', '2026-03-01T00:00:00Z'),
    ]),
    [repo('/actions/permissions')]: ok({
      enabled: true,
      allowed_actions: 'selected',
      selected_actions_url: `https://api.github.com/repos/${FULL}/actions/permissions/selected-actions`,
      sha_pinning_required: true,
    }),
    [repo('/actions/permissions/selected-actions')]: ok({
      github_owned_allowed: true,
      verified_allowed: false,
      patterns_allowed: ['acme/*'],
    }),
    [repo('/actions/permissions/workflow')]: ok({
      default_workflow_permissions: 'read',
      can_approve_pull_request_reviews: false,
    }),
    [`GET /orgs/${OWNER}`]: ok(organization(true)),
  };
}

/** What the workflow's GITHUB_TOKEN sees: no Administration, no security events, not an org owner. */
function githubTokenRoutes(): RouteTable {
  return {
    ...adminRoutes(),
    [repo()]: ok(repository({ installationToken: true })),
    [repo('/rulesets/1')]: ok(ruleset(1, 'main protection')),
    [repo('/branches/main/protection')]: NOT_ACCESSIBLE,
    [repo('/branches/main')]: ok(branch(true, ['test'])),
    [repo('/dependabot/alerts')]: NOT_ACCESSIBLE,
    [repo('/vulnerability-alerts')]: NOT_ACCESSIBLE,
    [repo('/code-scanning/alerts')]: NOT_ACCESSIBLE,
    [repo('/actions/permissions')]: NOT_ACCESSIBLE,
    [repo('/actions/permissions/workflow')]: NOT_ACCESSIBLE,
    [repo('/actions/permissions/selected-actions')]: NOT_ACCESSIBLE,
    [`GET /orgs/${OWNER}`]: ok(organization()),
  };
}

const scenario = (name: string, description: string, routes: RouteTable): Scenario => ({
  name,
  description,
  routes,
});

export const SCENARIOS = {
  admin: () => scenario('admin', 'an admin token: every setting visible, all well configured', adminRoutes()),
  githubToken: () =>
    scenario(
      'github-token',
      "the workflow's GITHUB_TOKEN: admin-only endpoints answer 403",
      githubTokenRoutes(),
    ),
  rulesetsOnly: () =>
    scenario(
      'rulesets-only',
      'a ruleset requires one approval, blocks force pushes and deletion; nothing else',
      {
        ...adminRoutes(),
        [repo('/rules/branches/main')]: ok(
          branchRules([
            pullRequestRule(1, 1, { dismissStale: false, codeOwners: false }),
            { type: 'non_fast_forward', rulesetId: 1 },
            { type: 'deletion', rulesetId: 1 },
          ]),
        ),
      },
    ),
  classicOnly: () =>
    scenario(
      'classic-only',
      'no rulesets; classic protection with one approval and a required check; admins exempt',
      {
        ...adminRoutes(),
        [repo('/rules/branches/main')]: ok([]),
        [repo('/branches/main/protection')]: ok(
          classicProtection({ approvals: 1, contexts: ['build'], enforceAdmins: false }),
        ),
      },
    ),
  conflicting: () =>
    scenario('conflicting', 'a ruleset and classic protection that disagree', {
      ...adminRoutes(),
      [repo('/rules/branches/main')]: ok(
        branchRules([pullRequestRule(1, 1), { type: 'non_fast_forward', rulesetId: 1 }]),
      ),
      [repo('/branches/main/protection')]: ok(
        classicProtection({ approvals: 2, contexts: ['ci'], allowForcePushes: true, allowDeletions: true }),
      ),
    }),
  orgRuleset: () =>
    scenario('org-ruleset', 'the protection comes from an organization ruleset', {
      ...adminRoutes(),
      [repo('/rules/branches/main')]: ok(
        branchRules([
          pullRequestRule(7, 1, {}, 'Organization'),
          statusChecksRule(7, ['org/ci'], 'Organization'),
          { type: 'non_fast_forward', rulesetId: 7, source: 'Organization' },
          { type: 'deletion', rulesetId: 7, source: 'Organization' },
        ]),
      ),
      [repo('/rulesets/7')]: ok(ruleset(7, 'org baseline', { source: 'Organization' })),
    }),
  unprotectedGithubToken: () =>
    scenario('unprotected-github-token', 'GITHUB_TOKEN on a repository with no protection at all', {
      ...githubTokenRoutes(),
      [repo('/rules/branches/main')]: ok([]),
      [repo('/branches/main')]: ok(branch(false)),
    }),
  manyRulesets: () =>
    scenario('many-rulesets', 'GITHUB_TOKEN on a branch that three repository rulesets protect', {
      ...githubTokenRoutes(),
      [repo('/rules/branches/main')]: ok(
        branchRules([
          ...STRONG_RULES,
          { type: 'non_fast_forward', rulesetId: 2 },
          { type: 'deletion', rulesetId: 3 },
        ]),
      ),
      [repo('/rulesets/2')]: ok(ruleset(2, 'no force pushes')),
      [repo('/rulesets/3')]: ok(ruleset(3, 'no deletion')),
    }),
  manyRulesetsNoAlertsAccess: () =>
    scenario(
      'many-rulesets-no-alerts-access',
      "an admin's token without Dependabot alerts: read, on a branch that three rulesets protect",
      {
        ...adminRoutes(),
        [repo('/rules/branches/main')]: ok(
          branchRules([
            ...STRONG_RULES,
            { type: 'non_fast_forward', rulesetId: 2 },
            { type: 'deletion', rulesetId: 3 },
          ]),
        ),
        [repo('/rulesets/2')]: ok(ruleset(2, 'no force pushes')),
        [repo('/rulesets/3')]: ok(ruleset(3, 'no deletion')),
        [repo('/dependabot/alerts')]: {
          status: 403,
          body: basicError('Resource not accessible by personal access token', 403),
        },
        [repo('/vulnerability-alerts')]: { status: 204 },
      },
    ),
  mixedSignatures: () =>
    scenario(
      'mixed-signatures',
      'signatures not required; 3 of 10 recent commits unsigned; the pull request has one unsigned commit',
      {
        ...adminRoutes(),
        [repo('/rules/branches/main')]: ok(
          branchRules(STRONG_RULES.filter((r) => r.type !== 'required_signatures')),
        ),
        [repo('/commits')]: ok(commits(10, { newest: '2026-11-20T09:00:00Z', verified: (i) => i % 3 !== 1 })),
        [repo(`/pulls/${PULL_NUMBER}/commits`)]: ok([
          commit({ verified: true, date: '2026-11-21T08:00:00Z', message: 'Add parser' }),
          commit({
            verified: false,
            date: '2026-11-21T09:00:00Z',
            message: 'Fix typo',
            login: 'mallory',
            sha: 'badc0ffee0000000000000000000000000000001',
          }),
        ]),
      },
    ),
  archived: () =>
    scenario('archived', 'an archived repository, last commit two years ago', {
      ...adminRoutes(),
      [repo()]: ok(
        repository({
          admin: true,
          archived: true,
          securityAndAnalysis: { secretScanning: 'enabled', pushProtection: 'enabled' },
        }),
      ),
      [repo('/commits')]: ok(
        commits(5, { newest: '2024-10-01T09:00:00Z', stepDays: 30, verified: () => true }),
      ),
    }),
  noReleases: () =>
    scenario('no-releases', 'active, but no GitHub releases', {
      ...adminRoutes(),
      [repo('/releases')]: ok([]),
    }),
  rateLimited: () =>
    scenario('rate-limited', 'a 429 and a secondary-limit 403 with retry-after, then success', {
      ...adminRoutes(),
      [repo()]: [
        { status: 429, body: basicError('API rate limit exceeded', 429), headers: { 'retry-after': '1' } },
        ok(
          repository({
            admin: true,
            securityAndAnalysis: { secretScanning: 'enabled', pushProtection: 'enabled' },
          }),
        ),
      ],
      [repo('/releases')]: [
        {
          status: 403,
          body: basicError(
            'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
            403,
          ),
          headers: { 'retry-after': '2' },
        },
        ok([release('v1.4.0', '2026-10-01T12:00:00Z')]),
      ],
    }),
  rateLimitedTooLong: () =>
    scenario('rate-limited-too-long', 'a secondary limit asking to wait an hour', {
      ...adminRoutes(),
      [repo('/releases')]: {
        status: 403,
        body: basicError('You have exceeded a secondary rate limit.', 403),
        headers: { 'retry-after': '3600' },
      },
    }),
  serverErrors: () =>
    scenario('server-errors', 'two 5xx answers, then success', {
      ...adminRoutes(),
      [repo('/commits')]: [
        { status: 502, body: basicError('Server Error', 502) },
        { status: 503, body: basicError('Service Unavailable', 503) },
        ok(commits(30, { newest: '2026-11-20T09:00:00Z', verified: () => true })),
      ],
    }),
  unauthorized: () =>
    scenario('unauthorized', 'a revoked token', {
      [repo()]: { status: 401, body: basicError('Bad credentials', 401) },
    }),
  malformed: () =>
    scenario('malformed', 'the rules endpoint answers with broken JSON', {
      ...adminRoutes(),
      [repo('/rules/branches/main')]: {
        status: 200,
        raw: '[{"type": "pull_request", "ruleset_id": ',
        headers: { 'content-type': 'application/json' },
      },
    }),
  timeout: () =>
    scenario('timeout', 'the rules endpoint never answers', {
      ...adminRoutes(),
      [repo('/rules/branches/main')]: { status: 200, hang: true },
    }),
  alerts: () =>
    scenario('alerts', 'open critical and high alerts, one overdue; code scanning with one high alert', {
      ...adminRoutes(),
      [repo('/dependabot/alerts')]: ok([
        dependabotAlert(3, 'critical', '2026-11-10T00:00:00Z'),
        dependabotAlert(1, 'high', '2026-05-01T00:00:00Z'),
      ]),
      [repo('/code-scanning/alerts')]: ok([
        codeScanningAlert(4, 'high', '2026-11-01T00:00:00Z'),
        codeScanningAlert(5, 'medium', '2026-01-01T00:00:00Z'),
      ]),
    }),
  weakSettings: () =>
    scenario('weak-settings', 'everything visible and everything off', {
      ...adminRoutes(),
      [repo()]: ok(
        repository({
          ownerType: 'Organization',
          admin: true,
          securityAndAnalysis: { secretScanning: 'disabled', pushProtection: 'disabled' },
        }),
      ),
      [repo('/rules/branches/main')]: ok([]),
      [repo('/private-vulnerability-reporting')]: ok({ enabled: false }),
      [repo('/dependabot/alerts')]: {
        status: 403,
        body: basicError('Dependabot alerts are disabled for this repository.', 403),
      },
      [repo('/code-scanning/alerts')]: { status: 404, body: basicError('no analysis found', 404) },
      [repo('/security-advisories')]: ok([]),
      [repo('/actions/permissions')]: ok({
        enabled: true,
        allowed_actions: 'all',
        sha_pinning_required: false,
      }),
      [repo('/actions/permissions/workflow')]: ok({
        default_workflow_permissions: 'write',
        can_approve_pull_request_reviews: true,
      }),
      [`GET /orgs/${OWNER}`]: ok(organization(false)),
    }),
  userOwned: () =>
    scenario('user-owned', 'a repository owned by a user account', {
      ...adminRoutes(),
      [repo()]: ok(
        repository({
          ownerType: 'User',
          admin: true,
          securityAndAnalysis: { secretScanning: 'enabled', pushProtection: 'disabled' },
        }),
      ),
    }),
};

export type ScenarioName = keyof typeof SCENARIOS;
