/**
 * Recognising what a workflow step does: which action it uses, which commands its `run:` script
 * runs (line by line, with exact positions), and which contexts a `${{ … }}` expression reads.
 * Shared by the CI checks (permissions, injection, tests, SAST, fuzzing, release integrity).
 *
 * Everything here runs over text a stranger controls: linear scans and bounded regexes only, and
 * lines are cut to MAX_LINE characters before any pattern is tried.
 */
import type { Job, Located, Step, Workflow } from './workflows.js';
import { shorten } from '../shorten.js';

/** Lines longer than this are cut before pattern matching, which bounds the work per line. */
export const MAX_LINE = 2000;

/**
 * The action a `uses:` names, lower-cased and without its ref: `actions/checkout`,
 * `github/codeql-action/init`, `./.github/actions/build`, `docker://alpine`.
 */
export function actionName(uses: string): string {
  const value = uses.trim().slice(0, MAX_LINE);
  if (value.startsWith('docker://')) return value.toLowerCase();
  const at = value.indexOf('@');
  return (at < 0 ? value : value.slice(0, at)).replace(/\/+$/, '').toLowerCase();
}

/** True when `name` is `action` or a sub-path of it (`github/codeql-action` matches `github/codeql-action/init`). */
export function isActionName(name: string, action: string): boolean {
  return name === action || name.startsWith(`${action}/`);
}

/** Steps' action names, kept because most audits of the workflow walk ask for them. */
const actionNames = new WeakMap<Step, string>();

/** The step's action name, or undefined for a `run:` step. */
export function stepAction(step: Step): string | undefined {
  if (!step.uses) return undefined;
  let name = actionNames.get(step);
  if (name === undefined) {
    name = actionName(step.uses.value);
    actionNames.set(step, name);
  }
  return name;
}

/** True when the step uses one of `actions` (each matching sub-paths too). */
export function usesAction(step: Step, ...actions: string[]): boolean {
  const name = stepAction(step);
  return name !== undefined && actions.some((a) => isActionName(name, a));
}

/** True for a local action (`./path`) whose code is in this repository. */
export function isLocalAction(step: Step): boolean {
  return step.uses !== undefined && step.uses.value.trim().startsWith('./');
}

/** One line of a value's source text, with where it starts in the file. */
export interface SourceLine {
  text: string;
  line: number;
  column: number;
}

/**
 * A value's lines, and for each what `findCommand` matches on — computed once per value, however
 * many commands are sought in it.
 */
interface ScriptLines {
  lines: SourceLine[];
  /** A comment or a line that only prints: it runs nothing. */
  inert: boolean[];
  /** The text without the quotes a YAML scalar's source may start and end with. */
  bare: string[];
}

/**
 * The source lines of a located value (a `run:` script, a `with:` input), each cut to MAX_LINE.
 * Positions are exact: a block scalar's lines are reported on their own lines.
 */
export function sourceLines(workflow: Workflow, located: Located): readonly SourceLine[] {
  return scriptLines(workflow, located).lines;
}

/**
 * Several checks look for several commands in every step: each value is split once. The key is
 * the workflow model's own object, which belongs to one workflow.
 */
function scriptLines(workflow: Workflow, located: Located): ScriptLines {
  let lines = linesOf.get(located);
  if (!lines) {
    const split = splitSourceLines(workflow, located);
    lines = {
      lines: split,
      inert: split.map((l) => INERT_LINE.test(l.text)),
      bare: split.map((l) => stripQuotes(l.text)),
    };
    linesOf.set(located, lines);
  }
  return lines;
}

const linesOf = new WeakMap<Located, ScriptLines>();

function splitSourceLines(workflow: Workflow, located: Located): SourceLine[] {
  const source = workflow.text.slice(located.range[0], located.range[1]);
  const out: SourceLine[] = [];
  let from = 0;
  while (from <= source.length) {
    let end = source.indexOf('\n', from);
    if (end < 0) end = source.length;
    const raw = source.slice(from, Math.min(end, from + MAX_LINE)).replace(/\r$/, '');
    const indent = raw.length - raw.trimStart().length;
    const text = raw.trim();
    if (text) {
      const pos = workflow.positionAt(located.range[0] + from + indent);
      out.push({ text, line: pos.line, column: pos.column });
    }
    from = end + 1;
  }
  return out;
}

