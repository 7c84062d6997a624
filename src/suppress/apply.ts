/**
 * The suppression pass, between the checks and the report: marks the findings an inline comment
 * or a config `ignore:` entry accepts (they stay in every report, with the reason), and says what
 * did not apply — an expired entry, a comment without a reason, a suppression a pull request adds
 * on its own lines. Pure: the same outcomes and sources give the same result.
 *
 * What a suppression changes: which findings count. It never changes a check's status, so the
 * score and the claims still describe the repository as it is (README, "Suppressions").
 */
import type { IgnoreEntry } from '../config/config.js';
import { isoDay } from '../evidence/dates.js';
import { isChanged, type ChangedLines } from '../evidence/diff.js';
import type { CheckOutcome, Finding, Suppression } from '../model/types.js';
import { findingFingerprints } from '../report/fingerprint.js';
import { namesFinding } from '../report/finding-text.js';
import { globMatcher } from '../glob.js';
import { redactCredentials } from '../report/redact.js';
import { shorten } from '../shorten.js';
import type { InlineComments, InlineSuppression } from './inline.js';

export interface SuppressionSources {
  /** Suppression comments by file (the collector's inline-suppression visitor). */
  inline: ReadonlyMap<string, InlineComments>;
  ignore: readonly IgnoreEntry[];
  /** The config file the entries are written in, as reports name it, and each entry's line. */
  configFile: string;
  entryLine: (entry: IgnoreEntry) => number | undefined;
  today: Date;
  isCheck: (id: string) => boolean;
  /**
   * On a pull request, the lines it adds: a suppression comment on one of them is the pull
   * request's own, and applies only when the workflow allows it.
   */
  pullRequest?: { added: ChangedLines; allow: boolean };
}

/** A config entry past its date: it no longer applies. */
export interface ExpiredIgnore {
  check: string;
  path: string;
  expires: string;
  reason: string;
  line?: number;
  /** Findings it would otherwise have suppressed. */
  findings: number;
}

/** A suppression a pull request adds on its own lines, and the finding it names. */
export interface PullRequestSuppression {
  checkId: string;
  path: string;
  line?: number;
  reason: string;
  /** The comment's line. */
  commentLine: number;
}

/** What the reports say about suppressions as a whole (absent when there are none). */
export interface SuppressionSummary {
  /** Findings a suppression applies to. */
  applied: number;
  expired: ExpiredIgnore[];
  /** Suppressions the pull request adds on lines it adds; `applied` when the workflow allows them. */
  pullRequest?: { applied: boolean; findings: PullRequestSuppression[] };
}

export interface Suppressed {
  outcomes: Map<string, CheckOutcome>;
  summary?: SuppressionSummary;
  /** For the report's notes: expired entries, comments that suppress nothing. */
  notes: string[];
}

const REASON_CHARS = 500;
/** Notes about comments that suppress nothing, beyond which they are counted. */
const MAX_COMMENT_NOTES = 20;

