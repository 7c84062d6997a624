/**
 * branch-protection: changes reach the branch only through reviewed pull requests with passing
 * checks, and history cannot be rewritten or deleted. Rulesets are read first (they need only
 * metadata read and include organization rulesets), classic protection second when the token can
 * read it; every requirement names the source it was seen in. Where several sources apply, the
 * strictest wins, as on GitHub.
 */
import { isKnown } from '../github/fact.js';
import type { BranchRule, ClassicProtection, GitHubFacts, PullRequestRule } from '../github/facts.js';
import { CLASSIC, isUnknownMet, rulesetLabel, statusOf, type Met } from '../github/verdicts.js';
import type {
  CheckOutcome,
  CheckStatus,
  ClaimVerdict,
  Evidence,
  Finding,
  Severity,
  Unknown,
} from '../model/types.js';
import { finding, type ApiCheck } from './check.js';

const ID = 'branch-protection';

type RequirementId =
  | 'pull-request'
  | 'approvals'
  | 'stale-dismissed'
  | 'code-owners'
  | 'status-checks'
  | 'no-force-push'
  | 'no-deletion';

interface Requirement {
  id: RequirementId;
  title: string;
  met: Met;
  /** Where it was seen (met), or what was looked at (not met). */
  sources: string[];
  detail?: string;
}

const FAILURE: Record<RequirementId, { severity: Severity; message: string; remediation: string }> = {
  'pull-request': {
    severity: 'high',
    message: 'Changes can be pushed to the branch without a pull request.',
    remediation: 'Add a branch ruleset with "Require a pull request before merging".',
  },
  approvals: {
    severity: 'high',
    message: 'Pull requests can be merged without an approving review.',
    remediation: 'Set "Required approvals" to at least 1 (2 for stronger assurance) in the ruleset.',
  },
  'stale-dismissed': {
    severity: 'medium',
    message: 'Approvals survive new pushes: code added after a review can be merged unreviewed.',
    remediation: 'Enable "Dismiss stale pull request approvals when new commits are pushed".',
  },
  'code-owners': {
    severity: 'low',
    message: 'Code owners are not required to review changes to the code they own.',
    remediation: 'Enable "Require review from Code Owners" (and keep a CODEOWNERS file).',
  },
  'status-checks': {
    severity: 'medium',
    message: 'No status checks are required: a pull request can merge with failing or missing tests.',
    remediation: 'Add "Require status checks to pass" with your CI test job(s).',
  },
  'no-force-push': {
    severity: 'high',
    message: 'Force pushes are allowed: the branch history can be rewritten.',
    remediation: 'Add "Block force pushes" to the ruleset (or turn off "Allow force pushes").',
  },
  'no-deletion': {
    severity: 'medium',
    message: 'The branch can be deleted.',
    remediation: 'Add "Restrict deletions" to the ruleset (or turn off "Allow deletions").',
  },
};

const CORE: RequirementId[] = [
  'pull-request',
  'approvals',
  'stale-dismissed',
  'status-checks',
  'no-force-push',
  'no-deletion',
];

export const branchProtection: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['branchRules', 'classicProtection', 'branchSummary'],
  judges: {
    facts: ['branchRules', 'classicProtection'],
    unobserved: ({ branch }) => `Neither rulesets nor classic protection of ${branch} could be read.`,
  },
  run: ({ github }) => evaluate(github),
};

/** What the check sees of the branch's protection, from every source it could read. */
interface Protection {
  branch: string;
  rules: BranchRule[];
  /** How a rule's ruleset is named in evidence. */
  label(rule: BranchRule): string;
  /** undefined: classic protection could not be read; null: there is none. */
  classic: ClassicProtection | null | undefined;
  /** Why what no visible source requires may still be required (a source was not visible). */
  hidden: Unknown | undefined;
  /** The sources looked at, for requirements no source meets. */
  lookedAt: string[];
  /** Pull request review settings, one per source that requires pull requests. */
  reviews: { source: string; p: PullRequestRule }[];
}

function evaluate(github: GitHubFacts): CheckOutcome {
  const seen = protectionOf(github);
  const requirements = requirementsOf(seen, github.branchSummary);
  const evidence: Evidence[] = requirements.map(evidenceOf);
  for (const c of conflictsOf(seen)) evidence.push({ summary: c, source: `${CLASSIC} and rulesets` });

  const findings: Finding[] = requirements
    .filter((r) => r.met === false)
    .map((r) =>
      finding(ID, {
        severity: FAILURE[r.id].severity,
        message: `${seen.branch}: ${FAILURE[r.id].message}`,
        remediation: FAILURE[r.id].remediation,
      }),
    );
  findings.push(...bypassFindings(github, seen.rules, seen.classic, evidence));

  const met = (ids: RequirementId[]): Met[] =>
    requirements.filter((r) => ids.includes(r.id)).map((r) => r.met);
  const core = met(CORE);
  const status = statusOf(core);
  const claims: Record<string, ClaimVerdict> = {
    '1.1.4': verdict(
      met(['pull-request', 'no-force-push', 'no-deletion']),
      'changes go through pull requests and history is kept',
    ),
    '2.2.2': verdict(
      met(['approvals', 'stale-dismissed']),
      'an approving review by another person is required',
    ),
    '1.3.2': verdict(met(['status-checks']), 'automated checks must pass before merging'),
  };
  const unseen = requirements.find((r) => isUnknownMet(r.met));
  return {
    status,
    summary: summaryOf(seen.branch, status, core),
    findings,
    evidence,
    claims,
    ...(unseen && isUnknownMet(unseen.met) ? { unknown: unseen.met.unknown } : {}),
  };
}

