/**
 * Evidence from the GitHub API: one typed object of facts about a repository, each either a value
 * or `unknown` with the reason and the permission or setting that would make it visible.
 *
 * Requests: the repository first (default branch, owner type), then every independent request at
 * once, then a few follow-ups that depend on those answers, within a budget of `MAX_REQUESTS`.
 * Responses are parsed with schemas: a shape we do not expect becomes unknown, never a crash.
 * Only a 401 (bad credentials) or a repository that cannot be found ends the scan (`UserError`).
 */
import type { PinVerificationResult } from './pins.js';
import { z } from 'zod';
import { UserError } from '../errors.js';
import type { Unknown } from '../model/types.js';
import {
  GitHubStatusError,
  GitHubUnavailableError,
  type GitHubClient,
  type UnavailableKind,
} from './client.js';
import { PERMISSIONS } from './permissions.js';

/** A default scan of one repository makes at most this many API requests. */
export const MAX_REQUESTS = 15;

import { isKnown, type Fact } from './fact.js';

export { isKnown, type Fact };

const known = <T>(value: T): Fact<T> => ({ value });
const unknown = (reason: string, howToObserve: string): { unknown: Unknown } => ({
  unknown: { reason, howToObserve },
});

export type Toggle = 'enabled' | 'disabled';

export interface RepositoryFacts {
  owner: string;
  name: string;
  fullName: string;
  ownerType: string;
  defaultBranch: string;
  archived: boolean;
  disabled: boolean;
  fork: boolean;
  private: boolean;
  visibility: string | undefined;
  pushedAt: string | null;
  htmlUrl: string;
  /** The token's role on the repository, when GitHub says (user tokens; not installation tokens). */
  admin: boolean | undefined;
}

export interface SecurityAndAnalysis {
  advancedSecurity?: Toggle;
  secretScanning?: Toggle;
  pushProtection?: Toggle;
  nonProviderPatterns?: Toggle;
  dependabotSecurityUpdates?: Toggle;
}

export interface BypassActor {
  actorType: string;
  actorId: number | null;
  bypassMode: string;
}

export interface RulesetFacts {
  id: number;
  sourceType: string;
  source: string;
  /** From the ruleset itself (a follow-up request); absent when it could not be read. */
  name?: string;
  enforcement?: string;
  bypassActors: Fact<BypassActor[]>;
  currentUserCanBypass?: string;
}

export interface PullRequestRule {
  requiredApprovingReviewCount: number;
  dismissStaleReviewsOnPush: boolean;
  requireCodeOwnerReview: boolean;
  requireLastPushApproval: boolean;
}

/** One active rule that applies to the branch, and the ruleset it comes from. */
export interface BranchRule {
  type: string;
  rulesetId: number;
  pullRequest?: PullRequestRule;
  statusChecks?: { contexts: string[]; strict: boolean };
}

export interface BranchRules {
  rules: BranchRule[];
  rulesets: RulesetFacts[];
}

export interface ClassicProtection {
  pullRequestReviews:
    (PullRequestRule & { bypassAllowances: { users: string[]; teams: string[]; apps: string[] } }) | null;
  requiredStatusChecks: { contexts: string[]; strict: boolean } | null;
  enforceAdmins: boolean;
  allowForcePushes: boolean;
  allowDeletions: boolean;
  requiredSignatures: boolean;
  restrictions: { users: string[]; teams: string[]; apps: string[] } | null;
}

/** What the branch endpoint shows without Administration: read. */
export interface BranchSummary {
  protected: boolean;
  requiredStatusChecks: string[];
}

export interface CommitFacts {
  sha: string;
  subject: string;
  author: string | null;
  date: string | null;
  verified: boolean;
  reason: string;
}

export interface ReleaseFacts {
  tagName: string;
  name: string | null;
  publishedAt: string | null;
  createdAt: string;
  draft: boolean;
  prerelease: boolean;
  /** Names of the files attached to the release (SBOMs, signatures, provenance…). */
  assets: string[];
}

export interface AlertFacts {
  number: number;
  severity: string;
  createdAt: string;
  summary: string;
  url: string;
  location?: string;
}

export interface CodeScanningFacts {
  /** False when GitHub has no code scanning analysis for the repository. */
  analysed: boolean;
  /** Open alerts of critical or high security severity. */
  alerts: AlertFacts[];
  /** The first page was full: there may be more open alerts. */
  truncated: boolean;
}