export function applySuppressions(
  outcomes: ReadonlyMap<string, CheckOutcome>,
  sources: SuppressionSources,
): Suppressed {
  const today = isoDay(sources.today);
  const entries = sources.ignore.map((entry) => ({
    entry,
    matchesPath: globMatcher(entry.path),
    expired: entry.expires !== undefined && entry.expires < today,
    matched: 0,
  }));
  const prFindings: PullRequestSuppression[] = [];
  const prAllowed = sources.pullRequest?.allow === true;
  let applied = 0;

  // Fingerprints cost a hash per finding: worked out only when an entry names one.
  const byFingerprint = entries.some((e) => e.entry.fingerprint !== undefined);

  const suppressionOf = (f: Finding, fingerprint: string | undefined): Suppression | undefined => {
    const comment = inlineFor(sources.inline, f);
    if (comment) {
      const byPullRequest = sources.pullRequest && isChanged(sources.pullRequest.added, f.path, comment.line);
      if (byPullRequest)
        prFindings.push({
          checkId: f.checkId,
          path: f.path!,
          ...(f.line !== undefined ? { line: f.line } : {}),
          reason: cleanReason(comment.reason),
          commentLine: comment.line,
        });
      if (!byPullRequest || prAllowed)
        return { reason: cleanReason(comment.reason), source: 'inline', path: f.path!, line: comment.line };
    }
    for (const e of entries) {
      const { entry } = e;
      if (!namesFinding(entry.check, f)) continue;
      if (!(f.path === undefined ? entry.path === '**' : e.matchesPath(f.path))) continue;
      if (entry.line !== undefined && entry.line !== f.line) continue;
      if (entry.fingerprint !== undefined && entry.fingerprint !== fingerprint) continue;
      e.matched++;
      if (e.expired) continue;
      const line = sources.entryLine(entry);
      return {
        reason: cleanReason(entry.reason),
        source: 'config',
        path: sources.configFile,
        ...(line !== undefined ? { line } : {}),
        ...(entry.expires ? { expires: entry.expires } : {}),
        ...(entry.owner ? { owner: cleanReason(entry.owner) } : {}),
      };
    }
    return undefined;
  };

  const out = new Map<string, CheckOutcome>();
  for (const [id, outcome] of outcomes) {
    const prints = byFingerprint ? findingFingerprints(outcome.findings) : undefined;
    const findings = outcome.findings.map((f, i) => {
      const suppression = suppressionOf(f, prints?.[i]);
      if (!suppression) return f;
      applied++;
      return { ...f, suppressed: true as const, suppression };
    });
    out.set(id, { ...outcome, findings: [...findings, ...commentProblems(sources.inline, id)] });
  }

  const commentNotes = [...unknownIds(sources), ...problemsWithoutCheck(sources)];
  const notes = commentNotes.slice(0, MAX_COMMENT_NOTES);
  if (commentNotes.length > MAX_COMMENT_NOTES)
    notes.push(`${commentNotes.length - MAX_COMMENT_NOTES} more sscop: ignore comments suppress nothing`);
  const expired: ExpiredIgnore[] = entries
    .filter((e) => e.expired)
    .map(({ entry, matched }) => {
      const line = sources.entryLine(entry);
      return {
        check: entry.check,
        path: entry.path,
        expires: entry.expires!,
        reason: cleanReason(entry.reason),
        ...(line !== undefined ? { line } : {}),
        findings: matched,
      };
    });
  for (const e of expired) {
    notes.push(
      `the ignore entry for ${e.check} on ${e.path} in ${sources.configFile}${e.line ? `:${e.line}` : ''} expired on ${e.expires}: ${e.findings} finding(s) it accepted count again`,
    );
  }
  const summary: SuppressionSummary = {
    applied,
    expired,
    ...(prFindings.length ? { pullRequest: { applied: prAllowed, findings: prFindings } } : {}),
  };
  const any = applied > 0 || expired.length > 0 || prFindings.length > 0;
  return { outcomes: out, notes, ...(any ? { summary } : {}) };
}

/** The comment on the finding's line or the line above that names its check. */
function inlineFor(inline: SuppressionSources['inline'], f: Finding): InlineSuppression | undefined {
  if (f.path === undefined || f.line === undefined) return undefined;
  const line = f.line;
  return inline
    .get(f.path)
    ?.suppressions.find(
      (s) => (s.line === line || s.line === line - 1) && s.checkIds.some((id) => namesFinding(id, f)),
    );
}

/** A comment that suppresses nothing is a finding of each check it names. */
function commentProblems(inline: SuppressionSources['inline'], checkId: string): Finding[] {
  const out: Finding[] = [];
  for (const [path, found] of inline) {
    for (const p of found.problems) {
      if (!p.checkIds.some((id) => id === checkId || id.startsWith(`${checkId}/`))) continue;
      out.push({
        checkId,
        severity: 'low',
        path,
        line: p.line,
        message: `This sscop: ignore comment suppresses nothing: it ${p.problem}.`,
        remediation: 'Write `# sscop: ignore[CHECK-ID] reason` with the reason the finding is accepted.',
      });
    }
  }
  return out;
}

/** Problems of comments that name no check the scan knows: a note (no check to hold them). */
function problemsWithoutCheck(sources: SuppressionSources): string[] {
  const notes: string[] = [];
  for (const [path, found] of sources.inline) {
    for (const p of found.problems) {
      if (p.checkIds.some(sources.isCheck)) continue;
      notes.push(`${path}:${p.line}: an sscop: ignore comment suppresses nothing: it ${p.problem}`);
    }
  }
  return notes;
}

/** Check ids in suppression comments that are not checks (a typo suppresses nothing). */
function unknownIds(sources: SuppressionSources): string[] {
  const notes: string[] = [];
  for (const [path, found] of sources.inline) {
    for (const s of found.suppressions) {
      const unknown = s.checkIds.filter((id) => !sources.isCheck(id));
      if (unknown.length)
        notes.push(
          `${path}:${s.line}: an sscop: ignore comment names ${unknown.map((id) => `"${shorten(id, 60)}"`).join(', ')}, not a check id (see sscop checks): it suppresses nothing for ${unknown.length === 1 ? 'it' : 'them'}`,
        );
    }
  }
  return notes;
}

/** A reason as reports show it: credentials redacted, bounded. */
function cleanReason(text: string): string {
  return shorten(redactCredentials(text), REASON_CHARS);
}
