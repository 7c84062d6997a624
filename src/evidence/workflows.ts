/**
 * GitHub Actions workflows and action metadata files, parsed once per scan into a typed model that
 * keeps exact positions (line and column in the original file) for every value checks report on.
 *
 * Reads `yaml` nodes, which keep source ranges and resolve anchors/aliases without expanding them
 * (an alias bomb cannot blow up memory here). Plain files — nearly all workflows — are parsed into
 * those nodes by js-yaml's faster event parser (yaml-fast.ts); the rest by `yaml` itself.
 */
import type { Document, Node } from 'yaml';
import { LineIndex } from './line-index.js';
import { NO_ENTRIES, NodeReader } from './workflow-reader.js';
import { rememberLast, splitPath } from './locate.js';
import { BUDGETS, parseYamlDocument, recordOverBudget, type OverBudget } from './parse-budget.js';
import type { EvidenceContext } from './context.js';

/** A 1-based position in the original file. */
export interface Position {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A scalar value with where it stands, and its source offsets (to locate text inside it). */
export interface Located<T = string> {
  value: T;
  /** Where the value stands: its own text, or the alias through which it is reached. */
  pos: Position;
  /** [start, end) offsets of the value's source text in the file (the anchored text, for an alias). */
  range: [number, number];
  /**
   * [start, end) offsets of the YAML alias (`*checkout`, or a whole step `- *step`) through which
   * the value is used here; each such use is a use of its own, reported where the alias stands.
   */
  alias?: [number, number];
}

/** One key per use of a value (its text, and the alias it is used through), for de-duplication. */
export function useKey(value: Located): string {
  return `${value.range[0]}@${value.alias?.[0] ?? ''}`;
}

export type PermissionLevel = 'read' | 'write' | 'none';

/** `permissions:` as written: a shorthand, or a map of scopes (empty map = no permissions). */
export type Permissions =
  | { kind: 'shorthand'; value: string; pos: Position }
  | { kind: 'map'; scopes: ReadonlyMap<string, Located<string>>; pos: Position };

export interface Step {
  index: number;
  pos: Position;
  id?: string;
  name?: string;
  uses?: Located;
  run?: Located;
  shell?: string;
  /** `working-directory` of a `run:` step, as written. */
  workingDirectory?: string;
  if?: Located;
  with: ReadonlyMap<string, Located>;
  env: ReadonlyMap<string, Located>;
}

/** A `strategy.matrix` value written as an expression, and the axis it fills. */
export interface MatrixExpression {
  axis?: string;
  value: Located;
}

export interface Job {
  id: string;
  pos: Position;
  name?: string;
  /** A reusable workflow call (`jobs.<id>.uses`). */
  uses?: Located;
  permissions?: Permissions;
  if?: Located;
  runsOn?: string;
  /** Where `runs-on:` is written (its value, any form). */
  runsOnAt?: Position;
  container?: Located;
  services: ReadonlyMap<string, Located>;
  /**
   * `credentials.password` of the job's container (key `container`) and services (key
   * `services.<name>`), as written.
   */
  registryPasswords: ReadonlyMap<string, Located>;
  /** `environment:` (its name, in the string or mapping form). */
  environment?: Located;
  /** `secrets: inherit` of a reusable workflow call: the `inherit` value. */
  secretsInherit?: Located;
  /** `secrets:` passed to a reusable workflow one by one. */
  secrets: ReadonlyMap<string, Located>;
  env: ReadonlyMap<string, Located>;
  with: ReadonlyMap<string, Located>;
  /**
   * The `${{ … }}` values of `strategy.matrix`, each with the axis it fills (`matrix.<axis>`); no
   * axis when it fills the whole matrix or a whole `include:` list. Unset when there are none.
   */
  matrixExpressions?: ReadonlyArray<MatrixExpression>;
  /** `defaults.run.shell` of the job, when set. */
  defaultShell?: string;
  /** `defaults.run.working-directory` of the job, when set. */
  defaultWorkingDirectory?: string;
  steps: Step[];
}

export interface Workflow {
  path: string;
  /** `workflow` for .github/workflows files; `action` for action.yml metadata (composite, docker, node). */
  kind: 'workflow' | 'action';
  text: string;
  name?: string;
  /** Event names from `on:` (string, list or map form) with where each is named. */
  triggers: ReadonlyMap<string, Position>;
  /** The raw `on:` value as plain data (for event filters). */
  on?: unknown;
  permissions?: Permissions;
  env: ReadonlyMap<string, Located>;
  /** `defaults.run.shell` of the workflow, when set. */
  defaultShell?: string;
  /** `defaults.run.working-directory` of the workflow, when set. */
  defaultWorkingDirectory?: string;
  jobs: Job[];
  /** For actions: `runs.using` (composite, node20, docker…) and `runs.image` for docker actions. */
  runsUsing?: string;
  runsImage?: Located;
  /** Set when the file could not be parsed; the model is then empty. */
  error?: {
    message: string;
    line: number;
    column: number;
    /** The parse budget the file was over, when that is why it was not parsed. */
    overBudget?: OverBudget;
  };
  /** Converts a source offset to a 1-based line and column. */
  positionAt(offset: number): { line: number; column: number };
}

/** GitHub reads workflows only directly inside .github/workflows. */
export const isWorkflowPath = rememberLast((path): boolean => {
  const { dir, name } = splitPath(path);
  return dir === '.github/workflows' && /\.ya?ml$/i.test(name);
});

/** Action metadata files (composite, docker, JavaScript actions) anywhere in the repository. */
export function isActionMetadataPath(path: string): boolean {
  const { name } = splitPath(path);
  return name === 'action.yml' || name === 'action.yaml';
}

export const isWorkflowOrActionPath = rememberLast(
  (path): boolean => isWorkflowPath(path) || isActionMetadataPath(path),
);

/**
 * Every workflow and action metadata file in the repository, parsed one at a time in path order:
 * the caller (the engine's walk) hands each to the checks and lets it go, so a tree of 100,000
 * workflows never holds more than one parsed file at once.
 */
export function* eachWorkflow(ctx: EvidenceContext): Generator<Workflow> {
  // Only a file some check declared a need for has a text: no need to look through every path.
  for (const path of ctx.files.needed()) {
    if (!isWorkflowOrActionPath(path)) continue;
    const text = ctx.files.text(path);
    if (text === undefined) continue;
    const wf = parseWorkflow(path, text, isWorkflowPath(path) ? 'workflow' : 'action');
    if (wf.error?.overBudget) recordOverBudget(ctx, wf.path, wf.error.overBudget);
    yield wf;
  }
}

/** Parses one file; never throws — a file that does not parse comes back with `error` set. */
export function parseWorkflow(
  path: string,
  text: string,
  kind: Workflow['kind'],
  /** `false` parses with `yaml` alone (the reference the fast parser is tested against). */
  options: { fastParser?: boolean } = {},
): Workflow {
  const lines = LineIndex.of(text, 'lf');
  const positionAt = (offset: number): { line: number; column: number } => lines.positionAt(offset);
  const empty: Workflow = { path, kind, text, triggers: NO_ENTRIES, env: NO_ENTRIES, jobs: [], positionAt };
  if (text.includes('\u0000'))
    return { ...empty, error: { message: 'binary content, not YAML', line: 1, column: 1 } };
  let doc: Document;
  try {
    // Plain workflows take the fast parser; anything it does not take (anchors, aliases, errors…)
    // goes to `yaml`.
    const parsed = parseYamlDocument(text, BUDGETS.workflow, {
      fast: options.fastParser !== false,
      merge: true,
      uniqueKeys: false,
    });
    if (!parsed.ok) {
      const { message, line } = parsed.overBudget;
      return { ...empty, error: { message, line, column: 1, overBudget: parsed.overBudget } };
    }
    doc = parsed.value;
  } catch (error) {
    return { ...empty, error: { message: String(error), line: 1, column: 1 } };
  }
  const err = doc.errors[0];
  if (err) {
    const p = positionAt(err.pos[0]);
    return { ...empty, error: { message: err.message.split('\n')[0] ?? 'invalid YAML', ...p } };
  }
  const reader = new NodeReader(doc, lines);
  const root = reader.map(doc.contents);
  if (!root) {
    return { ...empty, error: { message: 'the file is not a YAML mapping', line: 1, column: 1 } };
  }
  const wf: Workflow = { ...empty };
  wf.name = reader.string(reader.get(root, 'name'));
  wf.env = reader.scalarMap(reader.get(root, 'env'));
  wf.permissions = reader.permissions(reader.get(root, 'permissions'));
  wf.defaultShell = reader.defaultShell(root);
  wf.defaultWorkingDirectory = reader.defaultRun(root, 'working-directory');
  if (kind === 'workflow') {
    const onNode = reader.get(root, 'on');
    wf.triggers = reader.triggers(onNode);
    wf.on = reader.plain(onNode);
    const jobs = reader.map(reader.get(root, 'jobs'));
    for (const pair of jobs ? reader.pairs(jobs) : []) {
      const id = reader.keyString(pair.key);
      const jobNode = reader.map(pair.value as Node);
      if (id === undefined || !jobNode) continue;
      // No closure here: one would share this scope with `positionAt`, which the model keeps, and
      // so keep the whole parsed document alive.
      wf.jobs.push(reader.job(id, jobNode, pair.key as Node, pair.value));
    }
  } else {
    const runs = reader.map(reader.get(root, 'runs'));
    wf.runsUsing = runs ? reader.string(reader.get(runs, 'using')) : undefined;
    wf.runsImage = runs ? reader.located(reader.get(runs, 'image')) : undefined;
    const stepsNode = runs ? reader.get(runs, 'steps') : undefined;
    if (runs && stepsNode) {
      // A composite action's steps are modelled as one job, so step-level checks treat both alike.
      wf.jobs.push({
        id: '(composite)',
        pos: reader.position(runs),
        services: NO_ENTRIES,
        registryPasswords: NO_ENTRIES,
        secrets: NO_ENTRIES,
        env: NO_ENTRIES,
        with: NO_ENTRIES,
        steps: reader.steps(stepsNode),
      });
    }
  }
  return wf;
}

/** Each step with the job it belongs to, across all jobs of a workflow. */
export function* stepsOf(workflow: Workflow): Generator<{ job: Job; step: Step }> {
  for (const job of workflow.jobs) for (const step of job.steps) yield { job, step };
}
