/**
 * Verdicts on incomplete evidence. A file a check needed (its text or head, or its visitor wanted
 * it) that could not be read — larger than the read limit, a link out of the checkout or into
 * .git, not a regular file, unreadable — or that was read but refused by its parse budget is not
 * an absent file: padding a Dockerfile past the limit, or a workflow past its budget, must not make
 * its check pass. The scan applies this to every check's outcome: a pass or not-applicable becomes
 * unknown, naming the files and why; a partial, failing or unknown verdict stands with its
 * findings, and says which of its inputs it did not see. A file over its parse budget is also a
 * finding of each check that needed it (unless the check reported it itself).
 */
import type { OverBudgetFile } from '../evidence/parse-budget.js';
import type { CheckOutcome, ClaimVerdict, Evidence, Finding } from '../model/types.js';
import type { RepoFiles, SkippedFile } from '../repo/files.js';
import { NOTHING_TO_READ } from '../repo/read-file.js';
import type { Check } from './check.js';

/** Unread files named in a reason; the rest are counted. */
const NAMED_IN_REASON = 3;
/** Unread files listed one by one in the evidence. */
const LISTED_IN_EVIDENCE = 20;

const HOW_TO_OBSERVE =
  'commit each file the check needs as a regular file inside the checkout, within the read limit ' +
  '(not a link out of the checkout or into .git), or remove it';

/** The files `check` needed that were not read, with why. */
export function unreadInputs(check: Check, files: RepoFiles): SkippedFile[] {
  return files.skipped.filter(({ path, reason }) => {
    if (NOTHING_TO_READ.has(reason)) return false;
    const need = check.needs?.(path);
    if (need === 'text' && files.text(path) === undefined) return true;
    // A file too large to read whole still gives its head.
    if (need === 'head' && files.head(path) === undefined) return true;
    return check.source === 'files' && check.visitor?.wants(path) === true;
  });
}

/** The files `check` read as text that were over their parse budget. */
function overBudgetInputs(check: Check, overBudget: ReadonlyMap<string, OverBudgetFile>): OverBudgetFile[] {
  return [...overBudget.values()].filter((f) => check.needs?.(f.path) === 'text');
}

/**
 * The outcome as it stands once the files `check` needed and could not read, or read and could
 * not parse within budget, are accounted for.
 */
export function judgeUnreadInputs(
  check: Check,
  outcome: CheckOutcome,
  files: RepoFiles,
  overBudget: ReadonlyMap<string, OverBudgetFile> = new Map(),
): CheckOutcome {
  const refused = overBudgetInputs(check, overBudget);
  const unread = [
    ...unreadInputs(check, files),
    ...refused.map((f) => ({ path: f.path, reason: `not parsed: ${f.message}` })),
  ];
  if (!unread.length) return outcome;
  outcome = {
    ...outcome,
    findings: [...outcome.findings, ...overBudgetFindings(check.id, outcome, refused)],
  };
  const evidence: Evidence[] = [
    ...outcome.evidence,
    ...unread.slice(0, LISTED_IN_EVIDENCE).map((s) => ({ summary: `not read: ${s.reason}`, path: s.path })),
  ];
  const reason = `could not read ${unread.length === 1 ? 'a file' : `${unread.length} files`} it needs: ${unreadList(unread)}`;
  const claims = outcome.claims && withoutUnseenPasses(outcome.claims, reason);
  if (outcome.status === 'pass' || outcome.status === 'not-applicable') {
    return {
      ...outcome,
      status: 'unknown',
      summary: `Not judged: ${reason}. Without ${unread.length === 1 ? 'it' : 'them'}: ${outcome.summary}`,
      evidence,
      unknown: { reason, howToObserve: HOW_TO_OBSERVE },
      ...(claims ? { claims } : {}),
    };
  }
  return {
    ...outcome,
    summary: `${outcome.summary} Evidence incomplete: ${reason}.`,
    evidence,
    unknown: outcome.unknown
      ? {
          reason: `${outcome.unknown.reason}; ${reason}`,
          howToObserve: `${outcome.unknown.howToObserve}; ${HOW_TO_OBSERVE}`,
        }
      : { reason, howToObserve: HOW_TO_OBSERVE },
    ...(claims ? { claims } : {}),
  };
}

/** A finding on each over-budget file the check did not report itself. */
function overBudgetFindings(checkId: string, outcome: CheckOutcome, refused: OverBudgetFile[]): Finding[] {
  const reported = new Set(outcome.findings.map((f) => f.path));
  return refused
    .filter((f) => !reported.has(f.path))
    .map((f) => ({
      checkId,
      severity: 'medium' as const,
      path: f.path,
      ...(f.line !== undefined ? { line: f.line } : {}),
      message: `${f.path} was not parsed, so this check could not read it: ${f.message}.`,
      remediation: 'Split or simplify the file; real files of this kind are far smaller.',
    }));
}

/** `Dockerfile (larger than …)`, or the first few and a count of the rest. */
function unreadList(unread: readonly SkippedFile[]): string {
  const named = unread.slice(0, NAMED_IN_REASON).map((s) => `${s.path} (${s.reason})`);
  const rest = unread.length - named.length;
  return rest > 0 ? `${named.join(', ')} and ${rest} more` : named.join(', ');
}

/** Claim verdicts of pass or not-applicable rest on files that were not all read: unknown. */
function withoutUnseenPasses(
  claims: Record<string, ClaimVerdict>,
  reason: string,
): Record<string, ClaimVerdict> {
  return Object.fromEntries(
    Object.entries(claims).map(([id, verdict]) => [
      id,
      verdict.status === 'pass' || verdict.status === 'not-applicable'
        ? { status: 'unknown', note: `${verdict.note} (not judged: ${reason})` }
        : verdict,
    ]),
  );
}
