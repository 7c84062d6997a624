/**
 * Makefiles as data: each target's prerequisites and recipe lines (with their line numbers), the
 * simple variables recipes use, and the files a Makefile includes. Enough to say what `make test`
 * runs without running make: no functions, no pattern rules, no conditionals (both branches of an
 * `ifeq` are read, as either may be the one that runs).
 *
 * The text is a stranger's: lines are cut and counted, and variable expansion is bounded.
 */
import { MAX_LINE } from './ci-steps.js';
import { before } from './locate.js';

/** One recipe line, continuation lines joined, with where it starts. */
export interface RecipeLine {
  text: string;
  line: number;
}

export interface MakeRule {
  prerequisites: string[];
  recipe: RecipeLine[];
  /** Where the (first) rule for the target is written. */
  line: number;
}

export interface Makefile {
  path: string;
  rules: ReadonlyMap<string, MakeRule>;
  /** The first target that is not special (`.PHONY`) nor a pattern: what a bare `make` builds. */
  defaultTarget?: string;
  variables: ReadonlyMap<string, string>;
  /** Paths named by `include` lines, as written (variables expanded). */
  includes: string[];
}

/** Lines read from one Makefile, and rules kept: far above real Makefiles, a bound on hostile ones. */
const MAX_LINES = 20_000;
const MAX_RULES = 5_000;

const ASSIGNMENT = /^(?:override\s+|export\s+)?([A-Za-z_][\w.-]{0,80})\s*([:?+!]{0,3})=\s?(.*)$/;
const INCLUDE = /^-?s?include[ \t]/;

/** Parses a Makefile's text; never throws. */
export function parseMakefile(path: string, text: string): Makefile {
  const rules = new Map<string, MakeRule>();
  const variables = new Map<string, string>();
  const includes: string[] = [];
  let defaultTarget: string | undefined;
  let current: MakeRule[] = [];
  for (const { text: line, line: number } of logicalLines(text)) {
    if (line.startsWith('\t')) {
      const recipe = line.slice(1).trim();
      if (recipe && !recipe.startsWith('#'))
        for (const r of current) r.recipe.push({ text: recipe, line: number });
      continue;
    }
    const trimmed = line.trim();
    if (!trimmed || trimmed.startsWith('#') || /^(?:if|else|endif|define|endef)\b/.test(trimmed)) continue;
    if (INCLUDE.test(trimmed)) {
      includes.push(...words(expand(trimmed.slice(trimmed.search(/[ \t]/)), variables)));
      current = [];
      continue;
    }
    const assignment = ASSIGNMENT.exec(trimmed);
    if (assignment) {
      const [, name, operator, value] = assignment as unknown as [string, string, string, string];
      // `?=` keeps an earlier value; `+=` appends to it.
      const before = variables.get(name);
      if (operator === '+') variables.set(name, `${before ?? ''} ${value}`.trim());
      else if (operator !== '?' || before === undefined) variables.set(name, value);
      current = [];
      continue;
    }
    const rule = ruleParts(trimmed);
    current = [];
    if (!rule || rules.size >= MAX_RULES) continue;
    const prerequisites = words(rule.prerequisites.split('|').join(' '));
    for (const target of words(expand(rule.targets, variables))) {
      if (target.includes('%')) continue;
      let entry = rules.get(target);
      if (!entry) rules.set(target, (entry = { prerequisites: [], recipe: [], line: number }));
      entry.prerequisites.push(...prerequisites);
      if (rule.recipe) entry.recipe.push({ text: rule.recipe, line: number });
      current.push(entry);
      if (defaultTarget === undefined && !target.startsWith('.')) defaultTarget = target;
    }
  }
  return { path, rules, defaultTarget, variables, includes };
}

/**
 * `targets: prerequisites ; recipe` split at its first colon (`::` too), without regexes that
 * backtrack; undefined for a line that is not a rule, or that sets a target-specific variable.
 */
