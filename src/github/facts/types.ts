/**
 * The GitHub facts as checks read them: one typed object about a repository, each fact either a
 * value or `unknown` with the reason and what would make it visible (see fact.ts).
 */
import type * as z from 'zod';
import type { Unknown } from '../../model/types.js';
import type { GitHubClient } from '../client.js';
import type { Fact } from '../fact.js';
import type { PERMISSIONS } from '../permissions.js';
import type { PinVerificationResult } from '../pins.js';
import type { Answer } from './answers.js';
import type { RepoAnswer } from './schemas.js';

export type Rest = GitHubClient['octokit']['rest'];
export type Permission = keyof typeof PERMISSIONS;

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

/** The facts of `GitHubFacts` a check can read (every field that holds a `Fact`). */
export type GitHubFactKey = {
  [K in keyof GitHubFacts]-?: NonNullable<GitHubFacts[K]> extends Fact<unknown> ? K : never;
}[keyof GitHubFacts];

// --- the fact table -----------------------------------------------------------------------------

/** One ruleset as read by its own request (a follow-up to the branch rules). */
export interface RulesetDetails {
  name: string;
  enforcement: string;
  currentUserCanBypass?: string;
  bypassActors: Fact<BypassActor[]>;
}

/** Each fact of the table and its value; `rulesets` is folded into `branchRules` for the checks. */
export interface TableFacts {
  securityAndAnalysis: SecurityAndAnalysis;
  branchRules: BranchRules;
  classicProtection: ClassicProtection | null;
  branchSummary: BranchSummary;
  rulesets: { id: number; details: Fact<RulesetDetails> }[];
  commits: CommitFacts[];
  pullCommits: CommitFacts[];
  releases: ReleaseFacts[];
  privateVulnerabilityReporting: boolean;
  dependabotAlerts: AlertFacts[];
  dependabotAlertsEnabled: boolean;
  codeScanning: CodeScanningFacts;
  advisories: AdvisoryFacts[];
  actionsPermissions: ActionsPermissionsFacts;
  workflowPermissions: WorkflowPermissionsFacts;
  selectedActions: SelectedActionsFacts;
  organization: OrganizationFacts | null;
}
export type FactKey = keyof TableFacts;

/** One request for (part of) a fact. */
export interface Question<V> {
  /** What is asked, as reasons name it: "classic branch protection for main". */
  what: string;
  request(rest: Rest): Promise<{ status: number; data: unknown }>;
  /** The answer as a fact: the schema's mapping, or what the error means. */
  read(answer: Answer): Fact<V>;
  /** The fact when the question was not asked (default: the reason why). */
  unasked?(why: { unknown: Unknown }): Fact<V>;
}

/** What an entry asks, given the answers so far. */
export type Plan<V> =
  /** Requests (usually one); several are combined into one fact. */
  | { ask: readonly Question<V>[]; combine?(results: readonly Fact<V>[]): Fact<V> }
  /** Known without a request (an earlier answer already says). */
  | { settled: Fact<V> }
  /** The fact does not apply to this scan (no pull request, classic protection readable…). */
  | { absent: string };

/** What the planner knows when it plans an entry. */
export interface PlanContext {
  owner: string;
  repo: string;
  branch: string;
  pullNumber?: number;
  repository: RepositoryFacts;
  /** The repository's answer (some facts are part of it). */
  repoAnswer: RepoAnswer;
  /** A fact settled by an earlier wave (undefined when absent). */
  fact<K extends FactKey>(key: K): Fact<TableFacts[K]> | undefined;
  /** The answers to an earlier entry's requests, for facts that an answer's status already decides. */
  answers(key: FactKey): readonly Answer[];
}

export interface FactEntry<K extends FactKey = FactKey> {
  key: K;
  /** Higher is asked first when the budget cannot cover a wave. */
  priority: number;
  /** The permission that reveals the fact; a refusal of it skips later requests that need it. */
  permission: Permission;
  /** Facts whose answers decide whether and what to ask: the entry is planned once they are in. */
  after: readonly FactKey[];
  /** The shape of GitHub's answer (only the fields sscop reads). */
  schema: z.ZodType;
  plan(ctx: PlanContext): Plan<TableFacts[K]>;
}

/** One entry per fact, read by one planner. */
export type FactTable = { readonly [K in FactKey]: FactEntry<K> };
