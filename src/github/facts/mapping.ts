/** What sscop takes from each parsed GitHub answer: the parsed shapes turned into the facts checks read. */
import { known, unobserved, type Fact } from '../fact.js';
import { PERMISSIONS } from '../permissions.js';
import type * as z from 'zod';
import type {
  advisoryListSchema,
  ClassicAnswer,
  codeScanningAlertListSchema,
  CommitAnswer,
  dependabotAlertListSchema,
  orgSchema,
  releaseListSchema,
  RepoAnswer,
  RuleAnswer,
  rulesetSchema,
} from './schemas.js';
import { pullRequestParams, statusCheckParams } from './schemas.js';
import type {
  AdvisoryFacts,
  AlertFacts,
  BranchRule,
  BranchRules,
  ClassicProtection,
  CodeScanningFacts,
  CommitFacts,
  OrganizationFacts,
  ReleaseFacts,
  RepositoryFacts,
  RulesetDetails,
  RulesetFacts,
  SecurityAndAnalysis,
} from './types.js';

export function toRepository(r: RepoAnswer): RepositoryFacts {
  return {
    owner: r.owner.login,
    name: r.name,
    fullName: r.full_name,
    ownerType: r.owner.type,
    defaultBranch: r.default_branch,
    archived: r.archived,
    disabled: r.disabled ?? false,
    fork: r.fork,
    private: r.private,
    visibility: r.visibility,
    pushedAt: r.pushed_at,
    htmlUrl: r.html_url,
    admin: r.permissions?.admin,
  };
}

export function toSecurityAndAnalysis(r: RepoAnswer): Fact<SecurityAndAnalysis> {
  const s = r.security_and_analysis;
  if (!s) {
    return unobserved(
      'GitHub shows security and analysis settings only to repository admins and security managers',
      `needs a token with ${PERMISSIONS.administration}`,
    );
  }
  return known({
    advancedSecurity: s.advanced_security?.status,
    secretScanning: s.secret_scanning?.status,
    pushProtection: s.secret_scanning_push_protection?.status,
    nonProviderPatterns: s.secret_scanning_non_provider_patterns?.status,
    dependabotSecurityUpdates: s.dependabot_security_updates?.status,
  });
}

const NO_REVIEW_PARAMETERS = {
  requiredApprovingReviewCount: 0,
  dismissStaleReviewsOnPush: false,
  requireCodeOwnerReview: false,
  requireLastPushApproval: false,
};

export function toBranchRules(rules: RuleAnswer[]): BranchRules {
  const rulesets = new Map<number, RulesetFacts>();
  const out: BranchRule[] = [];
  for (const rule of rules) {
    if (!rulesets.has(rule.ruleset_id)) {
      rulesets.set(rule.ruleset_id, {
        id: rule.ruleset_id,
        sourceType: rule.ruleset_source_type ?? 'Repository',
        source: rule.ruleset_source ?? '',
        bypassActors: unobserved('the ruleset itself was not read', 'needs a token with Metadata: read'),
      });
    }
    const entry: BranchRule = { type: rule.type, rulesetId: rule.ruleset_id };
    if (rule.type === 'pull_request') {
      const p = pullRequestParams.safeParse(rule.parameters);
      // A pull_request rule whose parameters we cannot read still requires pull requests.
      entry.pullRequest = p.success
        ? {
            requiredApprovingReviewCount: p.data.required_approving_review_count,
            dismissStaleReviewsOnPush: p.data.dismiss_stale_reviews_on_push,
            requireCodeOwnerReview: p.data.require_code_owner_review,
            requireLastPushApproval: p.data.require_last_push_approval,
          }
        : { ...NO_REVIEW_PARAMETERS };
    }
    if (rule.type === 'required_status_checks') {
      const p = statusCheckParams.safeParse(rule.parameters);
      entry.statusChecks = p.success
        ? {
            contexts: p.data.required_status_checks.map((c) => c.context),
            strict: p.data.strict_required_status_checks_policy,
          }
        : { contexts: [], strict: false };
    }
    out.push(entry);
  }
  return { rules: out, rulesets: [...rulesets.values()].sort((a, b) => a.id - b.id) };
}

/** A ruleset's own answer; who may bypass it GitHub shows only to those who can edit it. */
export function toRulesetDetails(r: z.infer<typeof rulesetSchema>, ruleset: RulesetFacts): RulesetDetails {
  return {
    name: r.name,
    enforcement: r.enforcement,
    currentUserCanBypass: r.current_user_can_bypass,
    bypassActors: r.bypass_actors
      ? known(
          r.bypass_actors.map((b) => ({
            actorType: b.actor_type,
            actorId: b.actor_id ?? null,
            bypassMode: b.bypass_mode ?? 'always',
          })),
        )
      : unobserved(
          `GitHub shows who can bypass ruleset "${r.name}" only to those who can edit it`,
          ruleset.sourceType === 'Organization'
            ? `needs a token of an owner of ${ruleset.source} (${PERMISSIONS.orgAdmin})`
            : `needs a token with ${PERMISSIONS.administrationWrite}`,
        ),
  };
}

