/**
 * GitHub facts built in memory, for testing API checks as the pure functions they are. The
 * baseline is a well-configured repository seen with an admin token; tests override one fact.
 */
import { checkContext, runCheck, type ApiCheck } from '../../../src/checks/check.js';
import type { BranchRule, Fact, GitHubFacts, RulesetFacts } from '../../../src/github/facts.js';
import type { CheckOutcome } from '../../../src/model/types.js';
import { filesFromRecord } from '../../../src/repo/files.js';

export const TODAY = new Date('2026-11-22T00:00:00Z');

export const hidden = (
  howToObserve = 'needs a token with Administration: read',
): { unknown: { reason: string; howToObserve: string } } => ({
  unknown: { reason: 'GitHub answered 403 (Resource not accessible by integration)', howToObserve },
});

export function rulesetFacts(id: number, name: string, sourceType = 'Repository'): RulesetFacts {
  return {
    id,
    name,
    sourceType,
    source: sourceType === 'Organization' ? 'acme' : 'acme/widgets',
    enforcement: 'active',
    bypassActors: { value: [] },
  };
}

export const pr = (rulesetId: number, approvals = 1, dismissStale = true, codeOwners = true): BranchRule => ({
  type: 'pull_request',
  rulesetId,
  pullRequest: {
    requiredApprovingReviewCount: approvals,
    dismissStaleReviewsOnPush: dismissStale,
    requireCodeOwnerReview: codeOwners,
    requireLastPushApproval: false,
  },
});
export const checks = (rulesetId: number, contexts: string[]): BranchRule => ({
  type: 'required_status_checks',
  rulesetId,
  statusChecks: { contexts, strict: true },
});
export const rule = (type: string, rulesetId: number): BranchRule => ({ type, rulesetId });

export function commitFacts(
  n: number,
  verified: (i: number) => boolean,
  newest = '2026-11-20T09:00:00Z',
): Fact<GitHubFacts['commits'] extends Fact<infer T> ? T : never> {
  const start = Date.parse(newest);
  return {
    value: Array.from({ length: n }, (_, i) => ({
      sha: `${i}`.padStart(40, 'c'),
      subject: `change ${i}`,
      author: 'dev',
      date: new Date(start - i * 86_400_000).toISOString(),
      verified: verified(i),
      reason: verified(i) ? 'valid' : 'unsigned',
    })),
  };
}

export function githubFacts(overrides: Partial<GitHubFacts> = {}): GitHubFacts {
  return {
    repository: 'acme/widgets',
    branch: 'main',
    repo: {
      value: {
        owner: 'acme',
        name: 'widgets',
        fullName: 'acme/widgets',
        ownerType: 'Organization',
        defaultBranch: 'main',
        archived: false,
        disabled: false,
        fork: false,
        private: false,
        visibility: 'public',
        pushedAt: '2026-11-20T10:00:00Z',
        htmlUrl: 'https://github.com/acme/widgets',
        admin: true,
      },
    },
    securityAndAnalysis: { value: { secretScanning: 'enabled', pushProtection: 'enabled' } },
    branchRules: {
      value: {
        rules: [
          pr(1, 2),
          checks(1, ['test']),
          rule('non_fast_forward', 1),
          rule('deletion', 1),
          rule('required_signatures', 1),
        ],
        rulesets: [rulesetFacts(1, 'main')],
      },
    },
    classicProtection: { value: null },
    commits: commitFacts(30, () => true),
    releases: {
      value: [
        {
          tagName: 'v1.4.0',
          name: 'v1.4.0',
          publishedAt: '2026-10-01T12:00:00Z',
          createdAt: '2026-10-01T12:00:00Z',
          draft: false,
          prerelease: false,
          assets: [],
        },
      ],
    },
    privateVulnerabilityReporting: { value: true },
    dependabotAlertsEnabled: { value: true },
    dependabotAlerts: { value: [] },
    codeScanning: { value: { analysed: true, alerts: [], truncated: false } },
    advisories: {
      value: [
        {
          ghsaId: 'GHSA-aaaa-bbbb-cccc',
          cveId: 'CVE-2026-1',
          summary: 'XSS',
          severity: 'high',
          publishedAt: '2026-03-01T00:00:00Z',
          url: 'https://github.com/acme/widgets/security/advisories/GHSA-aaaa-bbbb-cccc',
        },
      ],
    },
    actionsPermissions: { value: { enabled: true, allowedActions: 'selected', shaPinningRequired: true } },
    workflowPermissions: {
      value: { defaultWorkflowPermissions: 'read', canApprovePullRequestReviews: false },
    },
    organization: { value: { login: 'acme', twoFactorRequirementEnabled: true } },
    apiRequests: 14,
    ...overrides,
  };
}

/** Runs an API check on facts as the engine does (offline when `github` is undefined). */
export function runApiCheck(check: ApiCheck, github: GitHubFacts | undefined): CheckOutcome {
  return runCheck(check, { ...checkContext(filesFromRecord({}), TODAY), ...(github ? { github } : {}) });
}