export interface AdvisoryFacts {
  ghsaId: string;
  cveId: string | null;
  summary: string;
  severity: string | null;
  publishedAt: string | null;
  url: string;
}

export interface ActionsPermissionsFacts {
  enabled: boolean;
  allowedActions?: string;
  shaPinningRequired?: boolean;
}

export interface WorkflowPermissionsFacts {
  defaultWorkflowPermissions: string;
  canApprovePullRequestReviews: boolean;
}

export interface SelectedActionsFacts {
  githubOwnedAllowed?: boolean;
  verifiedAllowed?: boolean;
  patternsAllowed: string[];
}

export interface OrganizationFacts {
  login: string;
  twoFactorRequirementEnabled: boolean;
}

export interface GitHubFacts {
  /** `owner/name` as requested. */
  repository: string;
  /** The branch evaluated (the given branch, else the default branch). */
  branch: string;
  pullNumber?: number;
  repo: Fact<RepositoryFacts>;
  securityAndAnalysis: Fact<SecurityAndAnalysis>;
  branchRules: Fact<BranchRules>;
  /** `null` value: the branch has no classic protection. */
  classicProtection: Fact<ClassicProtection | null>;
  /** Asked only when classic protection could not be read. */
  branchSummary?: Fact<BranchSummary>;
  commits: Fact<CommitFacts[]>;
  pullCommits?: Fact<CommitFacts[]>;
  releases: Fact<ReleaseFacts[]>;
  privateVulnerabilityReporting: Fact<boolean>;
  dependabotAlertsEnabled: Fact<boolean>;
  /** Open alerts of critical or high severity. */
  dependabotAlerts: Fact<AlertFacts[]>;
  codeScanning: Fact<CodeScanningFacts>;
  advisories: Fact<AdvisoryFacts[]>;
  actionsPermissions: Fact<ActionsPermissionsFacts>;
  workflowPermissions: Fact<WorkflowPermissionsFacts>;
  /** Asked only when allowed actions are `selected`. */
  selectedActions?: Fact<SelectedActionsFacts>;
  /** `null` value: the owner is a user, not an organization. */
  organization: Fact<OrganizationFacts | null>;
  /** HTTP requests made, retries included. */
  apiRequests: number;
  /** SHA pins of actions verified against their repositories (separate from the request budget). */
  actionPins?: PinVerificationResult;
}

export interface CollectOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  branch?: string;
  pullNumber?: number;
  /** Request budget; defaults to `MAX_REQUESTS`. */
  maxRequests?: number;
}

// --- response schemas: only the fields sscop reads --------------------------------------------

const toggle = z.object({ status: z.enum(['enabled', 'disabled']) }).optional();
const repoSchema = z.object({
  name: z.string(),
  full_name: z.string(),
  owner: z.object({ login: z.string(), type: z.string() }),
  default_branch: z.string(),
  archived: z.boolean(),
  disabled: z.boolean().optional(),
  fork: z.boolean(),
  private: z.boolean(),
  visibility: z.string().optional(),
  pushed_at: z.string().nullable(),
  html_url: z.string(),
  permissions: z.object({ admin: z.boolean() }).optional(),
  security_and_analysis: z
    .object({
      advanced_security: toggle,
      secret_scanning: toggle,
      secret_scanning_push_protection: toggle,
      secret_scanning_non_provider_patterns: toggle,
      dependabot_security_updates: toggle,
    })
    .nullable()
    .optional(),
});

const ruleSchema = z.object({
  type: z.string(),
  ruleset_id: z.number().int(),
  ruleset_source_type: z.string().optional(),
  ruleset_source: z.string().optional(),
  parameters: z.unknown().optional(),
});
const pullRequestParams = z.object({
  required_approving_review_count: z.number().int(),
  dismiss_stale_reviews_on_push: z.boolean(),
  require_code_owner_review: z.boolean(),
  require_last_push_approval: z.boolean(),
});
const statusCheckParams = z.object({
  required_status_checks: z.array(z.object({ context: z.string() })),
  strict_required_status_checks_policy: z.boolean(),
});
const rulesetSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  source_type: z.string().optional(),
  source: z.string(),
  enforcement: z.string(),
  bypass_actors: z
    .array(
      z.object({
        actor_type: z.string(),
        actor_id: z.number().nullable().optional(),
        bypass_mode: z.string().optional(),
      }),
    )
    .optional(),
  current_user_can_bypass: z.string().optional(),
});

