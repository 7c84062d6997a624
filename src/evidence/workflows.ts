/**
 * GitHub Actions workflows and action metadata files, parsed once per scan into a typed model that
 * keeps exact positions (line and column in the original file) for every value checks report on.
 *
 * Reads `yaml` nodes, which keep source ranges and resolve anchors/aliases without expanding them
 * (an alias bomb cannot blow up memory here). Plain files — nearly all workflows — are parsed into
 * those nodes by js-yaml's faster event parser (yaml-fast.ts); the rest by `yaml` itself.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import { LineIndex } from './line-index.js';
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
  pos: Position;
  /** [start, end) offsets of the value's source text in the file. */
  range: [number, number];
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

export interface Job {
  id: string;
  pos: Position;
  name?: string;
  /** A reusable workflow call (`jobs.<id>.uses`). */
  uses?: Located;
  permissions?: Permissions;
  if?: Located;
  runsOn?: string;
  container?: Located;
  services: ReadonlyMap<string, Located>;
  env: ReadonlyMap<string, Located>;
  with: ReadonlyMap<string, Located>;
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

/**
 * The one empty map every model shares where a file has no entries (most steps have no `with:` or
 * `env:`, most jobs no `services:`): an empty `Map` costs about 180 bytes, and a workflow has ten.
 * Read-only in its type and at run time.
 */
const NO_ENTRIES: ReadonlyMap<string, never> = (() => {
  const refuse = (): never => {
    throw new TypeError('the shared empty map of the workflow model is read-only');
  };
  return Object.freeze(
    Object.assign(new Map<string, never>(), { set: refuse, delete: refuse, clear: refuse }),
  );
})();

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
  for (const path of ctx.files.paths) {
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
      wf.jobs.push(reader.job(id, jobNode, pair.key as Node));
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
        env: NO_ENTRIES,
        with: NO_ENTRIES,
        steps: reader.steps(stepsNode),
      });
    }
  }
  return wf;
}

/**
 * Where a node's value ends: `range[1]`, but for a block collection the end of its last item's
 * value (where `yaml` would count the line break after it), so both parsers (yaml-fast.ts) agree.
 */
function valueEnd(node: Node): number {
  let n: unknown = node;
  for (let depth = 0; depth < 100 && (isMap(n) || isSeq(n)) && !n.flow && n.items.length; depth++) {
    const last = n.items[n.items.length - 1];
    n = isPair(last) ? last.value : last;
  }
  const range = (n as Node | null | undefined)?.range;
  return range ? range[1] : (node.range?.[1] ?? 0);
}

/**
 * A scalar of the model: its value and source offsets, with the position worked out when it is
 * read (few are). A `Position` and a `range` array kept for each value would add about 110 bytes
 * to each of the dozens a workflow has.
 */
class SourceValue implements Located {
  constructor(
    readonly value: string,
    private readonly start: number,
    private readonly end: number,
    /** The file's line index (shared by every value of the file). */
    private readonly lines: LineIndex,
  ) {}

  get range(): [number, number] {
    return [this.start, this.end];
  }

  get pos(): Position {
    return this.lines.span(this.start, this.end);
  }
}

/** Reads typed values out of YAML nodes, resolving aliases and recording positions. */
class NodeReader {
  constructor(
    private readonly doc: Document,
    private readonly lines: LineIndex,
  ) {}

  resolve(node: unknown): Node | undefined {
    let current = node;
    // Alias chains are short in real files; the bound stops a cycle.
    for (let i = 0; i < 32 && isAlias(current); i++) current = current.resolve(this.doc);
    return current && typeof current === 'object' && !isAlias(current) ? (current as Node) : undefined;
  }

  map(node: unknown): YAMLMap | undefined {
    const n = this.resolve(node);
    return isMap(n) ? n : undefined;
  }

  get(map: YAMLMap, key: string): Node | undefined {
    for (const pair of this.pairs(map)) {
      if (this.keyString(pair.key) === key) return (pair.value ?? undefined) as Node | undefined;
    }
    return undefined;
  }

  /**
   * A mapping's entries with YAML merge keys (`<<: *base`) applied: own keys first, then merged
   * ones not already present. Merges are followed a few levels deep at most.
   */
  pairs(map: YAMLMap, depth = 0): Array<{ key: unknown; value: unknown }> {
    const own = map.items.filter((p) => !this.isMergeKey(p.key));
    const merges = map.items.filter((p) => this.isMergeKey(p.key));
    if (merges.length === 0 || depth >= 4) return own;
    const seen = new Set(own.map((p) => this.keyString(p.key)));
    const out: Array<{ key: unknown; value: unknown }> = [...own];
    for (const merge of merges) {
      const value = this.resolve(merge.value);
      const sources = isSeq(value) ? value.items.map((i) => this.map(i)) : [this.map(value)];
      for (const source of sources) {
        for (const pair of source ? this.pairs(source, depth + 1) : []) {
          const k = this.keyString(pair.key);
          if (k !== undefined && !seen.has(k)) {
            seen.add(k);
            out.push(pair);
          }
        }
      }
    }
    return out;
  }

  /** With `merge: true`, the `yaml` package gives a merge key a symbol value whose source is `<<`. */
  isMergeKey(node: unknown): boolean {
    return isScalar(node) && (typeof node.value === 'symbol' || node.value === '<<') && node.source === '<<';
  }

  keyString(node: unknown): string | undefined {
    const n = this.resolve(node);
    return isScalar(n) && n.value !== null && typeof n.value !== 'object' ? String(n.value) : undefined;
  }

  string(node: unknown): string | undefined {
    const n = this.resolve(node);
    if (!isScalar(n) || n.value === null || typeof n.value === 'object') return undefined;
    return String(n.value);
  }

