/**
 * actions-settings: the repository's GitHub Actions settings keep the build least-privileged —
 * the default GITHUB_TOKEN is read-only and cannot approve pull requests — and only trusted,
 * SHA-pinned actions run. These settings need Administration: read.
 */
import { isKnown, unobserved } from '../github/fact.js';
import type { ActionsPermissionsFacts, GitHubFacts, WorkflowPermissionsFacts } from '../github/facts.js';
import { statusOf, type Met } from '../github/verdicts.js';
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';
import { finding, type ApiCheck } from './check.js';
import { notApplicable } from './outcome.js';

const ID = 'actions-settings';
const SOURCE = 'repository Actions settings';

export const actionsSettings: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['actionsPermissions', 'workflowPermissions', 'selectedActions'],
  judges: {
    facts: ['actionsPermissions', 'workflowPermissions'],
    unobserved: 'The Actions settings could not be observed.',
  },
  run: ({ github }) => evaluate(github),
};

function evaluate(github: GitHubFacts): CheckOutcome {
  const perms = github.actionsPermissions;
  const workflow = github.workflowPermissions;
  if (isKnown(perms) && !perms.value.enabled) {
    return notApplicable('GitHub Actions is disabled for this repository.', [
      { summary: 'Actions disabled', source: SOURCE },
    ]);
  }
  const evidence: Evidence[] = [];
  const findings: Finding[] = [];
  const [readOnly, noApprove] = tokenRequirements(workflow, evidence, findings);
  const [pinning, allowed] = actionRequirements(perms, github.selectedActions, evidence, findings);

  const roles = statusOf([readOnly, noApprove]);
  const integrity: Met = pinning === true ? true : allowed === true ? false : pinning;
  const all = [readOnly, noApprove, pinning, allowed];
  const status = roles === 'fail' ? (statusOf(all) === 'fail' ? 'fail' : 'partial') : statusOf(all);
  const hidden = [readOnly, noApprove, pinning, allowed].find(
    (m): m is Exclude<Met, boolean> => typeof m === 'object',
  );
  return {
    status,
    summary:
      status === 'pass'
        ? 'Actions settings are least-privileged: read-only default token, no PR approvals by Actions, SHA pinning required, allowed actions restricted.'
        : status === 'unknown'
          ? 'Some Actions settings could not be observed.'
          : `${all.filter((m) => m === false).length} of 4 Actions settings are not least-privileged.`,
    findings,
    evidence,
    claims: {
      '2.1.1': { status: roles, note: 'what workflows may do is limited by default' },
      '2.1.3': { status: roles, note: 'the workflow token is bound to a read-only role by default' },
      '1.2.2': {
        status:
          integrity === true
            ? 'pass'
            : integrity === false
              ? allowed === true
                ? 'partial'
                : 'fail'
              : 'unknown',
        note:
          integrity === true
            ? 'actions must be pinned to a full commit SHA'
            : 'actions are not required to be pinned to a commit SHA',
      },
    },
    ...(hidden ? { unknown: hidden.unknown } : {}),
  };
}

function tokenRequirements(
  fact: GitHubFacts['workflowPermissions'],
  evidence: Evidence[],
  findings: Finding[],
): [Met, Met] {
  if (!isKnown(fact)) {
    evidence.push({
      summary: `default workflow permissions: not observable (${fact.unknown.reason})`,
      source: 'not observable',
    });
    return [fact, fact];
  }
  const w: WorkflowPermissionsFacts = fact.value;
  evidence.push({
    summary: `default GITHUB_TOKEN permissions: ${w.defaultWorkflowPermissions}`,
    source: SOURCE,
  });
  evidence.push({
    summary: `Actions ${w.canApprovePullRequestReviews ? 'can' : 'cannot'} create or approve pull requests`,
    source: SOURCE,
  });
  const readOnly = w.defaultWorkflowPermissions === 'read';
  if (!readOnly) {
    findings.push(
      finding(ID, {
        severity: 'high',
        message:
          'The default GITHUB_TOKEN has read and write permissions: every workflow job can write to the repository unless it says otherwise.',
        remediation:
          'Settings → Actions → General → Workflow permissions: "Read repository contents and packages permissions"; grant writes per job.',
      }),
    );
  }
  if (w.canApprovePullRequestReviews) {
    findings.push(
      finding(ID, {
        severity: 'medium',
        message: 'GitHub Actions can approve pull requests, so a workflow can satisfy a required review.',
        remediation:
          'Settings → Actions → General: turn off "Allow GitHub Actions to create and approve pull requests".',
      }),
    );
  }
  return [readOnly, !w.canApprovePullRequestReviews];
}

function actionRequirements(
  fact: GitHubFacts['actionsPermissions'],
  selected: GitHubFacts['selectedActions'],
  evidence: Evidence[],
  findings: Finding[],
): [Met, Met] {
  if (!isKnown(fact)) {
    evidence.push({
      summary: `allowed actions and SHA pinning: not observable (${fact.unknown.reason})`,
      source: 'not observable',
    });
    return [fact, fact];
  }
  const p: ActionsPermissionsFacts = fact.value;
  let pinning: Met;
  if (p.shaPinningRequired === undefined) {
    pinning = unobserved(
      'GitHub did not report sha_pinning_required (older GitHub Enterprise Server?)',
      'scan against a GitHub version with the SHA pinning policy',
    );
    evidence.push({ summary: 'SHA pinning policy: not reported', source: SOURCE });
  } else {
    pinning = p.shaPinningRequired;
    evidence.push({
      summary: `actions must be pinned to a full commit SHA: ${p.shaPinningRequired ? 'yes' : 'no'}`,
      source: SOURCE,
    });
    if (!p.shaPinningRequired) {
      findings.push(
        finding(ID, {
          severity: 'medium',
          message:
            'Actions may be referenced by a movable tag or branch: a compromised action tag runs in your build.',
          remediation:
            'Settings → Actions → General → "Require actions to be pinned to a full-length commit SHA".',
        }),
      );
    }
  }
  const allowedActions = p.allowedActions ?? 'all';
  let detail = allowedActions;
  if (allowedActions === 'selected' && selected && isKnown(selected)) {
    const s = selected.value;
    detail = `selected (GitHub-owned: ${s.githubOwnedAllowed ? 'yes' : 'no'}, verified creators: ${s.verifiedAllowed ? 'yes' : 'no'}, ${s.patternsAllowed.length} pattern(s))`;
  }
  evidence.push({ summary: `allowed actions: ${detail}`, source: SOURCE });
  const allowed = allowedActions !== 'all';
  if (!allowed) {
    findings.push(
      finding(ID, {
        severity: 'low',
        message: 'Any action from any author may run in this repository.',
        remediation:
          'Settings → Actions → General → "Allow enterprise, and select non-enterprise, actions and reusable workflows" with the actions you trust.',
      }),
    );
  }
  return [pinning, allowed];
}