function ruleParts(line: string): { targets: string; prerequisites: string; recipe?: string } | undefined {
  const colon = line.indexOf(':');
  if (colon <= 0 || line[colon + 1] === '=') return undefined;
  const targets = line.slice(0, colon);
  if (targets.includes('=') || targets.includes('#')) return undefined;
  let rest = line.slice(line[colon + 1] === ':' ? colon + 2 : colon + 1);
  const semicolon = rest.indexOf(';');
  const recipe = semicolon < 0 ? undefined : rest.slice(semicolon + 1).trim();
  if (semicolon >= 0) rest = rest.slice(0, semicolon);
  const prerequisites = before(rest, '#');
  if (prerequisites.includes('=')) return undefined;
  return { targets, prerequisites, ...(recipe && { recipe }) };
}

function words(text: string): string[] {
  return text.split(/\s+/).filter(Boolean);
}

/** The file's lines, each with its 1-based number, backslash continuations joined, each cut. */
function* logicalLines(text: string): Generator<RecipeLine> {
  let from = 0;
  let count = 0;
  let pending: RecipeLine | undefined;
  while (from <= text.length && count++ < MAX_LINES) {
    let end = text.indexOf('\n', from);
    if (end < 0) end = text.length;
    const raw = text.slice(from, Math.min(end, from + MAX_LINE)).replace(/\r$/, '');
    from = end + 1;
    const joined: RecipeLine = pending
      ? { text: `${pending.text.trimEnd()} ${raw.trim()}`.slice(0, MAX_LINE), line: pending.line }
      : { text: raw, line: count };
    if (raw.endsWith('\\')) {
      pending = { text: joined.text.slice(0, -1), line: joined.line };
      continue;
    }
    pending = undefined;
    yield joined;
  }
  if (pending) yield pending;
}

/** Variable references expanded at most this many times in one line (nested and repeated ones). */
const MAX_EXPANSIONS = 64;

/** Stand-ins, during expansion, for the `$` of an unknown variable and for an escaped `$$`. */
const UNKNOWN_MARK = '\u0000';
const DOLLAR_MARK = '\u0001';

/**
 * `$(NAME)` and `${NAME}` replaced by the variable's value (nested, a bounded number of times),
 * `$(MAKE)` by `make`, `$$` by `$`; functions and unknown variables are left as they are written.
 * A variable named in its own value (`FLAGS := $(FLAGS) -v`, `X := $(if $(X),$(X),default)`)
 * stands there for a value it had before, from the environment or the command line, which is
 * not known: it too is left as written, rather than expanded into itself until the line is cut.
 */
export function expand(text: string, variables: ReadonlyMap<string, string>, target?: string): string {
  let out = text.slice(0, MAX_LINE).split('$$').join(DOLLAR_MARK);
  for (let n = 0; n < MAX_EXPANSIONS && VARIABLE_REF.test(out); n++) {
    // An unknown variable is marked so the next round looks past it; the mark is undone below.
    out = out
      .replace(VARIABLE_REF, (whole, name: string) => {
        const value = name === 'MAKE' ? 'make' : variables.get(name);
        if (value === undefined) return unknown(whole);
        return value
          .split('$$')
          .join(DOLLAR_MARK)
          .replace(EVERY_VARIABLE_REF, (ref, inner: string) => (inner === name ? unknown(ref) : ref));
      })
      .slice(0, MAX_LINE);
  }
  out = out.split(UNKNOWN_MARK).join('$');
  if (target !== undefined) out = out.split('$@').join(target);
  return out.split(DOLLAR_MARK).join('$');
}

const VARIABLE_REF = /\$[({]([A-Za-z_][\w.-]{0,80})[)}]/;
const EVERY_VARIABLE_REF = new RegExp(VARIABLE_REF.source, 'g');

/** A reference marked so that expansion passes over it (the mark is undone once it is done). */
function unknown(ref: string): string {
  return `${UNKNOWN_MARK}${ref.slice(1)}`;
}

/** A recipe line as the shell sees it: without make's `@`, `-` and `+` prefixes. */
export function recipeCommand(text: string): string {
  return text.replace(/^[@+-]+\s*/, '');
}

/** The names under which make looks for its file in a folder, in make's order. */
export const MAKEFILE_NAMES = ['GNUmakefile', 'makefile', 'Makefile'] as const;

/** True for a Makefile or a file Makefiles include (`Makefile.common`, `rules.mk`). */
export function isMakefileName(name: string): boolean {
  return /^(?:gnu)?makefile(?:\.[\w-]{1,40})?$/i.test(name) || /\.(?:mk|mak|make)$/i.test(name);
}
