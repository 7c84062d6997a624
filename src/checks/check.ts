/**
 * What a check is: an id (its rule-pack entry holds title, severity, weight and claims), a
 * declaration of the files it needs (the engine opens only those) or, for an API check, of the
 * GitHub facts it reads, optionally a pure per-file pass run as files are read, and a pure
 * function from evidence to an outcome. `runCheck` is how the engine runs one.
 */
import { isKnown, type Fact } from '../github/fact.js';
import { firstUnknown } from '../github/verdicts.js';
import type { GitHubFactKey, GitHubFacts } from '../github/facts.js';
import type { ActionLookup } from '../github/pins.js';
import type {
  CheckOutcome,
  CheckStatus,
  ClaimVerdict,
  Evidence,
  Finding,
  Location,
  RelatedLocation,
  Severity,
  Confidence,
} from '../model/types.js';
import { createMemo, type EvidenceContext } from '../evidence/context.js';
import type { FileNeed, FileVisitor, RepoFiles } from '../repo/files.js';
import { notObservable, offline } from './outcome.js';
import type { WorkflowAudit } from './walk.js';

export interface CheckContext extends EvidenceContext {
  /** The date checks compare against (end-of-support dates, staleness); an input so tests are deterministic. */
  today: Date;
  /**
   * GitHub facts when the scan is online. API checks depend on them; file checks may use them to
   * add certainty (e.g. SBOMs attached to releases) but must judge the files without them.
   */
  github?: GitHubFacts;
}

export interface FileCheck {
  id: string;
  source: 'files';
  /** Which files this check reads, and how much of each; undefined for files it does not need. */
  needs(path: string): FileNeed | undefined;
  /**
   * A per-file pass over files the check reads but need not keep; `run` reads its results with
   * `ctx.files.visited(visitor)`. The engine runs it while reading, so the texts are not held.
   */
  visitor?: FileVisitor;
  /**
   * Hooks into the engine's one walk of the parsed workflows and action files (walk.ts); `run`
   * reads what they gathered with `audited(ctx, audit)`.
   */
  audit?: WorkflowAudit<unknown>;
  /**
   * Online, what the check wants GitHub asked about the actions it references (SHA pins, named
   * refs, repositories) before it runs; the engine asks after the walk and gives the answers to
   * every check as `ctx.github.actionPins`.
   */
  pinsToVerify?(ctx: CheckContext): readonly ActionLookup[];
  /**
   * Families of the scan's memo the check reads whose entries are large (`MARKDOWN_MEMO`): the
   * scan drops a family once no check left to run names it. A check that reads one without naming
   * it is still right, only slower: it builds the entries again.
   */
  memoFamilies?: readonly string[];
  run(ctx: CheckContext): CheckOutcome;
}

/** What an API check sees: the files, and the GitHub facts (the engine runs it only online). */
export type ApiCheckContext = CheckContext & { github: GitHubFacts };

export interface ApiCheck {
  id: string;
  source: 'api';
  /** The GitHub facts it reads. */
  facts: readonly GitHubFactKey[];
  /**
   * The facts it judges: when none of them was observed there is nothing to judge, and the engine
   * reports the check unknown with `unobserved` and the first fact's reason instead of running it.
   */
  judges?: { facts: readonly GitHubFactKey[]; unobserved: string | ((github: GitHubFacts) => string) };
  /** Files it also reads (optional); undefined for files it does not need. */
  needs?(path: string): FileNeed | undefined;
  run(ctx: ApiCheckContext): CheckOutcome;
}

export type Check = FileCheck | ApiCheck;

/** Runs a check: an API check is unknown offline, and unknown when none of the facts it judges was observed. */
export function runCheck(check: Check, ctx: CheckContext): CheckOutcome {
  if (check.source === 'files') return check.run(ctx);
  const { github } = ctx;
  if (!github) return offline();
  if (check.judges) {
    const judged: (Fact<unknown> | undefined)[] = check.judges.facts.map((key) => github[key]);
    const blind = judged.every((fact) => !fact || !isKnown(fact)) ? firstUnknown(...judged) : undefined;
    const { unobserved } = check.judges;
    if (blind)
      return notObservable(typeof unobserved === 'string' ? unobserved : unobserved(github), {
        unknown: blind,
      });
  }
  return check.run({ ...ctx, github });
}

/** A context for tests and other pure callers. */
export function checkContext(files: RepoFiles, today = new Date()): CheckContext {
  return { files, today, memo: createMemo() };
}

/** Builds a finding for `checkId` without repeating the id at every call site. */
export function finding(checkId: string, f: Omit<Finding, 'checkId'>): Finding {
  return { checkId, ...f };
}

