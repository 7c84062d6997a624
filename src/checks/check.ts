/**
 * What a check is: an id (its rule-pack entry holds title, severity, weight and claims), a
 * declaration of the files it needs (the engine opens only those), optionally a pure per-file pass
 * run as files are read, and a pure function from evidence to an outcome.
 */
import type { GitHubFacts } from '../github/facts.js';
import type { CheckOutcome, CheckStatus, ClaimVerdict, Finding } from '../model/types.js';
import { createMemo, type EvidenceContext } from '../evidence/context.js';
import type { FileNeed, FileVisitor, RepoFiles } from '../repo/files.js';

export { createMemo };

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
  run(ctx: CheckContext): CheckOutcome;
}

/** What an API check sees: the files, and the GitHub facts when the scan is online. */
export type ApiCheckContext = CheckContext;

export interface ApiCheck {
  id: string;
  source: 'api';
  /** Files it also reads (optional); undefined for files it does not need. */
  needs?(path: string): FileNeed | undefined;
  /** Without `ctx.github` (an offline scan) it returns `offlineOutcome()`. */
  run(ctx: ApiCheckContext): CheckOutcome;
}

export type Check = FileCheck | ApiCheck;

/** An API check's outcome when the scan had no GitHub access. */
export function offlineOutcome(): CheckOutcome {
  return {
    status: 'unknown',
    summary: 'Not observed: this check reads GitHub settings, and the scan was offline.',
    findings: [],
    evidence: [],
    unknown: {
      reason: 'offline scan',
      howToObserve:
        'run with --repo OWNER/NAME and a token (GITHUB_TOKEN or --token); in the action, set the token input',
    },
  };
}

/** A context for tests and other pure callers. */
export function checkContext(files: RepoFiles, today = new Date()): CheckContext {
  return { files, today, memo: createMemo() };
}

/** Builds a finding for `checkId` without repeating the id at every call site. */
export function finding(checkId: string, f: Omit<Finding, 'checkId'>): Finding {
  return { checkId, ...f };
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