function protectionOf(github: GitHubFacts): Protection {
  const { branch, branchRules: rulesFact, classicProtection: classicFact } = github;
  const rules = isKnown(rulesFact) ? rulesFact.value.rules : [];
  const rulesets = isKnown(rulesFact) ? rulesFact.value.rulesets : [];
  const label = (rule: BranchRule): string =>
    rulesetLabel(
      rulesets.find((r) => r.id === rule.rulesetId),
      rule.rulesetId,
    );
  const classic: ClassicProtection | null | undefined = isKnown(classicFact) ? classicFact.value : undefined;

  // What is not required by a visible source is "not met" only if every source was visible.
  let hidden: Unknown | undefined;
  if (!isKnown(rulesFact)) hidden = rulesFact.unknown;
  else if (!isKnown(classicFact)) {
    const summary = github.branchSummary;
    if (summary && isKnown(summary) && !summary.value.protected) hidden = undefined;
    else hidden = classicFact.unknown;
  }
  const lookedAt = [
    isKnown(rulesFact) ? `rulesets (${rulesets.length} apply to ${branch})` : 'rulesets: not observable',
    classic !== undefined
      ? classic
        ? CLASSIC
        : 'classic protection: none'
      : 'classic protection: not observable',
  ];
  const classicReviews = classic?.pullRequestReviews ?? null;
  const reviews = [
    ...rules.filter((r) => r.pullRequest).map((r) => ({ source: label(r), p: r.pullRequest! })),
    ...(classicReviews ? [{ source: CLASSIC, p: classicReviews }] : []),
  ];
  return { branch, rules, label, classic, hidden, lookedAt, reviews };
}

function requirementsOf(seen: Protection, branchSummary: GitHubFacts['branchSummary']): Requirement[] {
  const { rules, label, classic, reviews } = seen;
  const requirement = (id: RequirementId, title: string, sources: string[], detail?: string): Requirement =>
    sources.length
      ? { id, title, met: true, sources, detail }
      : { id, title, met: seen.hidden ? { unknown: seen.hidden } : false, sources: seen.lookedAt };

  const approvals = Math.max(0, ...reviews.map((s) => s.p.requiredApprovingReviewCount));
  const strongest = reviews
    .filter((s) => s.p.requiredApprovingReviewCount === approvals && approvals > 0)
    .map((s) => s.source);

  const statusChecks = [
    ...rules
      .filter((r) => r.statusChecks && r.statusChecks.contexts.length)
      .map((r) => ({ source: label(r), contexts: r.statusChecks!.contexts })),
    ...(classic?.requiredStatusChecks?.contexts.length
      ? [{ source: CLASSIC, contexts: classic.requiredStatusChecks.contexts }]
      : []),
  ];
  if (!statusChecks.length && classic === undefined && branchSummary && isKnown(branchSummary)) {
    const contexts = branchSummary.value.requiredStatusChecks;
    if (contexts.length)
      statusChecks.push({ source: `${CLASSIC} (seen through the branch's metadata)`, contexts });
  }

  return [
    requirement(
      'pull-request',
      'changes only through pull requests',
      reviews.map((s) => s.source),
    ),
    requirement(
      'approvals',
      'at least one approving review',
      strongest,
      approvals > 0
        ? `${approvals} approving review${approvals > 1 ? 's' : ''} required${approvals >= 2 ? ' (two-person review)' : ''}`
        : undefined,
    ),
    requirement(
      'stale-dismissed',
      'stale approvals dismissed on push',
      reviews.filter((s) => s.p.dismissStaleReviewsOnPush).map((s) => s.source),
    ),
    requirement(
      'code-owners',
      'code-owner review',
      reviews.filter((s) => s.p.requireCodeOwnerReview).map((s) => s.source),
    ),
    requirement(
      'status-checks',
      'required status checks',
      statusChecks.map((s) => s.source),
      statusChecks.length
        ? `required: ${[...new Set(statusChecks.flatMap((s) => s.contexts))].join(', ')}`
        : undefined,
    ),
    requirement('no-force-push', 'force pushes blocked', [
      ...rules.filter((r) => r.type === 'non_fast_forward').map(label),
      ...(classic && !classic.allowForcePushes ? [CLASSIC] : []),
    ]),
    requirement('no-deletion', 'deletion blocked', [
      ...rules.filter((r) => r.type === 'deletion').map(label),
      ...(classic && !classic.allowDeletions ? [CLASSIC] : []),
    ]),
  ];
}

