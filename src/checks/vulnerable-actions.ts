/**
 * The rule `known-vulnerable-action` of the workflow reference check: each referenced action's
 * version against the GitHub Advisory Database's ranges for it (read online by
 * github/action-advisories.ts). A release tag is matched exactly; a tag that moves with its line
 * (`v4`) only when every release of the line is affected, since it points at the newest one; a
 * SHA by the version its comment names, with medium confidence as the comment is not verified here.
 */
import type { ActionAdvisory, ActionVulnerability, AdvisoryLookup } from '../github/action-advisories.js';
import type { Evidence, Location, Severity } from '../model/types.js';
import { shorten } from '../shorten.js';
import {
  inRange,
  lineInRange,
  parseRange,
  parseVersion,
  taggedVersions,
  type TaggedVersions,
} from './version-range.js';
import type { RuleHit } from './workflow-rules.js';

export const RULE = 'known-vulnerable-action';

/** A remote action reference as this rule reads it. */
export interface VersionedReference {
  /** `owner/repo`. */
  repository: string;
  /** `owner/repo`, or `owner/repo/path` for an action in a folder. */
  action: string;
  /** The tag it names, or the version its SHA's comment names. */
  version?: { text: string; from: 'tag' | 'comment' };
  at: Location;
  place: string;
}

/** What matching found beside the hits, for the evidence. */
interface Tally {
  judged: number;
  unversioned: number;
  unobserved: number;
  /** References whose names were beyond the cap of names asked. */
  unasked: number;
  /** Moving tags whose line has affected releases and a fixed one: not reported. */
  lineFixed: number;
  unreadRanges: number;
}

const SEVERITY = new Map<string, Severity>([
  ['critical', 'critical'],
  ['high', 'high'],
  ['medium', 'medium'],
  ['moderate', 'medium'],
  ['low', 'low'],
]);

/** The names GitHub's advisories may give an action: its repository, and its folder's path. */
export function advisoryNamesOf(r: Pick<VersionedReference, 'repository' | 'action'>): string[] {
  const names = [r.repository];
  if (r.action.toLowerCase() !== r.repository.toLowerCase() && !/\.ya?ml$/i.test(r.action))
    names.push(r.action);
  return names;
}

/** The hits for every reference whose version an advisory covers, and the evidence of the matching. */
export function vulnerableActions(
  references: readonly VersionedReference[],
  lookup: AdvisoryLookup,
): { hits: RuleHit[]; evidence: Evidence } {
  const byName = new Map<string, { advisory: ActionAdvisory; vulnerability: ActionVulnerability }[]>();
  for (const advisory of lookup.advisories) {
    for (const vulnerability of advisory.vulnerabilities) {
      const list = byName.get(vulnerability.name) ?? [];
      list.push({ advisory, vulnerability });
      byName.set(vulnerability.name, list);
    }
  }
  const answered = new Set(lookup.answered);
  const unanswered = new Set(lookup.unanswered.flatMap((u) => u.names));
  const tally: Tally = {
    judged: 0,
    unversioned: 0,
    unobserved: 0,
    unasked: 0,
    lineFixed: 0,
    unreadRanges: 0,
  };
  const hits: RuleHit[] = [];
  for (const r of references) {
    const versions = r.version && taggedVersions(r.version.text);
    const names = advisoryNamesOf(r).map((n) => n.toLowerCase());
    if (!versions) tally.unversioned++;
    else if (names.some((n) => unanswered.has(n))) tally.unobserved++;
    else if (!names.every((n) => answered.has(n))) tally.unasked++;
    else {
      tally.judged++;
      const matches = names.flatMap((n) => byName.get(n) ?? []);
      const seen = new Set<string>();
      for (const { advisory, vulnerability } of matches) {
        if (seen.has(advisory.ghsaId)) continue;
        const affected = affects(versions, vulnerability.range, tally);
        if (!affected) continue;
        seen.add(advisory.ghsaId);
        hits.push(hitFor(r, advisory, vulnerability));
      }
    }
  }
  return {
    hits,
    evidence: { summary: evidenceText(references.length, lookup, tally), source: 'GitHub API' },
  };
}

/** Whether the range covers the version; a moving tag only when it covers its whole line. */
function affects(versions: TaggedVersions, rangeText: string, tally: Tally): boolean {
  const range = parseRange(rangeText);
  if (!range) {
    tally.unreadRanges++;
    return false;
  }
  if ('exact' in versions) return inRange(versions.exact, range);
  if (lineInRange(versions.from, versions.below, range)) return true;
  if (inRange(versions.from, range)) tally.lineFixed++;
  return false;
}

function hitFor(
  r: VersionedReference,
  advisory: ActionAdvisory,
  vulnerability: ActionVulnerability,
): RuleHit {
  const { text, from } = r.version!;
  const what =
    from === 'tag' ? `\`${r.action}@${text}\`` : `\`${r.action}\` at a commit commented as ${text}`;
  // The fixed version is API text: shown only when it reads as a version.
  const fixed =
    vulnerability.firstPatched && parseVersion(vulnerability.firstPatched) && vulnerability.firstPatched;
  const link = `https://github.com/advisories/${advisory.ghsaId}`;
  const severity = SEVERITY.get(advisory.severity) ?? 'medium';
  const fix = fixed
    ? `fixed in ${fixed}`
    : vulnerability.firstPatched
      ? 'fixed release: see the advisory'
      : 'no fixed release';
  return {
    rule: RULE,
    severity,
    confidence: from === 'tag' ? 'high' : 'medium',
    at: r.at,
    scope: advisory.ghsaId,
    message:
      `${r.place} uses ${what}, a version that ${advisory.ghsaId} (${severity} severity) lists as vulnerable ` +
      `(affected: ${shorten(vulnerability.range, 60)}; ${fix}): “${advisory.summary}”.`,
    remediation: fixed
      ? `Upgrade to ${fixed} or later, pinned by full commit SHA with the version as a comment (${link}).`
      : vulnerability.firstPatched
        ? `Upgrade to the fixed release named in ${link}, pinned by full commit SHA.`
        : `No fixed release is published: remove the action or replace it, after reading ${link}.`,
  };
}

function evidenceText(total: number, lookup: AdvisoryLookup, tally: Tally): string {
  const parts = [
    `Advisories (GitHub Advisory Database): ${lookup.answered.length} action names answered in ` +
      `${lookup.requests} request${lookup.requests === 1 ? '' : 's'}, ${lookup.advisories.length} advisor${lookup.advisories.length === 1 ? 'y' : 'ies'} consulted`,
    `${tally.judged} of ${total} references judged by version`,
  ];
  if (tally.unversioned)
    parts.push(
      `${tally.unversioned} could not be matched to a version (a SHA without a version comment, a branch or another name)`,
    );
  if (tally.unobserved) {
    const why = lookup.unanswered[0]?.note;
    parts.push(
      `${tally.unobserved} not observed: GitHub did not answer${why ? ` (${shorten(why, 160)})` : ''}, so nothing is claimed of them`,
    );
  }
  if (tally.unasked) parts.push(`${tally.unasked} not asked: ${lookup.unasked} action names beyond the cap`);
  if (tally.lineFixed)
    parts.push(`${tally.lineFixed} moving tags (\`v4\`) whose line has a fixed release were not reported`);
  if (tally.unreadRanges) parts.push(`${tally.unreadRanges} version ranges could not be read`);
  return parts.join('; ');
}
