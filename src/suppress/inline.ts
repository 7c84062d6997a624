/**
 * Inline suppressions: `# sscop: ignore[CHECK-ID, OTHER-ID] reason text` in a file with `#`
 * comments (workflows and action files, other YAML, Dockerfiles, shell scripts). A comment applies
 * to findings on its own line and on the line below it. A comment without a reason, or without a
 * check id, suppresses nothing and is reported as a problem.
 *
 * Where a `#` starts a comment follows the format:
 * - YAML and shell: at the start of a line or after whitespace, outside quotes (a quoted `'# x'`
 *   or `"# x"` is text). A workflow's `run: |` block is shell, so the same rule reads both.
 * - Dockerfile: only a line whose first non-blank character is `#`; Docker treats a `#` anywhere
 *   else as an argument, so a comment goes on the line above the instruction.
 */
import { isDockerfilePath } from '../evidence/dockerfile.js';
import { lowerName } from '../evidence/locate.js';
import { errorMessage } from '../errors.js';
import type { FileVisitor, RepoFiles } from '../repo/files.js';
import { hasUtf16Bom } from '../repo/read-file.js';

export type CommentFormat = 'yaml' | 'shell' | 'dockerfile';

export interface InlineSuppression {
  /** The comment's line (1-based); it applies to findings on this line and the next. */
  line: number;
  checkIds: string[];
  reason: string;
}

/** A comment that looks like a suppression but cannot be one (no reason, no check id). */
export interface InlineProblem {
  line: number;
  /** The ids it names, if any (its problem is reported on those checks). */
  checkIds: string[];
  problem: string;
}

export interface InlineComments {
  suppressions: InlineSuppression[];
  problems: InlineProblem[];
}

/** The comment syntax of a file, or undefined when it has none this reader knows. */
export function commentFormat(path: string): CommentFormat | undefined {
  const name = lowerName(path);
  if (/\.ya?ml$/.test(name)) return 'yaml';
  if (/\.(?:sh|bash|zsh|ksh)$/.test(name)) return 'shell';
  if (isDockerfilePath(path)) return 'dockerfile';
  return undefined;
}

/** A reason shorter than this says nothing a reviewer can judge. */
const MIN_REASON_CHARS = 3;
/** A suppression names a handful of checks; more is a mistake (or an attempt to hide a lot). */
const MAX_IDS = 20;
const MARKER = 'sscop:';

/** The suppression comments in a file's text; undefined when it has none (most files). */
export function parseInlineComments(format: CommentFormat, text: string): InlineComments | undefined {
  if (!text.includes(MARKER)) return undefined;
  const found: InlineComments = { suppressions: [], problems: [] };
  let line = 0;
  for (const content of text.split('\n')) {
    line++;
    if (!content.includes(MARKER)) continue;
    const comment = commentText(format, content);
    if (comment === undefined) continue;
    const read = readDirective(comment);
    if (!read) continue;
    if ('problem' in read) found.problems.push({ line, checkIds: read.checkIds, problem: read.problem });
    else found.suppressions.push({ line, checkIds: read.checkIds, reason: read.reason });
  }
  return found.suppressions.length || found.problems.length ? found : undefined;
}

/**
 * The collector's pass over files with `#` comments: it keeps the suppressions, never the text.
 * Only files the scan reads anyway (`read`): a file no check reads holds no finding to suppress.
 */
export function inlineSuppressionVisitor(read: (path: string) => boolean): FileVisitor<InlineComments> {
  return {
    id: 'inline-suppressions',
    wants: (path) => commentFormat(path) !== undefined && read(path),
    visit: (path, text) => parseInlineComments(commentFormat(path)!, text),
    // The marker is ASCII, which UTF-8 writes as itself (and an invalid sequence never swallows):
    // bytes without it decode to a text without it, unless the text is UTF-16.
    showsNothingIn: (_path, bytes) =>
      !hasUtf16Bom(bytes) && Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(MARKER) < 0,
  };
}

/** The text after the `#` that starts the line's comment, if it has one. */
function commentText(format: CommentFormat, line: string): string | undefined {
  if (format === 'dockerfile') {
    const trimmed = line.trimStart();
    return trimmed.startsWith('#') ? trimmed.slice(1) : undefined;
  }
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    const before = i === 0 ? ' ' : line[i - 1]!;
    if (c === '#' && /\s/.test(before)) return line.slice(i + 1);
    // A quote opens a string where a value or word starts, not inside a word (`it's`).
    if ((c === '"' || c === "'") && /[\s=:[{(,]/.test(before)) quote = c;
  }
  return undefined;
}

type Directive = { checkIds: string[]; reason: string } | { checkIds: string[]; problem: string };

/** Reads `sscop: ignore[ids] reason` at the start of a comment; undefined when it is not one. */
function readDirective(comment: string): Directive | undefined {
  const m = /^\s*sscop:\s*ignore\b(.*)$/.exec(comment);
  if (!m) return undefined;
  const rest = m[1]!;
  const ids = /^\s*\[([^\]]{0,2000})\](.*)$/.exec(rest);
  if (!ids) return { checkIds: [], problem: 'is not in the form `# sscop: ignore[CHECK-ID] reason`' };
  const checkIds = [
    ...new Set(
      ids[1]!
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
  if (checkIds.length === 0) return { checkIds, problem: 'names no check id between the brackets' };
  if (checkIds.length > MAX_IDS) return { checkIds: [], problem: `names more than ${MAX_IDS} check ids` };
  const reason = ids[2]!.trim();
  if (reason.length < MIN_REASON_CHARS)
    return { checkIds, problem: 'gives no reason (say why after the brackets: it is shown in every report)' };
  return { checkIds, reason };
}

/**
 * The suppression comments the collector found, by file. If the pass failed (our bug), none: every
 * finding then counts, and a note says why.
 */
export function inlineComments(
  files: Pick<RepoFiles, 'visited'>,
  visitor: ReturnType<typeof inlineSuppressionVisitor>,
): { inline: ReadonlyMap<string, InlineComments>; note?: string } {
  try {
    return { inline: files.visited(visitor).results };
  } catch (error) {
    return {
      inline: new Map(),
      note: `sscop: ignore comments were not read (internal error: ${errorMessage(error).split('\n')[0]}); no comment suppresses a finding`,
    };
  }
}