function evidenceOf(r: Requirement): Evidence {
  return {
    summary:
      r.met === true
        ? `${r.title}${r.detail ? `: ${r.detail}` : ''}`
        : isUnknownMet(r.met)
          ? `${r.title}: not observable (${r.met.unknown.reason})`
          : `${r.title}: not required`,
    source:
      r.met === true ? r.sources.join('; ') : isUnknownMet(r.met) ? 'not observable' : r.sources.join('; '),
  };
}

/** A classic setting that contradicts a ruleset does not weaken it (the strictest applies), but say so. */
function conflictsOf({ rules, classic, reviews }: Protection): string[] {
  const conflicts: string[] = [];
  if (classic && classic.allowForcePushes && rules.some((r) => r.type === 'non_fast_forward')) {
    conflicts.push('classic protection allows force pushes, but a ruleset blocks them (the ruleset wins)');
  }
  if (classic && classic.allowDeletions && rules.some((r) => r.type === 'deletion')) {
    conflicts.push('classic protection allows deletion, but a ruleset blocks it (the ruleset wins)');
  }
  const counts = reviews.map((s) => s.p.requiredApprovingReviewCount);
  if (new Set(counts).size > 1) {
    conflicts.push(
      `sources require different numbers of approvals (${reviews.map((s) => `${s.p.requiredApprovingReviewCount} in ${s.source}`).join(', ')}); the highest applies`,
    );
  }
  return conflicts;
}

function summaryOf(branch: string, status: CheckStatus, core: Met[]): string {
  const metCount = core.filter((m) => m === true).length;
  if (status === 'fail')
    return `${branch} is not protected: no ruleset or classic protection requires reviews, checks, or blocks force pushes.`;
  if (status === 'pass')
    return `${branch} is protected: reviewed pull requests, required checks, no force pushes or deletion.`;
  if (status === 'unknown')
    return `${metCount} of ${core.length} protections of ${branch} were seen; the rest could not be observed.`;
  return `${branch} is partly protected: ${metCount} of ${core.length} protections are in place.`;
}

function verdict(results: Met[], good: string): ClaimVerdict {
  const status = statusOf(results);
  const note =
    status === 'pass'
      ? good
      : status === 'unknown'
        ? 'not observable with this token'
        : status === 'fail'
          ? `not in place: ${good}`
          : `only partly in place: ${good}`;
  return { status, note };
}

/** Who can skip the rules: ruleset bypass actors, classic admins and bypass allowances. */
function bypassFindings(
  github: GitHubFacts,
  rules: BranchRule[],
  classic: ClassicProtection | null | undefined,
  evidence: Evidence[],
): Finding[] {
  const findings: Finding[] = [];
  const rulesets = isKnown(github.branchRules) ? github.branchRules.value.rulesets : [];
  for (const ruleset of rulesets) {
    if (!rules.some((r) => r.rulesetId === ruleset.id)) continue;
    const source = rulesetLabel(ruleset, ruleset.id);
    if (!isKnown(ruleset.bypassActors)) {
      evidence.push({
        summary: `who can bypass: not observable (${ruleset.bypassActors.unknown.reason})`,
        source,
      });
      continue;
    }
    const always = ruleset.bypassActors.value.filter((a) => a.bypassMode === 'always');
    const described = ruleset.bypassActors.value.map(
      (a) => `${a.actorType}${a.actorId !== null ? ` ${a.actorId}` : ''} (${a.bypassMode})`,
    );
    evidence.push({
      summary: described.length ? `can bypass: ${described.join(', ')}` : 'nobody can bypass',
      source,
    });
    if (always.length) {
      findings.push(
        finding(ID, {
          severity: 'low',
          message: `${source}: ${always.map((a) => a.actorType).join(', ')} can bypass it at any time, not only through pull requests.`,
          remediation:
            'Give bypass actors "pull requests only" mode, or remove them, so every change leaves a reviewed trail.',
        }),
      );
    }
  }
  if (classic) {
    if (!classic.enforceAdmins) {
      evidence.push({ summary: 'administrators are exempt from the rules', source: CLASSIC });
      findings.push(
        finding(ID, {
          severity: 'low',
          message: `${github.branch}: classic protection does not apply to administrators ("Do not allow bypassing the above settings" is off).`,
          remediation:
            'Turn on "Do not allow bypassing the above settings", or move the rules to a ruleset with no bypass actors.',
        }),
      );
    }
    const allow = classic.pullRequestReviews?.bypassAllowances;
    const who = allow ? [...allow.users, ...allow.teams, ...allow.apps] : [];
    if (who.length)
      evidence.push({ summary: `may skip pull request reviews: ${who.join(', ')}`, source: CLASSIC });
  }
  return findings;
}
