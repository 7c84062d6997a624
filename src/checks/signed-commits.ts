/**
 * signed-commits: the branch requires signed commits (a ruleset's `required_signatures` rule or
 * classic protection), and how many of the last 100 commits GitHub verified. On a pull request,
 * its unsigned commits are named.
 */
import { isKnown, type Fact } from '../github/fact.js';
import type { CommitFacts, GitHubFacts } from '../github/facts.js';
import { CLASSIC, rulesetLabel, type Met } from '../github/verdicts.js';
import type { CheckOutcome, CheckStatus, Evidence, Finding } from '../model/types.js';
import { finding, type ApiCheck } from './check.js';

const ID = 'signed-commits';
/** Unsigned commits named one by one; the rest are counted. */
const MAX_NAMED = 20;

export const signedCommits: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['branchRules', 'classicProtection', 'branchSummary', 'commits', 'pullCommits'],
  run: ({ github }) => evaluate(github),
};

function evaluate(github: GitHubFacts): CheckOutcome {
  const { branch } = github;
  const evidence: Evidence[] = [];
  const findings: Finding[] = [];
  const required = signingRequired(github, evidence);
  const share = recentHistory(github, required, evidence, findings);
  if (github.pullCommits)
    findings.push(...pullRequestFindings(github, github.pullCommits, required, evidence));

  let status: CheckStatus;
  let summary: string;
  const shareText = share
    ? `${share.verified} of the last ${share.total} commits are verified`
    : 'recent commits could not be read';
  if (required === true) {
    status = 'pass';
    summary = `${branch} requires signed commits; ${shareText}.`;
  } else if (required === false) {
    status = share && share.total > 0 && share.verified === share.total ? 'partial' : 'fail';
    summary = `${branch} does not require signed commits; ${shareText}.`;
    if (status === 'fail' && !findings.length) {
      findings.push(
        finding(ID, {
          severity: 'medium',
          message: `${branch} does not require signed commits.`,
          remediation: 'Add "Require signed commits" to a branch ruleset.',
        }),
      );
    }
  } else if (share && share.verified < share.total) {
    // Unverified commits landed: what the history shows is a verdict whatever the setting says.
    status = share.verified === 0 ? 'fail' : 'partial';
    summary = `${shareText} on ${branch}; whether it requires signed commits could not be read (${required.unknown.reason}).`;
  } else {
    status = 'unknown';
    summary = `Whether ${branch} requires signed commits could not be observed; ${shareText}.`;
  }
  return {
    status,
    summary,
    findings,
    evidence,
    ...(status === 'unknown' && typeof required === 'object' ? { unknown: required.unknown } : {}),
  };
}

/** Whether a ruleset or classic protection requires signed commits, and where that was seen. */
function signingRequired(github: GitHubFacts, evidence: Evidence[]): Met {
  const sources: string[] = [];
  if (isKnown(github.branchRules)) {
    const { rules, rulesets } = github.branchRules.value;
    for (const r of rules.filter((x) => x.type === 'required_signatures')) {
      sources.push(
        rulesetLabel(
          rulesets.find((s) => s.id === r.rulesetId),
          r.rulesetId,
        ),
      );
    }
  }
  if (isKnown(github.classicProtection) && github.classicProtection.value?.requiredSignatures)
    sources.push(CLASSIC);
  let required: Met;
  if (sources.length) required = true;
  else if (!isKnown(github.branchRules)) required = github.branchRules;
  else if (!isKnown(github.classicProtection)) {
    const s = github.branchSummary;
    required = s && isKnown(s) && !s.value.protected ? false : github.classicProtection;
  } else required = false;
  evidence.push({
    summary:
      required === true
        ? 'signed commits are required'
        : required === false
          ? 'signed commits are not required'
          : `whether signed commits are required is not observable: ${required.unknown.reason} (${required.unknown.howToObserve})`,
    source:
      required === true
        ? sources.join('; ')
        : required === false
          ? `rulesets and ${CLASSIC}`
          : 'not observable',
  });
  return required;
}

/** How many of the branch's recent commits GitHub verified; unsigned ones are a finding unless signing is required. */
function recentHistory(
  github: GitHubFacts,
  required: Met,
  evidence: Evidence[],
  findings: Finding[],
): { verified: number; total: number } | undefined {
  const { branch } = github;
  if (!isKnown(github.commits)) {
    evidence.push({
      summary: `commits on ${branch}: not observable (${github.commits.unknown.reason})`,
      source: 'not observable',
    });
    return undefined;
  }
  const list = github.commits.value;
  const unsigned = list.filter((c) => !c.verified);
  const share = { verified: list.length - unsigned.length, total: list.length };
  evidence.push({
    summary: `${share.verified} of the last ${share.total} commits on ${branch} have a verified signature`,
    source: 'commit verification (GitHub)',
  });
  if (unsigned.length && required !== true) {
    findings.push(
      finding(ID, {
        severity: 'medium',
        message: `${unsigned.length} of the last ${list.length} commits on ${branch} are not verified: ${describe(unsigned)}.`,
        remediation:
          'Sign commits (git config commit.gpgsign true, or SSH signing) and require signed commits in a branch ruleset.',
      }),
    );
  }
  return share;
}

/** The pull request's unverified commits, named (the first `MAX_NAMED`) and counted. */
function pullRequestFindings(
  github: GitHubFacts,
  pullCommits: Fact<CommitFacts[]>,
  required: Met,
  evidence: Evidence[],
): Finding[] {
  if (!isKnown(pullCommits)) {
    evidence.push({
      summary: `pull request commits: not observable (${pullCommits.unknown.reason})`,
      source: 'not observable',
    });
    return [];
  }
  const findings: Finding[] = [];
  const unsigned = pullCommits.value.filter((c) => !c.verified);
  evidence.push({
    summary: `pull request #${github.pullNumber}: ${pullCommits.value.length - unsigned.length} of ${pullCommits.value.length} commits verified`,
    source: 'commit verification (GitHub)',
  });
  for (const c of unsigned.slice(0, MAX_NAMED)) {
    findings.push(
      finding(ID, {
        severity: required === true ? 'high' : 'medium',
        message: `Commit ${c.sha.slice(0, 12)} "${c.subject}"${c.author ? ` by ${c.author}` : ''} in pull request #${github.pullNumber} is not verified (${c.reason})${required === true ? `; ${github.branch} requires signed commits, so it cannot be merged as is` : ''}.`,
        remediation:
          'Re-sign the commits (git rebase --exec "git commit --amend --no-edit -S") and force-push the pull request branch.',
      }),
    );
  }
  if (unsigned.length > MAX_NAMED) {
    findings.push(
      finding(ID, {
        severity: 'medium',
        message: `${unsigned.length - MAX_NAMED} more unverified commits in pull request #${github.pullNumber}.`,
      }),
    );
  }
  return findings;
}

function describe(commits: CommitFacts[]): string {
  const named = commits.slice(0, 5).map((c) => `${c.sha.slice(0, 7)}${c.author ? ` (${c.author})` : ''}`);
  return commits.length > 5 ? `${named.join(', ')} and ${commits.length - 5} more` : named.join(', ');
}