/** Lines that are shell comments or just print text, which run nothing. */
const INERT_LINE = /^(?:#|echo\b|printf\b|Write-(?:Host|Output)\b|[|>][+-]?\d?$)/i;

/**
 * The first line of the step's `run:` script that matches `pattern`, skipping comments and
 * `echo`/`printf` lines (a script that prints "run npm test" does not run it) and lines matching `unless`.
 */
export function findCommand(
  workflow: Workflow,
  step: Step,
  pattern: RegExp,
  unless?: RegExp,
): SourceLine | undefined {
  if (!step.run) return undefined;
  const { lines, inert, bare } = scriptLines(workflow, step.run);
  for (let i = 0; i < lines.length; i++) {
    if (inert[i] || !pattern.test(bare[i]!) || unless?.test(bare[i]!)) continue;
    return lines[i];
  }
  return undefined;
}

/** Strips the quotes a YAML scalar's source text may start and end with. */
function stripQuotes(text: string): string {
  return text.replace(/^["']/, '').replace(/["']$/, '');
}

/** The `with:` input's value, lower-cased, or undefined. */
export function withValue(step: Step, key: string): string | undefined {
  return step.with.get(key)?.value.slice(0, MAX_LINE).toLowerCase();
}

const TOKEN_REF = /secrets\.github_token|github\.token/i;

/** True when the step is handed the workflow's GITHUB_TOKEN explicitly (in `with:` or `env:`). */
export function receivesToken(step: Step): boolean {
  for (const v of [...step.with.values(), ...step.env.values()]) {
    if (TOKEN_REF.test(v.value.slice(0, MAX_LINE))) return true;
  }
  return false;
}

/** A short, readable name for a step: its `name:`, its action, or its script's first line. */
export function stepLabel(step: Step): string {
  if (step.name) return short(step.name);
  if (step.uses) return short(step.uses.value);
  if (step.run) return short(step.run.value.split('\n', 1)[0] ?? '');
  return `step ${step.index + 1}`;
}

/** "`ci.yml` › job `test` › step “Run tests”" — where evidence was seen, for reports. */
export function stepPlace(workflow: Workflow, job: Job, step?: Step): string {
  const where =
    workflow.kind === 'action' ? `action \`${workflow.path}\`` : `\`${workflow.path}\` › job \`${job.id}\``;
  return step ? `${where} › step “${stepLabel(step)}”` : where;
}

function short(text: string, max = 80): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return shorten(one, max);
}

/** A context read by an expression: `github.event.issue.title` (lower-cased, indices as `*`). */
export interface ContextRef {
  path: string;
  /** True when the reference is an argument of `toJSON(…)` or `join(…)`, which expand whole objects. */
  serialized: boolean;
}

const IDENT_START = /[A-Za-z_]/;
const IDENT_CHAR = /[A-Za-z0-9_-]/;

/**
 * The context paths an expression reads, in one linear pass: handles dotted paths, index syntax
 * (`github.event['issue']["title"]`, `commits[0]`), whitespace, string literals and function calls.
 */
export function contextRefs(expression: string): ContextRef[] {
  const s = expression.slice(0, MAX_LINE);
  const out: ContextRef[] = [];
  const calls: Array<string | undefined> = [];
  let i = 0;
  const skipSpace = (): void => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'") {
      // A string literal; '' is an escaped quote.
      i++;
      while (i < s.length) {
        if (s[i] === "'" && s[i + 1] === "'") i += 2;
        else if (s[i] === "'") break;
        else i++;
      }
      i++;
      continue;
    }
    if (c === '(') {
      calls.push(undefined);
      i++;
      continue;
    }
    if (c === ')') {
      calls.pop();
      i++;
      continue;
    }
    if (!IDENT_START.test(c) || (i > 0 && IDENT_CHAR.test(s[i - 1]!))) {
      i++;
      continue;
    }
    let path = readIdent();
    for (;;) {
      const save = i;
      skipSpace();
      if (s[i] === '.' && i + 1 < s.length && (IDENT_CHAR.test(s[i + 1]!) || s[i + 1] === '*')) {
        i++;
        if (s[i] === '*') {
          path += '.*';
          i++;
        } else {
          path += `.${readIdent()}`;
        }
      } else if (s[i] === '[') {
        i++;
        skipSpace();
        const q = s[i];
        if (q === "'" || q === '"') {
          const close = s.indexOf(q, i + 1);
          if (close < 0) break;
          path += `.${s.slice(i + 1, close)}`;
          i = close + 1;
        } else {
          path += '.*';
        }
        const end = s.indexOf(']', i);
        i = end < 0 ? s.length : end + 1;
      } else {
        i = save;
        break;
      }
    }
    skipSpace();
    if (s[i] === '(') {
      // A function call: its name is not a context; its arguments are read inside it.
      calls.push(path.toLowerCase());
      i++;
      continue;
    }
    const lower = path.toLowerCase();
    if (!['true', 'false', 'null'].includes(lower)) {
      out.push({ path: lower, serialized: calls.some((f) => f === 'tojson' || f === 'join') });
    }
  }
  return out;

  function readIdent(): string {
    const start = i;
    while (i < s.length && IDENT_CHAR.test(s[i]!)) i++;
    return s.slice(start, i);
  }
}

/** True when `path` matches `pattern` segment by segment, `*` matching any one segment on either side. */
export function pathMatches(path: string, pattern: string, allowPrefix = false): boolean {
  const a = path.split('.');
  const b = pattern.split('.');
  if (allowPrefix ? a.length > b.length : a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    if (a[k] !== b[k] && a[k] !== '*' && b[k] !== '*') return false;
  }
  return true;
}

/** True when the workflow runs only when another workflow calls it (`on: workflow_call`). */
export function isCalledOnly(workflow: Workflow): boolean {
  return workflow.triggers.size === 1 && workflow.triggers.has('workflow_call');
}

/** Triggers that run a workflow on a pull request's changes before it is merged. */
export const PULL_REQUEST_TRIGGERS = ['pull_request', 'pull_request_target', 'merge_group'] as const;

/** The job's `if:` condition, lower-cased, cut to MAX_LINE. */
export function jobCondition(job: Job): string {
  return (job.if?.value ?? '').slice(0, MAX_LINE).toLowerCase();
}
