/**
 * The GitHub facts as data: one entry per fact with its request(s), the schema of the answer, the
 * mapping, what an error means, the permission that reveals it and its priority. The planner
 * (planner.ts) runs the table; adding a fact is one entry here and one field in types.ts.
 *
 * Priorities: what decides a check's status (protection, commits, alerts) before what adds detail
 * to its evidence (ruleset names and bypass actors, the allowed-actions list).
 */
import type * as z from 'zod';
import { isKnown, known, unobserved, type Fact } from '../fact.js';
import { PERMISSIONS } from '../permissions.js';
import { notVisible, parse, type Answer, type Refusal } from './answers.js';
import * as map from './mapping.js';
import * as schemas from './schemas.js';
import type {
  FactEntry,
  FactKey,
  FactTable,
  Permission,
  Plan,
  PlanContext,
  Question,
  Rest,
  RulesetDetails,
  TableFacts,
} from './types.js';

type Response = Promise<{ status: number; data: unknown }>;

/** A question whose answer `schema` parses and `read` turns into the fact; `onError` says what a refusal means. */
function question<S, V>(spec: {
  what: string;
  permission: Permission;
  schema: z.ZodType<S>;
  request(rest: Rest): Response;
  read(parsed: S): Fact<V>;
  onError?(answer: Refusal): Fact<V> | undefined;
}): Question<V> {
  return {
    what: spec.what,
    request: spec.request,
    read: (answer: Answer) => {
      if (!answer.ok)
        return spec.onError?.(answer) ?? notVisible(answer, spec.what, PERMISSIONS[spec.permission]);
      const parsed = parse(spec.schema, answer.data, spec.what);
      return isKnown(parsed) ? spec.read(parsed.value) : parsed;
    },
  };
}

/** An entry that asks one request (unless `without` settles the fact or finds it absent first). */
function oneRequest<K extends FactKey, S>(spec: {
  key: K;
  priority: number;
  permission: Permission;
  after?: readonly FactKey[];
  schema: z.ZodType<S>;
  what(ctx: PlanContext): string;
  request(rest: Rest, ctx: PlanContext): Response;
  read(parsed: S, ctx: PlanContext): Fact<TableFacts[K]>;
  onError?(answer: Refusal, ctx: PlanContext): Fact<TableFacts[K]> | undefined;
  without?(ctx: PlanContext): Exclude<Plan<TableFacts[K]>, { ask: unknown }> | undefined;
}): FactEntry<K> {
  return {
    key: spec.key,
    priority: spec.priority,
    permission: spec.permission,
    after: spec.after ?? [],
    schema: spec.schema,
    plan: (ctx) =>
      spec.without?.(ctx) ?? {
        ask: [
          question({
            what: spec.what(ctx),
            permission: spec.permission,
            schema: spec.schema,
            request: (rest) => spec.request(rest, ctx),
            read: (parsed) => spec.read(parsed, ctx),
            onError: spec.onError && ((answer) => spec.onError!(answer, ctx)),
          }),
        ],
      },
  };
}

const at = ({ owner, repo }: PlanContext) => ({ owner, repo });
const DEPENDABOT_DISABLED = /disabled/i;