const named = z.object({
  login: z.string().optional(),
  slug: z.string().optional(),
  name: z.string().optional(),
});
const enabledFlag = z.object({ enabled: z.boolean() }).optional();
const classicSchema = z.object({
  required_status_checks: z
    .object({
      contexts: z.array(z.string()),
      checks: z.array(z.object({ context: z.string() })).optional(),
      strict: z.boolean().optional(),
    })
    .optional(),
  enforce_admins: enabledFlag,
  required_pull_request_reviews: z
    .object({
      dismiss_stale_reviews: z.boolean(),
      require_code_owner_reviews: z.boolean(),
      required_approving_review_count: z.number().int().optional(),
      require_last_push_approval: z.boolean().optional(),
      bypass_pull_request_allowances: z
        .object({
          users: z.array(named).optional(),
          teams: z.array(named).optional(),
          apps: z.array(named).nullable().optional(),
        })
        .optional(),
    })
    .optional(),
  restrictions: z
    .object({ users: z.array(named), teams: z.array(named), apps: z.array(named.nullable()) })
    .optional(),
  allow_force_pushes: enabledFlag,
  allow_deletions: enabledFlag,
  required_signatures: enabledFlag,
});

const branchSchema = z.object({
  protected: z.boolean(),
  protection: z
    .object({ required_status_checks: z.object({ contexts: z.array(z.string()).optional() }).optional() })
    .optional(),
});

const commitSchema = z.object({
  sha: z.string(),
  commit: z.object({
    message: z.string(),
    author: z.object({ name: z.string().optional(), date: z.string().optional() }).nullable(),
    committer: z.object({ date: z.string().optional() }).nullable(),
    verification: z.object({ verified: z.boolean(), reason: z.string() }).optional(),
  }),
  author: z.object({ login: z.string().optional() }).nullable(),
});

const releaseSchema = z.object({
  tag_name: z.string(),
  name: z.string().nullable(),
  published_at: z.string().nullable(),
  created_at: z.string(),
  draft: z.boolean(),
  prerelease: z.boolean(),
  assets: z
    .array(z.object({ name: z.string() }))
    .optional()
    .default([]),
});

const dependabotAlertSchema = z.object({
  number: z.number().int(),
  created_at: z.string(),
  html_url: z.string(),
  security_advisory: z.object({ summary: z.string(), severity: z.string() }),
  dependency: z.object({
    package: z.object({ name: z.string(), ecosystem: z.string() }).optional(),
    manifest_path: z.string().optional(),
  }),
});

const codeScanningAlertSchema = z.object({
  number: z.number().int(),
  created_at: z.string(),
  html_url: z.string(),
  rule: z.object({
    id: z.string().nullable().optional(),
    description: z.string().optional(),
    security_severity_level: z.string().nullable().optional(),
  }),
  most_recent_instance: z
    .object({
      location: z.object({ path: z.string().optional(), start_line: z.number().optional() }).optional(),
    })
    .optional(),
});

const advisorySchema = z.object({
  ghsa_id: z.string(),
  cve_id: z.string().nullable(),
  summary: z.string(),
  severity: z.string().nullable(),
  published_at: z.string().nullable(),
  html_url: z.string(),
});

const actionsPermissionsSchema = z.object({
  enabled: z.boolean(),
  allowed_actions: z.string().optional(),
  sha_pinning_required: z.boolean().optional(),
});
const workflowPermissionsSchema = z.object({
  default_workflow_permissions: z.string(),
  can_approve_pull_request_reviews: z.boolean(),
});
const selectedActionsSchema = z.object({
  github_owned_allowed: z.boolean().optional(),
  verified_allowed: z.boolean().optional(),
  patterns_allowed: z.array(z.string()).optional(),
});
const orgSchema = z.object({
  login: z.string(),
  two_factor_requirement_enabled: z.boolean().nullable().optional(),
});

// --- calling GitHub -----------------------------------------------------------------------------

type Answer =
  | { ok: true; status: number; data: unknown }
  | { ok: false; status?: number; message: string; unavailable?: GitHubUnavailableError };