  position(node: Node): Position {
    const [start, , end] = node.range ?? [0, 0, 0];
    // `range[2]` may include trailing comment/newline; the value end is `range[1]`.
    return this.lines.span(start, node.range ? valueEnd(node) : end);
  }

  located(node: unknown): Located | undefined {
    const n = this.resolve(node);
    const value = this.string(n);
    if (value === undefined || !n?.range) return undefined;
    return new SourceValue(value, n.range[0], n.range[1], this.lines);
  }

  scalarMap(node: unknown): ReadonlyMap<string, Located> {
    const m = this.map(node);
    if (!m) return NO_ENTRIES;
    const out = new Map<string, Located>();
    for (const pair of this.pairs(m)) {
      const key = this.keyString(pair.key);
      const value = this.located(pair.value);
      if (key !== undefined && value) out.set(key, value);
    }
    return out.size ? out : NO_ENTRIES;
  }

  plain(node: unknown): unknown {
    const n = this.resolve(node);
    if (!n) return undefined;
    try {
      return n.toJS(this.doc, { maxAliasCount: 100 });
    } catch {
      return undefined;
    }
  }

  triggers(node: unknown): ReadonlyMap<string, Position> {
    const n = this.resolve(node);
    if (!n) return NO_ENTRIES;
    const out = new Map<string, Position>();
    if (isScalar(n)) {
      const s = this.string(n);
      if (s) out.set(s, this.position(n));
    } else if (isSeq(n)) {
      for (const item of n.items) {
        const r = this.resolve(item);
        const s = this.string(r);
        if (s && r) out.set(s, this.position(r));
      }
    } else if (isMap(n)) {
      for (const pair of n.items) {
        const key = this.resolve(pair.key);
        const s = this.keyString(key);
        if (s && key) out.set(s, this.position(key));
      }
    }
    return out.size ? out : NO_ENTRIES;
  }

  permissions(node: unknown): Permissions | undefined {
    const n = this.resolve(node);
    if (!n) return undefined;
    if (isScalar(n)) {
      // `permissions:` with no value is null, which GitHub treats like `{}`.
      if (n.value === null) return { kind: 'map', scopes: NO_ENTRIES, pos: this.position(n) };
      return { kind: 'shorthand', value: String(n.value), pos: this.position(n) };
    }
    if (isMap(n)) return { kind: 'map', scopes: this.scalarMap(n), pos: this.position(n) };
    return undefined;
  }

  job(id: string, node: YAMLMap, keyNode: Node): Job {
    const runsOn = this.resolve(this.get(node, 'runs-on'));
    const containerNode = this.resolve(this.get(node, 'container'));
    const container = isMap(containerNode)
      ? this.located(this.get(containerNode, 'image'))
      : this.located(containerNode);
    const services = new Map<string, Located>();
    const servicesMap = this.map(this.get(node, 'services'));
    for (const pair of servicesMap ? this.pairs(servicesMap) : []) {
      const name = this.keyString(pair.key);
      const svc = this.resolve(pair.value);
      const image = isMap(svc) ? this.located(this.get(svc, 'image')) : this.located(svc);
      if (name !== undefined && image) services.set(name, image);
    }
    return {
      id,
      pos: this.position(this.resolve(keyNode) ?? node),
      name: this.string(this.get(node, 'name')),
      uses: this.located(this.get(node, 'uses')),
      permissions: this.permissions(this.get(node, 'permissions')),
      if: this.located(this.get(node, 'if')),
      runsOn: isScalar(runsOn)
        ? this.string(runsOn)
        : runsOn
          ? JSON.stringify(this.plain(runsOn))
          : undefined,
      container,
      services: services.size ? services : NO_ENTRIES,
      env: this.scalarMap(this.get(node, 'env')),
      with: this.scalarMap(this.get(node, 'with')),
      defaultShell: this.defaultShell(node),
      defaultWorkingDirectory: this.defaultRun(node, 'working-directory'),
      steps: this.steps(this.get(node, 'steps')),
    };
  }

  /** `defaults: { run: { shell } }` of a workflow or job mapping. */
  defaultShell(node: YAMLMap): string | undefined {
    return this.defaultRun(node, 'shell');
  }

  /** A key of `defaults: { run: { … } }` of a workflow or job mapping. */
  defaultRun(node: YAMLMap, key: 'shell' | 'working-directory'): string | undefined {
    const defaults = this.map(this.get(node, 'defaults'));
    const run = defaults ? this.map(this.get(defaults, 'run')) : undefined;
    return run ? this.string(this.get(run, key)) : undefined;
  }

  steps(node: unknown): Step[] {
    const seq = this.resolve(node);
    if (!isSeq(seq)) return [];
    const out: Step[] = [];
    seq.items.forEach((item, index) => {
      const m = this.map(item);
      if (!m) return;
      out.push({
        index,
        pos: this.position(m),
        id: this.string(this.get(m, 'id')),
        name: this.string(this.get(m, 'name')),
        uses: this.located(this.get(m, 'uses')),
        run: this.located(this.get(m, 'run')),
        shell: this.string(this.get(m, 'shell')),
        workingDirectory: this.string(this.get(m, 'working-directory')),
        if: this.located(this.get(m, 'if')),
        with: this.scalarMap(this.get(m, 'with')),
        env: this.scalarMap(this.get(m, 'env')),
      });
    });
    return out;
  }
}

/** Each step with the job it belongs to, across all jobs of a workflow. */
export function* stepsOf(workflow: Workflow): Generator<{ job: Job; step: Step }> {
  for (const job of workflow.jobs) for (const step of job.steps) yield { job, step };
}