/** What a finding says, apart from where: the fields `findingAt` takes beside a location. */
export interface FindingText {
  severity: Severity;
  /** Unset when the evidence shows it outright (high). */
  confidence?: Confidence;
  /** The rule inside the check that raised it, when the check holds several. */
  rule?: string;
  message: string;
  remediation?: string;
  /** Other places that explain the finding, each with a note. */
  related?: RelatedLocation[];
}

/**
 * The one builder of a located finding: the location (or none, for a finding about the repository
 * as a whole) spread into the report's fields, always in the same order.
 */
export function findingAt(checkId: string, where: Location | undefined, text: FindingText): Finding {
  return {
    checkId,
    severity: text.severity,
    ...(text.confidence !== undefined && text.confidence !== 'high' && { confidence: text.confidence }),
    ...(text.rule !== undefined && { rule: text.rule }),
    ...(where && fieldsOf(where)),
    message: text.message,
    ...(text.related?.length && { related: text.related.map((r) => ({ ...fieldsOf(r), note: r.note })) }),
    ...(text.remediation !== undefined && { remediation: text.remediation }),
  };
}

/** A location's fields that are set (a finding has no key for a column it does not know). */
function fieldsOf(where: Location): Location {
  const out: Location = { path: where.path };
  if (where.line !== undefined) out.line = where.line;
  if (where.column !== undefined) out.column = where.column;
  if (where.endLine !== undefined) out.endLine = where.endLine;
  if (where.endColumn !== undefined) out.endColumn = where.endColumn;
  return out;
}

/**
 * A check's status from its per-claim verdicts: pass when every claim passes, partial when some
 * pass or are partial, unknown when none was observed, fail otherwise.
 */
export function statusFromClaims(claims: Record<string, ClaimVerdict>): CheckStatus {
  const statuses = Object.values(claims).map((c) => c.status);
  if (statuses.every((s) => s === 'pass')) return 'pass';
  if (statuses.some((s) => s === 'pass' || s === 'partial')) return 'partial';
  if (statuses.some((s) => s === 'unknown')) return 'unknown';
  return 'fail';
}

/**
 * Per-file evidence entries a check lists one by one; the rest are counted in one entry. Far above
 * any real repository's workflow count, so only a flood of files (a hostile or generated tree) is
 * summarised: 100,000 workflows would otherwise add 100,000 entries to each such check's report.
 */
export const EVIDENCE_LIST_CAP = 200;

/**
 * A check's evidence list that keeps the first `cap` entries and counts the rest. Only evidence is
 * summarised: every finding is still reported, with its own path and line.
 */
export class EvidenceList {
  private readonly listed: Evidence[] = [];
  private unlisted = 0;

  constructor(private readonly cap = EVIDENCE_LIST_CAP) {}

  /** Adds an entry; `make` runs only while the list has room, so an unlisted entry costs nothing. */
  add(make: () => Evidence): void {
    if (this.listed.length < this.cap) this.listed.push(make());
    else this.unlisted++;
  }

  /** The listed entries and, when some were not listed, one entry that says how many (`more(count)`). */
  entries(more: (count: number) => string): Evidence[] {
    return this.unlisted ? [...this.listed, { summary: more(this.unlisted) }] : [...this.listed];
  }
}

/** "1 more workflow" / "12,345 more workflows": a count of unlisted entries, for `EvidenceList`. */
export function moreOf(count: number, one: string, many: string): string {
  return `${countText(count)} more ${count === 1 ? one : many}`;
}

/**
 * A whole number with commas between groups of three digits ("12,345"), as `toLocaleString('en-GB')`
 * writes it. The first call of a locale method loads ICU's number formatting, 6–10 ms of every scan;
 * counts need none of it. Anything but a count (negative, -0, a fraction, past 2^53) is left to
 * the locale method.
 */
export function countText(count: number): string {
  if (!Number.isSafeInteger(count) || count < 0 || Object.is(count, -0)) {
    // eslint-disable-next-line no-restricted-properties -- what is not a count keeps ICU's rendering
    return count.toLocaleString('en-GB');
  }
  const digits = String(count);
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}

/**
 * One copy of each distinct finding text. A check that reports the same problem in many files (an
 * unpinned `actions/checkout@v4` in every workflow) builds an equal message and remediation each
 * time; pooled, the findings share one string instead of each holding its own.
 */
export class FindingTexts {
  private readonly texts = new Map<string, string>();

  /** The finding, its message and remediation replaced by their pooled copies. */
  share(f: Finding): Finding {
    f.message = this.pooled(f.message);
    if (f.remediation !== undefined) f.remediation = this.pooled(f.remediation);
    return f;
  }

  private pooled(text: string): string {
    const known = this.texts.get(text);
    if (known !== undefined) return known;
    this.texts.set(text, text);
    return text;
  }
}
