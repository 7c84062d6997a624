import { describe, expect, it } from '@jest/globals';
import { branchProtection } from '../../src/checks/branch-protection.js';
import type { ClassicProtection } from '../../src/github/facts.js';
import {
  checks,
  githubFacts,
  hidden,
  pr,
  rule,
  rulesetFacts,
  runApiCheck,
} from '../support/fake-github/facts.js';

const classic = (over: Partial<ClassicProtection> = {}): ClassicProtection => ({
  pullRequestReviews: {
    requiredApprovingReviewCount: 1,
    dismissStaleReviewsOnPush: true,
    requireCodeOwnerReview: false,
    requireLastPushApproval: false,
    bypassAllowances: { users: [], teams: [], apps: [] },
  },
  requiredStatusChecks: { contexts: ['build'], strict: true },
  enforceAdmins: true,
  allowForcePushes: false,
  allowDeletions: false,
  requiredSignatures: false,
  restrictions: null,
  ...over,
});

describe('branch-protection', () => {
  it('is unknown offline, saying how to observe it', () => {
    const out = runApiCheck(branchProtection, undefined);
    expect(out.status).toBe('unknown');
    expect(out.unknown).toEqual({
      reason: 'offline scan',
      howToObserve: expect.stringMatching(/--repo OWNER\/NAME and a token/),
    });
  });

  it('passes a ruleset with reviews, checks and no force pushes, citing the ruleset for each', () => {
    const out = runApiCheck(branchProtection, githubFacts());
    expect(out.status).toBe('pass');
    expect(out.evidence).toContainEqual({ summary: 'force pushes blocked', source: 'ruleset "main" (id 1)' });
    expect(out.claims).toEqual({
      '1.1.4': expect.objectContaining({ status: 'pass' }),
      '2.2.2': expect.objectContaining({ status: 'pass' }),
      '1.3.2': expect.objectContaining({ status: 'pass' }),
    });
  });

  it('notes two-person review when two approvals are required', () => {
    const out = runApiCheck(branchProtection, githubFacts());
    expect(out.evidence.map((e) => e.summary)).toContain(
      'at least one approving review: 2 approving reviews required (two-person review)',
    );
  });

  it('fails a branch with no rules and no classic protection', () => {
    const out = runApiCheck(
      branchProtection,
      githubFacts({ branchRules: { value: { rules: [], rulesets: [] } } }),
    );
    expect(out.status).toBe('fail');
    expect(out.findings.filter((f) => f.severity === 'high')).toHaveLength(3);
  });

  it('is unknown, not failed, when rulesets are absent and classic protection cannot be read', () => {
    const out = runApiCheck(
      branchProtection,
      githubFacts({ branchRules: { value: { rules: [], rulesets: [] } }, classicProtection: hidden() }),
    );
    expect(out.status).toBe('unknown');
    expect(out.unknown?.howToObserve).toMatch(/Administration: read/);
    expect(out.findings).toEqual([]);
  });

  it('fails when classic protection is unreadable but the branch says it is not protected', () => {
    const out = runApiCheck(
      branchProtection,
      githubFacts({
        branchRules: { value: { rules: [], rulesets: [] } },
        classicProtection: hidden(),
        branchSummary: { value: { protected: false, requiredStatusChecks: [] } },
      }),
    );
    expect(out.status).toBe('fail');
  });

  it('takes the strictest of a ruleset and classic protection and reports their conflict', () => {
    const out = runApiCheck(
      branchProtection,
      githubFacts({
        branchRules: {
          value: {
            rules: [pr(1, 1), checks(1, ['test']), rule('non_fast_forward', 1), rule('deletion', 1)],
            rulesets: [rulesetFacts(1, 'main')],
          },
        },
        classicProtection: {
          value: classic({
            pullRequestReviews: { ...classic().pullRequestReviews!, requiredApprovingReviewCount: 3 },
            allowForcePushes: true,
          }),
        },
      }),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence).toContainEqual({
      summary: expect.stringContaining('3 approving reviews'),
      source: 'classic branch protection',
    });
    expect(out.evidence.map((e) => e.summary).join('\n')).toMatch(
      /classic protection allows force pushes, but a ruleset blocks them/,
    );
  });

  it('reports stale approvals and missing status checks as partial', () => {
    const out = runApiCheck(
      branchProtection,
      githubFacts({
        branchRules: {
          value: {
            rules: [pr(1, 1, false), rule('non_fast_forward', 1), rule('deletion', 1)],
            rulesets: [rulesetFacts(1, 'main')],
          },
        },
      }),
    );
    expect(out.status).toBe('partial');
    expect(out.claims?.['1.3.2']?.status).toBe('fail');
    expect(out.claims?.['2.2.2']?.status).toBe('partial');
  });

  it('flags bypass actors that can skip the rules at any time', () => {
    const ruleset = {
      ...rulesetFacts(1, 'main'),
      bypassActors: { value: [{ actorType: 'OrganizationAdmin', actorId: null, bypassMode: 'always' }] },
    };
    const facts = githubFacts();
    if ('value' in facts.branchRules) facts.branchRules.value.rulesets = [ruleset];
    const out = runApiCheck(branchProtection, facts);
    expect(out.findings).toContainEqual(
      expect.objectContaining({
        severity: 'low',
        message: expect.stringMatching(/OrganizationAdmin can bypass it at any time/),
      }),
    );
  });

  it('names an organization ruleset as such', () => {
    const facts = githubFacts();
    if ('value' in facts.branchRules)
      facts.branchRules.value.rulesets = [rulesetFacts(1, 'baseline', 'Organization')];
    const out = runApiCheck(branchProtection, facts);
    expect(out.evidence[0]?.source).toBe('organization ruleset "baseline" (id 1, acme)');
  });
});