/** Runs one request; a 401 (UserError) propagates, anything else becomes an answer. */
async function ask(call: () => Promise<{ status: number; data: unknown }>): Promise<Answer> {
  try {
    const { status, data } = await call();
    return { ok: true, status, data };
  } catch (error) {
    if (error instanceof UserError) throw error;
    if (error instanceof GitHubStatusError)
      return { ok: false, status: error.status, message: error.message };
    if (error instanceof GitHubUnavailableError)
      return { ok: false, message: error.message, unavailable: error };
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

const RETRY_LATER = 're-run the scan; if it persists, check https://www.githubstatus.com';
/** What would make a fact visible that GitHub could not give (or sscop would not take). */
const AFTER: Record<UnavailableKind, string> = {
  timeout: RETRY_LATER,
  'server-error': RETRY_LATER,
  network: RETRY_LATER,
  'rate-limited': 're-run when the rate limit resets, or use a token with a higher limit',
  'time-budget':
    're-run when GitHub answers faster, or give the API more time (--api-timeout, or the api-timeout input)',
  refused:
    'check that GITHUB_API_URL is the GitHub API: sscop reads answers only from its host, and only up to a size cap',
  incomplete: 'the list is longer than sscop reads; review it on GitHub',
};

/** Why an answer did not give the fact, as an unknown with what would make it visible. */
function notVisible(
  answer: Extract<Answer, { ok: false }>,
  what: string,
  permission: string,
): { unknown: Unknown } {
  if (answer.unavailable) return unknown(`${what}: ${answer.message}`, AFTER[answer.unavailable.kind]);
  if (answer.status === 403 || answer.status === 404) {
    return unknown(
      `${what}: GitHub answered ${answer.status} (${answer.message})`,
      `needs a token with ${permission}`,
    );
  }
  return unknown(
    `${what}: GitHub answered ${answer.status ?? 'an error'} (${answer.message})`,
    `needs a token with ${permission}`,
  );
}

function parse<T>(schema: z.ZodType<T>, data: unknown, what: string): Fact<T> {
  const result = schema.safeParse(data);
  if (result.success) return known(result.data);
  const issue = result.error.issues[0];
  const at = issue?.path.length ? ` at ${issue.path.join('.')}` : '';
  return unknown(
    `${what}: GitHub's answer had an unexpected shape (${issue?.message ?? 'invalid'}${at})`,
    'report this to sscop with the GitHub version (GHES?) you scan; re-running may help if the answer was cut off',
  );
}

function mapFact<T, U>(fact: Fact<T>, f: (value: T) => U): Fact<U> {
  return isKnown(fact) ? known(f(fact.value)) : fact;
}

const firstLine = (s: string): string => (s.split('\n')[0] ?? '').slice(0, 120);
type Named = { login?: string; slug?: string; name?: string } | null;
const names = (list: readonly Named[] | undefined): string[] =>
  (list ?? []).flatMap((x) => (x ? [x.login ?? x.slug ?? x.name ?? '?'] : []));

function commitFacts(list: z.infer<typeof commitSchema>[]): CommitFacts[] {
  return list.map((c) => ({
    sha: c.sha,
    subject: firstLine(c.commit.message),
    author: c.author?.login ?? c.commit.author?.name ?? null,
    date: c.commit.committer?.date ?? c.commit.author?.date ?? null,
    verified: c.commit.verification?.verified ?? false,
    reason: c.commit.verification?.reason ?? 'unknown',
  }));
}

// --- collection ---------------------------------------------------------------------------------

export async function collectGitHubFacts(options: CollectOptions): Promise<GitHubFacts> {
  const { client, owner, repo } = options;
  const budget = options.maxRequests ?? MAX_REQUESTS;
  const rest = client.octokit.rest;
  const full = `${owner}/${repo}`;

  const repoAnswer = await ask(() => rest.repos.get({ owner, repo }));
  if (!repoAnswer.ok) {
    if (repoAnswer.status === 404) {
      throw new UserError(
        `GitHub repository ${full} was not found, or the token cannot see it (check --repo and the token's repository access)`,
      );
    }
    const why = notVisible(repoAnswer, `the repository ${full}`, PERMISSIONS.metadata);
    return allUnknown(full, options, why, client.requestCount);
  }
  const repoParsed = parse(repoSchema, repoAnswer.data, 'the repository');
  if (!isKnown(repoParsed)) return allUnknown(full, options, repoParsed, client.requestCount);
  const r = repoParsed.value;
  const repository: RepositoryFacts = {
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
  const branch = options.branch ?? repository.defaultBranch;
  const securityAndAnalysis: Fact<SecurityAndAnalysis> = r.security_and_analysis
    ? known({
        advancedSecurity: r.security_and_analysis.advanced_security?.status,
        secretScanning: r.security_and_analysis.secret_scanning?.status,
        pushProtection: r.security_and_analysis.secret_scanning_push_protection?.status,
        nonProviderPatterns: r.security_and_analysis.secret_scanning_non_provider_patterns?.status,
        dependabotSecurityUpdates: r.security_and_analysis.dependabot_security_updates?.status,
      })
    : unknown(
        'GitHub shows security and analysis settings only to repository admins and security managers',
        `needs a token with ${PERMISSIONS.administration}`,
      );

  // Independent requests, all at once.
  const isOrg = repository.ownerType === 'Organization';
  const [
    rulesA,
    classicA,
    commitsA,
    pullA,
    releasesA,
    pvrA,
    dependabotA,
    codeScanningA,
    advisoriesA,
    actionsA,
    workflowA,
    orgA,
  ] = await Promise.all([
    ask(() => rest.repos.getBranchRules({ owner, repo, branch, per_page: 100 })),
    ask(() => rest.repos.getBranchProtection({ owner, repo, branch })),
    ask(() => rest.repos.listCommits({ owner, repo, sha: branch, per_page: 100 })),
    options.pullNumber === undefined
      ? Promise.resolve(undefined)
      : ask(() => rest.pulls.listCommits({ owner, repo, pull_number: options.pullNumber!, per_page: 100 })),
    ask(() => rest.repos.listReleases({ owner, repo, per_page: 10 })),
    ask(() => rest.repos.checkPrivateVulnerabilityReporting({ owner, repo })),
    ask(() =>
      rest.dependabot.listAlertsForRepo({
        owner,
        repo,
        state: 'open',
        severity: 'critical,high',
        per_page: 100,
      }),
    ),
    ask(() => rest.codeScanning.listAlertsForRepo({ owner, repo, state: 'open', per_page: 100 })),
    ask(() =>
      rest.securityAdvisories.listRepositoryAdvisories({ owner, repo, state: 'published', per_page: 100 }),
    ),
    ask(() => rest.actions.getGithubActionsPermissionsRepository({ owner, repo })),
    ask(() => rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository({ owner, repo })),
    isOrg ? ask(() => rest.orgs.get({ org: owner })) : Promise.resolve(undefined),
  ]);

  // Branch rules (rulesets): need only metadata read.
  let branchRules: Fact<BranchRules>;
  if (rulesA.ok) {
    branchRules = mapFact(parse(z.array(ruleSchema), rulesA.data, 'the branch rules'), (rules) =>
      toBranchRules(rules),
    );
  } else {
    branchRules = notVisible(rulesA, `rulesets for ${branch}`, PERMISSIONS.metadata);
  }

  // Classic protection: Administration: read; 404 "Branch not protected" means none.
  let classicProtection: Fact<ClassicProtection | null>;
  if (classicA.ok) {
    classicProtection = mapFact(parse(classicSchema, classicA.data, 'classic branch protection'), toClassic);
  } else if (classicA.status === 404 && /not protected/i.test(classicA.message)) {
    classicProtection = known(null);
  } else {
    classicProtection = notVisible(
      classicA,
      `classic branch protection for ${branch}`,
      PERMISSIONS.administration,
    );
  }

  const commits: Fact<CommitFacts[]> = commitsA.ok
    ? mapFact(parse(z.array(commitSchema), commitsA.data, 'the commits'), commitFacts)
    : commitsA.status === 409
      ? known([]) // an empty repository
      : notVisible(commitsA, `commits on ${branch}`, PERMISSIONS.contents);
  const pullCommits: Fact<CommitFacts[]> | undefined =
    pullA === undefined
      ? undefined
      : pullA.ok
        ? mapFact(parse(z.array(commitSchema), pullA.data, 'the pull request commits'), commitFacts)
        : notVisible(pullA, `commits of pull request #${options.pullNumber}`, PERMISSIONS.pullRequests);

  const releases: Fact<ReleaseFacts[]> = releasesA.ok
    ? mapFact(parse(z.array(releaseSchema), releasesA.data, 'the releases'), (list) =>
        list.map((x) => ({
          tagName: x.tag_name,
          name: x.name,
          publishedAt: x.published_at,
          createdAt: x.created_at,
          draft: x.draft,
          prerelease: x.prerelease,
          assets: x.assets.map((a) => a.name),
        })),
      )
    : notVisible(releasesA, 'releases', PERMISSIONS.contents);

  const privateVulnerabilityReporting: Fact<boolean> = pvrA.ok
    ? mapFact(
        parse(z.object({ enabled: z.boolean() }), pvrA.data, 'private vulnerability reporting'),
        (x) => x.enabled,
      )
    : notVisible(pvrA, 'private vulnerability reporting', PERMISSIONS.pvr);

  // Dependabot alerts: a 200 says alerts are on; GitHub says so in words when they are off.
  let dependabotAlertsEnabled: Fact<boolean>;
  let dependabotAlerts: Fact<AlertFacts[]>;
  if (dependabotA.ok) {
    dependabotAlertsEnabled = known(true);
    dependabotAlerts = mapFact(
      parse(z.array(dependabotAlertSchema), dependabotA.data, 'Dependabot alerts'),
      (list) =>
        list.map((a) => ({
          number: a.number,
          severity: a.security_advisory.severity,
          createdAt: a.created_at,
          summary: a.security_advisory.summary,
          url: a.html_url,
          location: a.dependency.package
            ? `${a.dependency.package.ecosystem}:${a.dependency.package.name}`
            : a.dependency.manifest_path,
        })),
    );
  } else if (dependabotA.status === 403 && /disabled/i.test(dependabotA.message)) {
    dependabotAlertsEnabled = known(false);
    dependabotAlerts = unknown(
      'Dependabot alerts are disabled for this repository',
      'enable Dependabot alerts (Settings → Code security)',
    );
  } else {
    dependabotAlertsEnabled = notVisible(
      dependabotA,
      'whether Dependabot alerts are enabled',
      PERMISSIONS.dependabot,
    );
    dependabotAlerts = notVisible(dependabotA, 'open Dependabot alerts', PERMISSIONS.dependabot);
  }

  let codeScanning: Fact<CodeScanningFacts>;
  if (codeScanningA.ok) {
    codeScanning = mapFact(
      parse(z.array(codeScanningAlertSchema), codeScanningA.data, 'code scanning alerts'),
      (list) => ({
        analysed: true,
        truncated: list.length >= 100,
        alerts: list
          .filter(
            (a) => a.rule.security_severity_level === 'critical' || a.rule.security_severity_level === 'high',
          )
          .map((a) => ({
            number: a.number,
            severity: a.rule.security_severity_level ?? 'unknown',
            createdAt: a.created_at,
            summary: a.rule.description ?? a.rule.id ?? 'code scanning alert',
            url: a.html_url,
            location: a.most_recent_instance?.location?.path,
          })),
      }),
    );
  } else if (codeScanningA.status === 404 && /no analysis/i.test(codeScanningA.message)) {
    codeScanning = known({ analysed: false, alerts: [], truncated: false });
  } else if (
    codeScanningA.status === 403 &&
    /advanced security must be enabled|code scanning is not enabled/i.test(codeScanningA.message)
  ) {
    codeScanning = known({ analysed: false, alerts: [], truncated: false });
  } else {
    codeScanning = notVisible(codeScanningA, 'code scanning alerts', PERMISSIONS.codeScanning);
  }

  const advisories: Fact<AdvisoryFacts[]> = advisoriesA.ok
    ? mapFact(parse(z.array(advisorySchema), advisoriesA.data, 'security advisories'), (list) =>
        list.map((a) => ({
          ghsaId: a.ghsa_id,
          cveId: a.cve_id,
          summary: a.summary,
          severity: a.severity,
          publishedAt: a.published_at,
          url: a.html_url,
        })),
      )
    : notVisible(advisoriesA, 'published security advisories', PERMISSIONS.advisories);

  const actionsPermissions: Fact<ActionsPermissionsFacts> = actionsA.ok
    ? mapFact(parse(actionsPermissionsSchema, actionsA.data, 'Actions permissions'), (x) => ({
        enabled: x.enabled,
        allowedActions: x.allowed_actions,
        shaPinningRequired: x.sha_pinning_required,
      }))
    : notVisible(actionsA, 'Actions permissions', PERMISSIONS.administration);
  const workflowPermissions: Fact<WorkflowPermissionsFacts> = workflowA.ok
    ? mapFact(parse(workflowPermissionsSchema, workflowA.data, 'default workflow permissions'), (x) => ({
        defaultWorkflowPermissions: x.default_workflow_permissions,
        canApprovePullRequestReviews: x.can_approve_pull_request_reviews,
      }))
    : notVisible(workflowA, 'default workflow permissions', PERMISSIONS.administration);

  let organization: Fact<OrganizationFacts | null> = known(null);
  if (orgA !== undefined) {
    if (!orgA.ok) organization = notVisible(orgA, `organization ${owner}`, PERMISSIONS.orgAdmin);
    else {
      const parsed = parse(orgSchema, orgA.data, `organization ${owner}`);
      if (!isKnown(parsed)) organization = parsed;
      else if (typeof parsed.value.two_factor_requirement_enabled !== 'boolean') {
        organization = unknown(
          `GitHub shows whether ${owner} requires two-factor authentication only to organization owners`,
          `needs a token of an owner of ${owner} with ${PERMISSIONS.orgAdmin}`,
        );
      } else {
        organization = known({
          login: parsed.value.login,
          twoFactorRequirementEnabled: parsed.value.two_factor_requirement_enabled,
        });
      }
    }
  }

  // Follow-ups that depend on the answers above, in order of value, within the budget.
  const followUps: { run: () => Promise<void>; skip: (why: { unknown: Unknown }) => void }[] = [];
  let branchSummary: Fact<BranchSummary> | undefined;
  if (!isKnown(classicProtection)) {
    followUps.push({
      run: async () => {
        const a = await ask(() => rest.repos.getBranch({ owner, repo, branch }));
        branchSummary = a.ok
          ? mapFact(parse(branchSchema, a.data, `branch ${branch}`), (b) => ({
              protected: b.protected,
              requiredStatusChecks: b.protection?.required_status_checks?.contexts ?? [],
            }))
          : notVisible(a, `branch ${branch}`, PERMISSIONS.contents);
      },
      skip: (why) => (branchSummary = why),
    });
  }
  if (isKnown(branchRules)) {
    for (const ruleset of branchRules.value.rulesets) {
      followUps.push({
        run: async () => {
          const a = await ask(() =>
            rest.repos.getRepoRuleset({ owner, repo, ruleset_id: ruleset.id, includes_parents: true }),
          );
          if (!a.ok) {
            ruleset.bypassActors = notVisible(a, `ruleset ${ruleset.id}`, PERMISSIONS.metadata);
            return;
          }
          const parsed = parse(rulesetSchema, a.data, `ruleset ${ruleset.id}`);
          if (!isKnown(parsed)) {
            ruleset.bypassActors = parsed;
            return;
          }
          ruleset.name = parsed.value.name;
          ruleset.enforcement = parsed.value.enforcement;
          ruleset.currentUserCanBypass = parsed.value.current_user_can_bypass;
          ruleset.bypassActors = parsed.value.bypass_actors
            ? known(
                parsed.value.bypass_actors.map((b) => ({
                  actorType: b.actor_type,
                  actorId: b.actor_id ?? null,
                  bypassMode: b.bypass_mode ?? 'always',
                })),
              )
            : unknown(
                `GitHub shows who can bypass ruleset "${parsed.value.name}" only to those who can edit it`,
                ruleset.sourceType === 'Organization'
                  ? `needs a token of an owner of ${ruleset.source} (${PERMISSIONS.orgAdmin})`
                  : `needs a token with ${PERMISSIONS.administrationWrite}`,
              );
        },
        skip: (why) => (ruleset.bypassActors = why),
      });
    }
  }
  if (!isKnown(dependabotAlertsEnabled)) {
    followUps.push({
      run: async () => {
        const a = await ask(() => rest.repos.checkVulnerabilityAlerts({ owner, repo }));
        if (a.ok) dependabotAlertsEnabled = known(true);
        else if (a.status === 404 && repository.admin === true) dependabotAlertsEnabled = known(false);
        else if (a.status === 404) {
          dependabotAlertsEnabled = unknown(
            'GitHub answered 404: Dependabot alerts are disabled, or the token may not read this setting',
            `needs a token with ${PERMISSIONS.administration}, or one with ${PERMISSIONS.dependabot}`,
          );
        } else
          dependabotAlertsEnabled = notVisible(
            a,
            'whether Dependabot alerts are enabled',
            PERMISSIONS.administration,
          );
      },
      skip: (why) => (dependabotAlertsEnabled = why),
    });
  }
  let selectedActions: Fact<SelectedActionsFacts> | undefined;
  if (isKnown(actionsPermissions) && actionsPermissions.value.allowedActions === 'selected') {
    followUps.push({
      run: async () => {
        const a = await ask(() => rest.actions.getAllowedActionsRepository({ owner, repo }));
        selectedActions = a.ok
          ? mapFact(parse(selectedActionsSchema, a.data, 'allowed actions'), (x) => ({
              githubOwnedAllowed: x.github_owned_allowed,
              verifiedAllowed: x.verified_allowed,
              patternsAllowed: x.patterns_allowed ?? [],
            }))
          : notVisible(a, 'allowed actions', PERMISSIONS.administration);
      },
      skip: (why) => (selectedActions = why),
    });
  }
  const room = Math.max(0, budget - client.requestCount);
  const overBudget = unknown(
    `not asked: the scan's budget of ${budget} API requests was spent`,
    'scan a specific branch with fewer rulesets, or raise the budget',
  );
  followUps.slice(room).forEach((f) => f.skip(overBudget));
  await Promise.all(followUps.slice(0, room).map((f) => f.run()));

  return {
    repository: full,
    branch,
    ...(options.pullNumber !== undefined ? { pullNumber: options.pullNumber } : {}),
    repo: known(repository),
    securityAndAnalysis,
    branchRules,
    classicProtection,
    ...(branchSummary ? { branchSummary } : {}),
    commits,
    ...(pullCommits ? { pullCommits } : {}),
    releases,
    privateVulnerabilityReporting,
    dependabotAlertsEnabled,
    dependabotAlerts,
    codeScanning,
    advisories,
    actionsPermissions,
    workflowPermissions,
    ...(selectedActions ? { selectedActions } : {}),
    organization,
    apiRequests: client.requestCount,
  };
}

function toBranchRules(rules: z.infer<typeof ruleSchema>[]): BranchRules {
  const rulesets = new Map<number, RulesetFacts>();
  const out: BranchRule[] = [];
  for (const rule of rules) {
    if (!rulesets.has(rule.ruleset_id)) {
      rulesets.set(rule.ruleset_id, {
        id: rule.ruleset_id,
        sourceType: rule.ruleset_source_type ?? 'Repository',
        source: rule.ruleset_source ?? '',
        bypassActors: unknown('the ruleset itself was not read', 'needs a token with Metadata: read'),
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
        : {
            requiredApprovingReviewCount: 0,
            dismissStaleReviewsOnPush: false,
            requireCodeOwnerReview: false,
            requireLastPushApproval: false,
          };
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

function toClassic(p: z.infer<typeof classicSchema>): ClassicProtection {
  const reviews = p.required_pull_request_reviews;
  const statusChecks = p.required_status_checks;
  return {
    pullRequestReviews: reviews
      ? {
          requiredApprovingReviewCount: reviews.required_approving_review_count ?? 0,
          dismissStaleReviewsOnPush: reviews.dismiss_stale_reviews,
          requireCodeOwnerReview: reviews.require_code_owner_reviews,
          requireLastPushApproval: reviews.require_last_push_approval ?? false,
          bypassAllowances: {
            users: names(reviews.bypass_pull_request_allowances?.users),
            teams: names(reviews.bypass_pull_request_allowances?.teams),
            apps: names(reviews.bypass_pull_request_allowances?.apps ?? []),
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

/** Every fact unknown for one reason (the repository itself could not be read). */
function allUnknown(
  full: string,
  options: CollectOptions,
  why: { unknown: Unknown },
  apiRequests: number,
): GitHubFacts {
  return {
    repository: full,
    branch: options.branch ?? '(default branch)',
    ...(options.pullNumber !== undefined ? { pullNumber: options.pullNumber, pullCommits: why } : {}),
    repo: why,
    securityAndAnalysis: why,
    branchRules: why,
    classicProtection: why,
    commits: why,
    releases: why,
    privateVulnerabilityReporting: why,
    dependabotAlertsEnabled: why,
    dependabotAlerts: why,
    codeScanning: why,
    advisories: why,
    actionsPermissions: why,
    workflowPermissions: why,
    organization: why,
    apiRequests,
  };
}