export const FACT_TABLE: FactTable = {
  branchRules: oneRequest({
    key: 'branchRules',
    priority: 100,
    permission: 'metadata',
    schema: schemas.ruleListSchema,
    what: (ctx) => `rulesets for ${ctx.branch}`,
    request: (rest, ctx) => rest.repos.getBranchRules({ ...at(ctx), branch: ctx.branch, per_page: 100 }),
    read: (rules) => known(map.toBranchRules(rules)),
  }),
  classicProtection: oneRequest({
    key: 'classicProtection',
    priority: 95,
    permission: 'administration',
    schema: schemas.classicSchema,
    what: (ctx) => `classic branch protection for ${ctx.branch}`,
    request: (rest, ctx) => rest.repos.getBranchProtection({ ...at(ctx), branch: ctx.branch }),
    read: (p) => known(map.toClassic(p)),
    // "Branch not protected" is an answer: there is none.
    onError: (a) => (a.status === 404 && /not protected/i.test(a.message) ? known(null) : undefined),
  }),
  commits: oneRequest({
    key: 'commits',
    priority: 90,
    permission: 'contents',
    schema: schemas.commitListSchema,
    what: (ctx) => `commits on ${ctx.branch}`,
    request: (rest, ctx) => rest.repos.listCommits({ ...at(ctx), sha: ctx.branch, per_page: 100 }),
    read: (list) => known(map.toCommits(list)),
    onError: (a) => (a.status === 409 ? known([]) : undefined), // an empty repository
  }),
  branchSummary: oneRequest({
    key: 'branchSummary',
    priority: 88,
    permission: 'contents',
    after: ['classicProtection'],
    schema: schemas.branchSchema,
    what: (ctx) => `branch ${ctx.branch}`,
    without: (ctx) => {
      const classic = ctx.fact('classicProtection');
      return classic && !isKnown(classic) ? undefined : { absent: 'classic protection was read' };
    },
    request: (rest, ctx) => rest.repos.getBranch({ ...at(ctx), branch: ctx.branch }),
    read: (b) =>
      known({
        protected: b.protected,
        requiredStatusChecks: b.protection?.required_status_checks?.contexts ?? [],
      }),
  }),
  pullCommits: oneRequest({
    key: 'pullCommits',
    priority: 85,
    permission: 'pullRequests',
    schema: schemas.commitListSchema,
    what: (ctx) => `commits of pull request #${ctx.pullNumber}`,
    without: (ctx) => (ctx.pullNumber === undefined ? { absent: 'no pull request given' } : undefined),
    request: (rest, ctx) =>
      rest.pulls.listCommits({ ...at(ctx), pull_number: ctx.pullNumber!, per_page: 100 }),
    read: (list) => known(map.toCommits(list)),
  }),
  dependabotAlerts: oneRequest({
    key: 'dependabotAlerts',
    priority: 80,
    permission: 'dependabot',
    schema: schemas.dependabotAlertListSchema,
    what: () => 'open Dependabot alerts',
    request: (rest, ctx) =>
      rest.dependabot.listAlertsForRepo({
        ...at(ctx),
        state: 'open',
        severity: 'critical,high',
        per_page: 100,
      }),
    read: (list) => known(map.toDependabotAlerts(list)),
    onError: (a) =>
      a.status === 403 && DEPENDABOT_DISABLED.test(a.message)
        ? unobserved(
            'Dependabot alerts are disabled for this repository',
            'enable Dependabot alerts (Settings → Code security)',
          )
        : undefined,
  }),
  dependabotAlertsEnabled: oneRequest({
    key: 'dependabotAlertsEnabled',
    priority: 78,
    permission: 'administration',
    after: ['dependabotAlerts'],
    schema: schemas.noContentSchema,
    what: () => 'whether Dependabot alerts are enabled',
    // The alerts' answer says so when it can: a list means on, GitHub's words say off.
    without: (ctx) => {
      const list = ctx.answers('dependabotAlerts')[0];
      if (list?.ok) return { settled: known(true) };
      if (list?.status === 403 && DEPENDABOT_DISABLED.test(list.message)) return { settled: known(false) };
      return undefined;
    },
    request: (rest, ctx) => rest.repos.checkVulnerabilityAlerts(at(ctx)),
    read: () => known(true),
    onError: (a, ctx) => {
      if (a.status !== 404) return undefined;
      if (ctx.repository.admin === true) return known(false);
      return unobserved(
        'GitHub answered 404: Dependabot alerts are disabled, or the token may not read this setting',
        `needs a token with ${PERMISSIONS.administration}, or one with ${PERMISSIONS.dependabot}`,
      );
    },
  }),
  securityAndAnalysis: {
    key: 'securityAndAnalysis',
    priority: 75,
    permission: 'administration',
    after: [],
    schema: schemas.securityAndAnalysisSchema,
    // Part of the repository's answer: no request of its own.
    plan: (ctx) => ({ settled: map.toSecurityAndAnalysis(ctx.repoAnswer) }),
  },
  codeScanning: oneRequest({
    key: 'codeScanning',
    priority: 70,
    permission: 'codeScanning',
    schema: schemas.codeScanningAlertListSchema,
    what: () => 'code scanning alerts',
    request: (rest, ctx) => rest.codeScanning.listAlertsForRepo({ ...at(ctx), state: 'open', per_page: 100 }),
    read: (list) => known(map.toCodeScanning(list)),
    // No analysis, or code scanning not enabled: there is nothing to read, which is an answer.
    onError: (a) =>
      (a.status === 404 && /no analysis/i.test(a.message)) ||
      (a.status === 403 && /advanced security must be enabled|code scanning is not enabled/i.test(a.message))
        ? known({ analysed: false, alerts: [], truncated: false })
        : undefined,
  }),
  actionsPermissions: oneRequest({
    key: 'actionsPermissions',
    priority: 65,
    permission: 'administration',
    // Asked once classic protection, which needs the same permission, has answered: a token without
    // it (GITHUB_TOKEN) is refused there, and the budget goes to facts it can read.
    after: ['classicProtection'],
    schema: schemas.actionsPermissionsSchema,
    what: () => 'Actions permissions',
    request: (rest, ctx) => rest.actions.getGithubActionsPermissionsRepository(at(ctx)),
    read: (x) =>
      known({
        enabled: x.enabled,
        allowedActions: x.allowed_actions,
        shaPinningRequired: x.sha_pinning_required,
      }),
  }),
  workflowPermissions: oneRequest({
    key: 'workflowPermissions',
    priority: 64,
    permission: 'administration',
    after: ['classicProtection'],
    schema: schemas.workflowPermissionsSchema,
    what: () => 'default workflow permissions',
    request: (rest, ctx) => rest.actions.getGithubActionsDefaultWorkflowPermissionsRepository(at(ctx)),
    read: (x) =>
      known({
        defaultWorkflowPermissions: x.default_workflow_permissions,
        canApprovePullRequestReviews: x.can_approve_pull_request_reviews,
      }),
  }),
  privateVulnerabilityReporting: oneRequest({
    key: 'privateVulnerabilityReporting',
    priority: 60,
    permission: 'pvr',
    schema: schemas.pvrSchema,
    what: () => 'private vulnerability reporting',
    request: (rest, ctx) => rest.repos.checkPrivateVulnerabilityReporting(at(ctx)),
    read: (x) => known(x.enabled),
  }),
  organization: oneRequest({
    key: 'organization',
    priority: 55,
    permission: 'orgAdmin',
    schema: schemas.orgSchema,
    what: (ctx) => `organization ${ctx.owner}`,
    // A user account has no organization settings: null is the answer.
    without: (ctx) => (ctx.repository.ownerType === 'Organization' ? undefined : { settled: known(null) }),
    request: (rest, ctx) => rest.orgs.get({ org: ctx.owner }),
    read: (o, ctx) => map.toOrganization(o, ctx.owner),
  }),
  releases: oneRequest({
    key: 'releases',
    priority: 50,
    permission: 'contents',
    schema: schemas.releaseListSchema,
    what: () => 'releases',
    request: (rest, ctx) => rest.repos.listReleases({ ...at(ctx), per_page: 10 }),
    read: (list) => known(map.toReleases(list)),
  }),
  advisories: oneRequest({
    key: 'advisories',
    priority: 45,
    permission: 'advisories',
    schema: schemas.advisoryListSchema,
    what: () => 'published security advisories',
    request: (rest, ctx) =>
      rest.securityAdvisories.listRepositoryAdvisories({ ...at(ctx), state: 'published', per_page: 100 }),
    read: (list) => known(map.toAdvisories(list)),
  }),
  rulesets: {
    key: 'rulesets',
    priority: 30,
    permission: 'metadata',
    after: ['branchRules'],
    schema: schemas.rulesetSchema,
    plan: rulesetsPlan,
  },
  selectedActions: oneRequest({
    key: 'selectedActions',
    priority: 20,
    permission: 'administration',
    after: ['actionsPermissions'],
    schema: schemas.selectedActionsSchema,
    what: () => 'allowed actions',
    without: (ctx) => {
      const perms = ctx.fact('actionsPermissions');
      return perms && isKnown(perms) && perms.value.allowedActions === 'selected'
        ? undefined
        : { absent: 'allowed actions are not "selected"' };
    },
    request: (rest, ctx) => rest.actions.getAllowedActionsRepository(at(ctx)),
    read: (x) =>
      known({
        githubOwnedAllowed: x.github_owned_allowed,
        verifiedAllowed: x.verified_allowed,
        patternsAllowed: x.patterns_allowed ?? [],
      }),
  }),
};

/** One request per ruleset that applies to the branch: its name, and who may bypass it. */
function rulesetsPlan(ctx: PlanContext): Plan<TableFacts['rulesets']> {
  const rules = ctx.fact('branchRules');
  if (!rules || !isKnown(rules)) return { absent: 'the branch rules were not read' };
  const rulesets = rules.value.rulesets;
  if (!rulesets.length) return { settled: known([]) };
  return {
    ask: rulesets.map((ruleset): Question<TableFacts['rulesets']> => {
      const details = question({
        what: `ruleset ${ruleset.id}`,
        permission: 'metadata',
        schema: schemas.rulesetSchema,
        request: (rest) =>
          rest.repos.getRepoRuleset({ ...at(ctx), ruleset_id: ruleset.id, includes_parents: true }),
        read: (r) => known(map.toRulesetDetails(r, ruleset)),
      });
      const one = (fact: Fact<RulesetDetails>) => known([{ id: ruleset.id, details: fact }]);
      return {
        what: details.what,
        request: details.request,
        read: (a) => one(details.read(a)),
        unasked: one,
      };
    }),
    combine: (results) => known(results.flatMap((r) => (isKnown(r) ? r.value : []))),
  };
}
