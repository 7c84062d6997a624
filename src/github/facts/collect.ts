/**
 * Collects the GitHub facts of one repository: the repository first (it names the default branch
 * and the owner type), then the fact table through the planner, within a budget of
 * `MAX_REQUESTS`. Only a 401 (bad credentials) or a repository that cannot be found ends the scan
 * (`UserError`); everything else that could not be observed is an unknown fact.
 */
import { UserError } from '../../errors.js';
import type { Unknown } from '../../model/types.js';
import type { GitHubClient } from '../client.js';
import { isKnown, unobserved, type Fact } from '../fact.js';
import { PERMISSIONS } from '../permissions.js';
import { ask, notVisible, parse } from './answers.js';
import { toRepository } from './mapping.js';
import { runFactPlan, type PlanResult } from './planner.js';
import { repoSchema } from './schemas.js';
import { FACT_TABLE } from './table.js';
import type { BranchRules, FactKey, GitHubFacts, RepositoryFacts, TableFacts } from './types.js';

/** A default scan of one repository makes at most this many API requests. */
export const MAX_REQUESTS = 15;

export interface CollectOptions {
  client: GitHubClient;
  owner: string;
  repo: string;
  branch?: string;
  pullNumber?: number;
  /** Request budget; defaults to `MAX_REQUESTS`. */
  maxRequests?: number;
}

export async function collectGitHubFacts(options: CollectOptions): Promise<GitHubFacts> {
  const { client, owner, repo } = options;
  const rest = client.octokit.rest;
  const full = `${owner}/${repo}`;

  const answer = await ask(() => rest.repos.get({ owner, repo }));
  if (!answer.ok) {
    if (answer.status === 404) {
      throw new UserError(
        `GitHub repository ${full} was not found, or the token cannot see it (check --repo and the token's repository access)`,
      );
    }
    const why = notVisible(answer, `the repository ${full}`, PERMISSIONS.metadata);
    return allUnknown(full, options, why, client.requestCount);
  }
  const parsed = parse(repoSchema, answer.data, 'the repository');
  if (!isKnown(parsed)) return allUnknown(full, options, parsed, client.requestCount);
  const repository = toRepository(parsed.value);
  const branch = options.branch ?? repository.defaultBranch;

  const plan = await runFactPlan({
    entries: Object.values(FACT_TABLE),
    context: { owner, repo, branch, pullNumber: options.pullNumber, repository, repoAnswer: parsed.value },
    budget: options.maxRequests ?? MAX_REQUESTS,
    spent: () => client.requestCount,
    send: (question) => ask(() => question.request(rest)),
  });
  return {
    repository: full,
    branch,
    ...(options.pullNumber !== undefined ? { pullNumber: options.pullNumber } : {}),
    ...factsOf(plan, repository),
    apiRequests: client.requestCount,
  };
}

type CollectedFacts = Omit<
  GitHubFacts,
  'repository' | 'branch' | 'pullNumber' | 'apiRequests' | 'actionPins'
>;

/** The planner's facts in the shape checks read: rulesets folded into the branch rules, absent facts left out. */
function factsOf(plan: PlanResult, repository: RepositoryFacts): CollectedFacts {
  const settled = <K extends FactKey>(key: K): Fact<TableFacts[K]> =>
    plan.fact(key) ??
    unobserved(`${key}: not collected`, 'report this as a bug in sscop (a fact the table never settled)');
  const optional = <K extends FactKey>(key: K): { [P in K]?: Fact<TableFacts[K]> } => {
    const fact = plan.fact(key);
    return (fact ? { [key]: fact } : {}) as { [P in K]?: Fact<TableFacts[K]> };
  };
  return {
    repo: { value: repository },
    securityAndAnalysis: settled('securityAndAnalysis'),
    branchRules: withRulesets(settled('branchRules'), plan.fact('rulesets')),
    classicProtection: settled('classicProtection'),
    ...optional('branchSummary'),
    commits: settled('commits'),
    ...optional('pullCommits'),
    releases: settled('releases'),
    privateVulnerabilityReporting: settled('privateVulnerabilityReporting'),
    dependabotAlertsEnabled: settled('dependabotAlertsEnabled'),
    dependabotAlerts: settled('dependabotAlerts'),
    codeScanning: settled('codeScanning'),
    advisories: settled('advisories'),
    actionsPermissions: settled('actionsPermissions'),
    workflowPermissions: settled('workflowPermissions'),
    ...optional('selectedActions'),
    organization: settled('organization'),
  };
}

/** Each ruleset's own answer (name, enforcement, who may bypass it) on the ruleset it describes. */
function withRulesets(
  rules: Fact<BranchRules>,
  reads: Fact<TableFacts['rulesets']> | undefined,
): Fact<BranchRules> {
  if (!isKnown(rules) || !reads || !isKnown(reads)) return rules;
  for (const ruleset of rules.value.rulesets) {
    const read = reads.value.find((r) => r.id === ruleset.id);
    if (!read) continue;
    if (!isKnown(read.details)) {
      ruleset.bypassActors = read.details;
      continue;
    }
    const { name, enforcement, currentUserCanBypass, bypassActors } = read.details.value;
    Object.assign(ruleset, { name, enforcement, currentUserCanBypass, bypassActors });
  }
  return rules;
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