type Named = { login?: string; slug?: string; name?: string } | null;
const names = (list: readonly Named[] | undefined): string[] =>
  (list ?? []).flatMap((x) => (x ? [x.login ?? x.slug ?? x.name ?? '?'] : []));

export function toClassic(p: ClassicAnswer): ClassicProtection {
  const reviews = p.required_pull_request_reviews;
  const statusChecks = p.required_status_checks;
  const allowances = reviews?.bypass_pull_request_allowances;
  return {
    pullRequestReviews: reviews
      ? {
          requiredApprovingReviewCount: reviews.required_approving_review_count ?? 0,
          dismissStaleReviewsOnPush: reviews.dismiss_stale_reviews,
          requireCodeOwnerReview: reviews.require_code_owner_reviews,
          requireLastPushApproval: reviews.require_last_push_approval ?? false,
          bypassAllowances: {
            users: names(allowances?.users),
            teams: names(allowances?.teams),
            apps: names(allowances?.apps ?? []),
          },
        }
      : null,
    requiredStatusChecks: statusChecks
      ? {
          contexts: [
            ...new Set([...statusChecks.contexts, ...(statusChecks.checks ?? []).map((c) => c.context)]),
          ],
          strict: statusChecks.strict ?? false,
        }
      : null,
    enforceAdmins: p.enforce_admins?.enabled ?? false,
    allowForcePushes: p.allow_force_pushes?.enabled ?? false,
    allowDeletions: p.allow_deletions?.enabled ?? false,
    requiredSignatures: p.required_signatures?.enabled ?? false,
    restrictions: p.restrictions
      ? {
          users: names(p.restrictions.users),
          teams: names(p.restrictions.teams),
          apps: names(p.restrictions.apps),
        }
      : null,
  };
}

const firstLine = (s: string): string => (s.split('\n')[0] ?? '').slice(0, 120);

export function toCommits(list: CommitAnswer[]): CommitFacts[] {
  return list.map((c) => ({
    sha: c.sha,
    subject: firstLine(c.commit.message),
    author: c.author?.login ?? c.commit.author?.name ?? null,
    date: c.commit.committer?.date ?? c.commit.author?.date ?? null,
    verified: c.commit.verification?.verified ?? false,
    reason: c.commit.verification?.reason ?? 'unknown',
  }));
}

export function toReleases(list: z.infer<typeof releaseListSchema>): ReleaseFacts[] {
  return list.map((x) => ({
    tagName: x.tag_name,
    name: x.name,
    publishedAt: x.published_at,
    createdAt: x.created_at,
    draft: x.draft,
    prerelease: x.prerelease,
    assets: x.assets.map((a) => a.name),
  }));
}

export function toDependabotAlerts(list: z.infer<typeof dependabotAlertListSchema>): AlertFacts[] {
  return list.map((a) => ({
    number: a.number,
    severity: a.security_advisory.severity,
    createdAt: a.created_at,
    summary: a.security_advisory.summary,
    url: a.html_url,
    location: a.dependency.package
      ? `${a.dependency.package.ecosystem}:${a.dependency.package.name}`
      : a.dependency.manifest_path,
  }));
}

const SERIOUS = new Set(['critical', 'high']);

export function toCodeScanning(list: z.infer<typeof codeScanningAlertListSchema>): CodeScanningFacts {
  return {
    analysed: true,
    truncated: list.length >= 100,
    alerts: list
      .filter((a) => SERIOUS.has(a.rule.security_severity_level ?? ''))
      .map((a) => ({
        number: a.number,
        severity: a.rule.security_severity_level ?? 'unknown',
        createdAt: a.created_at,
        summary: a.rule.description ?? a.rule.id ?? 'code scanning alert',
        url: a.html_url,
        location: a.most_recent_instance?.location?.path,
      })),
  };
}

export function toAdvisories(list: z.infer<typeof advisoryListSchema>): AdvisoryFacts[] {
  return list.map((a) => ({
    ghsaId: a.ghsa_id,
    cveId: a.cve_id,
    summary: a.summary,
    severity: a.severity,
    publishedAt: a.published_at,
    url: a.html_url,
  }));
}

/** GitHub shows the two-factor requirement only to organization owners (null otherwise). */
export function toOrganization(o: z.infer<typeof orgSchema>, owner: string): Fact<OrganizationFacts | null> {
  if (typeof o.two_factor_requirement_enabled !== 'boolean') {
    return unobserved(
      `GitHub shows whether ${owner} requires two-factor authentication only to organization owners`,
      `needs a token of an owner of ${owner} with ${PERMISSIONS.orgAdmin}`,
    );
  }
  return known({ login: o.login, twoFactorRequirementEnabled: o.two_factor_requirement_enabled });
}
