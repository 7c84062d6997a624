/**
 * Which committed `.gitignore` line leaves a path out of the repository. A file that is ignored on
 * purpose (a library's `Cargo.lock`) is the project's choice, not an oversight.
 */
import { globMatcher } from '../glob.js';
import { splitLines } from './locate.js';

/** The `.gitignore` line that decides a path is ignored. */
export interface IgnoringLine {
  /** The `.gitignore` file. */
  path: string;
  line: number;
  pattern: string;
}

/** One pattern line of a `.gitignore`. */
export interface IgnoreRule {
  line: number;
  pattern: string;
  negated: boolean;
  directoryOnly: boolean;
  /** Matches a path relative to the `.gitignore`'s folder (anchored) or a name at any depth. */
  matches: (relative: string) => boolean;
}

/** Lines longer than this are no ignore pattern anyone wrote: they are skipped. */
const MAX_PATTERN_CHARS = 1024;

/** The line without its trailing whitespace, but for a space escaped with a backslash (kept, as git does). */
function withoutTrailingSpace(line: string): string {
  let end = line.length;
  while (end > 0 && /\s/.test(line[end - 1]!)) end--;
  return end < line.length && line[end - 1] === '\\' ? line.slice(0, end + 1) : line.slice(0, end);
}

/** The rules of one `.gitignore`, in order (later rules win, as in git). */
export function gitignoreRules(text: string): IgnoreRule[] {
  const rules: IgnoreRule[] = [];
  splitLines(text).forEach((raw, i) => {
    if (raw.length > MAX_PATTERN_CHARS) return;
    let pattern = withoutTrailingSpace(raw);
    if (!pattern || pattern.startsWith('#')) return;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    pattern = pattern.replace(/^\\([#!])/, '$1');
    const directoryOnly = pattern.endsWith('/');
    const body = directoryOnly ? pattern.slice(0, -1) : pattern;
    if (!body) return;
    // A slash anywhere but at the end anchors the pattern to the .gitignore's folder.
    const anchored = body.includes('/');
    const glob = anchored ? body.replace(/^\//, '') : body;
    const test = globMatcher(glob);
    rules.push({
      line: i + 1,
      pattern: raw.trim(),
      negated,
      directoryOnly,
      matches: anchored ? test : (relative) => test(relative.slice(relative.lastIndexOf('/') + 1)),
    });
  });
  return rules;
}

/**
 * The line that ignores `path` (a file), reading the `.gitignore` of every folder from the root
 * down to the file's own; undefined when none does, or the last matching line re-includes it.
 */
export function ignoringLine(
  path: string,
  rulesIn: (gitignorePath: string) => readonly IgnoreRule[] | undefined,
): IgnoringLine | undefined {
  const segments = path.split('/');
  let decided: IgnoringLine | undefined;
  for (let depth = 0; depth < segments.length; depth++) {
    const dir = segments.slice(0, depth).join('/');
    const file = dir ? `${dir}/.gitignore` : '.gitignore';
    const rules = rulesIn(file);
    if (!rules) continue;
    // The file itself, or a folder on its way (`target/` ignores everything under it).
    const candidates = segments.slice(depth).map((_, k) => ({
      path: segments.slice(depth, depth + k + 1).join('/'),
      isFile: depth + k + 1 === segments.length,
    }));
    for (const rule of rules) {
      const hit = candidates.some((c) => (c.isFile ? !rule.directoryOnly : true) && rule.matches(c.path));
      if (!hit) continue;
      decided = rule.negated ? undefined : { path: file, line: rule.line, pattern: rule.pattern };
    }
  }
  return decided;
}
