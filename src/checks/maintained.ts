/**
 * maintained: the repository is not archived and is still changing (recent commits on the
 * branch), and releases show how often updates reach users.
 */
import { isKnown } from '../github/fact.js';
import type { GitHubFacts, ReleaseFacts } from '../github/facts.js';
import { daysBetween } from '../github/verdicts.js';
import type { CheckOutcome, CheckStatus, ClaimVerdict, Evidence } from '../model/types.js';
import { finding, type ApiCheck } from './check.js';
import { notObservable, observed, unknown } from './outcome.js';

const ID = 'maintained';
/** A commit within this many days counts as active; within a year as slowing. */
export const ACTIVE_DAYS = 90;
export const STALE_DAYS = 365;

export const maintained: ApiCheck = {
  id: ID,
  source: 'api',
  facts: ['repo', 'commits', 'releases'],
  judges: { facts: ['repo'], unobserved: 'The repository could not be read.' },
  run: ({ github, today }) => evaluate(github, today),
};

function evaluate(github: GitHubFacts, today: Date): CheckOutcome {
  const repo = observed(github.repo, 'repo');
  const evidence: Evidence[] = [];
  const release = latestRelease(github.releases);
  const releaseVerdict = releaseClaim(github, release, today, evidence);

  if (repo.archived) {
    evidence.push({ summary: 'the repository is archived (read-only)', source: 'repository settings' });
    return {
      status: 'fail',
      summary: `${repo.fullName} is archived: it receives no updates.`,
      findings: [
        finding(ID, {
          severity: 'high',
          message: `${repo.fullName} is archived and no longer maintained.`,
          remediation:
            'Unarchive it and resume maintenance, or tell users it is end of life and what replaces it.',
        }),
      ],
      evidence,
      claims: {
        '3.5.1': { status: 'fail', note: 'archived: no updates are made' },
        '4.1.2': { status: 'fail', note: 'archived: no updates are made' },
      },
    };
  }
  if (!isKnown(github.commits)) {
    return { ...notObservable('Recent commits could not be read.', github.commits), evidence };
  }
  const last = github.commits.value.find((c) => c.date)?.date;
  if (!last) {
    return unknown(
      `${github.branch} has no commits with a date.`,
      { reason: 'no commits on the branch', howToObserve: 'scan a branch with history' },
      { evidence },
    );
  }
  const age = daysBetween(last, today);
  const recent = github.commits.value.filter(
    (c) => c.date && daysBetween(c.date, today) <= ACTIVE_DAYS,
  ).length;
  evidence.push({
    summary: `last commit on ${github.branch} ${age} day(s) ago; ${recent} commit(s) in the last ${ACTIVE_DAYS} days${recent >= 100 ? ' or more' : ''}`,
    source: 'commits (GitHub)',
  });
  const status: CheckStatus = age <= ACTIVE_DAYS ? 'pass' : age <= STALE_DAYS ? 'partial' : 'fail';
  const findings =
    status === 'pass'
      ? []
      : [
          finding(ID, {
            severity: status === 'fail' ? 'high' : 'medium',
            message: `No commit on ${github.branch} for ${age} days.`,
            remediation:
              'If the project is maintained, say so and how often it is updated (e.g. in SUPPORT.md); if not, archive it and announce end of life.',
          }),
        ];
  const summary =
    status === 'pass'
      ? `Active: last commit ${age} day(s) ago${release ? `, last release ${release.tagName}` : ', no GitHub releases'}.`
      : `No commit for ${age} days${release ? `; last release ${release.tagName}` : '; no GitHub releases'}.`;
  return {
    status,
    summary,
    findings,
    evidence,
    claims: { '3.5.1': releaseVerdict, '4.1.2': { status, note: summary } },
  };
}

function latestRelease(fact: GitHubFacts['releases']): ReleaseFacts | undefined {
  if (!isKnown(fact)) return undefined;
  return fact.value
    .filter((r) => !r.draft)
    .sort((a, b) => Date.parse(b.publishedAt ?? b.createdAt) - Date.parse(a.publishedAt ?? a.createdAt))[0];
}

/** Releases are how updates reach users (3.5.1): recent → pass, old → partial, none → unknown. */
function releaseClaim(
  github: GitHubFacts,
  release: ReleaseFacts | undefined,
  today: Date,
  evidence: Evidence[],
): ClaimVerdict {
  if (!isKnown(github.releases)) {
    evidence.push({
      summary: `releases: not observable (${github.releases.unknown.reason})`,
      source: 'not observable',
    });
    return { status: 'unknown', note: 'releases not observable' };
  }
  if (!release) {
    evidence.push({ summary: 'no GitHub releases', source: 'releases (GitHub)' });
    return {
      status: 'unknown',
      note: 'no GitHub releases: updates may reach users another way (a package registry)',
    };
  }
  const age = daysBetween(release.publishedAt ?? release.createdAt, today);
  evidence.push({
    summary: `latest release ${release.tagName} published ${age} day(s) ago`,
    source: 'releases (GitHub)',
  });
  return age <= STALE_DAYS
    ? { status: 'pass', note: `latest release ${release.tagName}, ${age} day(s) ago` }
    : { status: 'partial', note: `latest release ${release.tagName} is ${age} days old` };
}
