/**
 * Reading the workflow model out of `yaml` nodes: typed values with their source offsets, aliases
 * resolved (each use through an alias placed where the alias stands), merge keys applied.
 * For workflows.ts.
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node, type YAMLMap } from 'yaml';
import type { LineIndex } from './line-index.js';
import type { Job, Located, MatrixExpression, Permissions, Position, Step } from './workflows.js';

/**
 * The one empty map every model shares where a file has no entries (most steps have no `with:` or
 * `env:`, most jobs no `services:`): an empty `Map` costs about 180 bytes, and a workflow has ten.
 * Read-only in its type and at run time.
 */
export const NO_ENTRIES: ReadonlyMap<string, never> = (() => {
  const refuse = (): never => {
    throw new TypeError('the shared empty map of the workflow model is read-only');
  };
  return Object.freeze(
    Object.assign(new Map<string, never>(), { set: refuse, delete: refuse, clear: refuse }),
  );
})();

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

/** A value reached through an alias: its text is the anchor's, its place the alias's. */
class AliasedValue extends SourceValue {
  constructor(
    value: string,
    start: number,
    end: number,
    private readonly site: LineIndex,
    readonly alias: [number, number],
  ) {
    super(value, start, end, site);
  }

  override get pos(): Position {
    return this.site.span(this.alias[0], this.alias[1]);
  }
}

/** Reads typed values out of YAML nodes, resolving aliases and recording positions. */
export class NodeReader {
  /** While reading what an alias stands for: the alias's offsets, where every value read then is used. */
  private site: [number, number] | undefined;

  constructor(
    private readonly doc: Document,
    private readonly lines: LineIndex,
  ) {}

  /** Reads `node` with `read`; when `node` is an alias (and no outer one is being read), at the alias's place. */
  through<T>(node: unknown, read: () => T): T {
    if (this.site || !isAlias(node) || !node.range) return read();
    this.site = [node.range[0], node.range[1]];
    try {
      return read();
    } finally {
      this.site = undefined;
    }
  }

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
    const site = this.site ?? (isAlias(node) && node.range ? [node.range[0], node.range[1]] : undefined);
    return site
      ? new AliasedValue(value, n.range[0], n.range[1], this.lines, [site[0], site[1]])
      : new SourceValue(value, n.range[0], n.range[1], this.lines);
  }

  scalarMap(node: unknown): ReadonlyMap<string, Located> {
    return this.through(node, () => this.scalarMapOf(node));
  }

  private scalarMapOf(node: unknown): ReadonlyMap<string, Located> {
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

  /** A job; `value` is the node as written (an alias places every value of the job at the alias). */
  job(id: string, node: YAMLMap, keyNode: Node, value: unknown): Job {
    return this.through(value, () => this.jobOf(id, node, keyNode));
  }

  private jobOf(id: string, node: YAMLMap, keyNode: Node): Job {
    const runsOn = this.resolve(this.get(node, 'runs-on'));
    const containerNode = this.resolve(this.get(node, 'container'));
    const container = isMap(containerNode)
      ? this.through(this.get(node, 'container'), () => this.located(this.get(containerNode, 'image')))
      : this.located(this.get(node, 'container'));
    const services = new Map<string, Located>();
    const passwords = new Map<string, Located>();
    this.addRegistryPassword(passwords, 'container', containerNode);
    const servicesMap = this.map(this.get(node, 'services'));
    for (const pair of servicesMap ? this.pairs(servicesMap) : []) {
      const name = this.keyString(pair.key);
      const svc = this.resolve(pair.value);
      const image = isMap(svc)
        ? this.through(pair.value, () => this.located(this.get(svc, 'image')))
        : this.located(pair.value);
      if (name !== undefined && image) services.set(name, image);
      if (name !== undefined) this.addRegistryPassword(passwords, `services.${name}`, svc);
    }
    const environment = this.resolve(this.get(node, 'environment'));
    const secrets = this.resolve(this.get(node, 'secrets'));
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
      runsOnAt: runsOn ? this.position(runsOn) : undefined,
      container,
      services: services.size ? services : NO_ENTRIES,
      registryPasswords: passwords.size ? passwords : NO_ENTRIES,
      environment: isMap(environment)
        ? this.located(this.get(environment, 'name'))
        : this.located(environment),
      secretsInherit: isScalar(secrets) ? this.located(secrets) : undefined,
      secrets: this.scalarMap(secrets),
      env: this.scalarMap(this.get(node, 'env')),
      with: this.scalarMap(this.get(node, 'with')),
      matrixExpressions: this.matrixExpressions(node),
      defaultShell: this.defaultShell(node),
      defaultWorkingDirectory: this.defaultRun(node, 'working-directory'),
      steps: this.steps(this.get(node, 'steps')),
    };
  }

  /** The expressions of a job's `strategy.matrix`, by the axis each fills (see `Job.matrixExpressions`). */
  matrixExpressions(job: YAMLMap): MatrixExpression[] | undefined {
    const strategy = this.map(this.get(job, 'strategy'));
    const matrix = strategy ? this.get(strategy, 'matrix') : undefined;
    if (!matrix) return undefined;
    const out: MatrixExpression[] = [];
    const matrixMap = this.map(matrix);
    if (!matrixMap) this.addExpressions(out, matrix, undefined);
    for (const pair of matrixMap ? this.pairs(matrixMap) : []) {
      const key = this.keyString(pair.key);
      if (key === undefined) continue;
      if (key !== 'include' && key !== 'exclude') {
        this.addExpressions(out, pair.value, key);
        continue;
      }
      const list = this.resolve(pair.value);
      if (!isSeq(list)) this.addExpressions(out, pair.value, undefined);
      for (const item of isSeq(list) ? list.items : []) {
        const entry = this.map(item);
        for (const field of entry ? this.pairs(entry) : []) {
          const axis = this.keyString(field.key);
          if (axis !== undefined) this.addExpressions(out, field.value, axis);
        }
      }
    }
    return out.length ? out : undefined;
  }

  /** The `${{ … }}` scalars of a matrix value (a scalar or a list of them), under `axis`. */
  private addExpressions(out: MatrixExpression[], node: unknown, axis: string | undefined): void {
    const n = this.resolve(node);
    const items = isSeq(n) ? n.items : [node];
    for (const item of items) {
      const value = this.located(item);
      if (value?.value.includes('${{')) out.push(axis === undefined ? { value } : { axis, value });
    }
  }

  /** A container's or service's `credentials.password`, under `key`, when it has one. */
  addRegistryPassword(into: Map<string, Located>, key: string, node: Node | undefined): void {
    if (!isMap(node)) return;
    const credentials = this.map(this.get(node, 'credentials'));
    const password = credentials ? this.located(this.get(credentials, 'password')) : undefined;
    if (password) into.set(key, password);
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
    return this.through(node, () => {
      const seq = this.resolve(node);
      if (!isSeq(seq)) return [];
      const out: Step[] = [];
      seq.items.forEach((item, index) => {
        const step = this.through(item, () => this.step(item, index));
        if (step) out.push(step);
      });
      return out;
    });
  }

  /** One step; a key merged in (`<<: *base`) is used where the merge key's alias stands. */
  private step(item: unknown, index: number): Step | undefined {
    const m = this.map(item);
    if (!m) return undefined;
    // Only a step with merge keys (rare) pays for finding which alias brought each key in.
    const merges = m.items.some((p) => this.isMergeKey(p.key));
    const field = <T>(key: string, read: (n: Node | undefined) => T): T =>
      merges ? this.through(this.mergedFrom(m, key), () => read(this.get(m, key))) : read(this.get(m, key));
    const site = this.site;
    return {
      index,
      pos: site ? this.lines.span(site[0], site[1]) : this.position(m),
      id: this.string(this.get(m, 'id')),
      name: this.string(this.get(m, 'name')),
      uses: field('uses', (n) => this.located(n)),
      run: field('run', (n) => this.located(n)),
      shell: this.string(this.get(m, 'shell')),
      workingDirectory: this.string(this.get(m, 'working-directory')),
      if: field('if', (n) => this.located(n)),
      with: field('with', (n) => this.scalarMap(n)),
      env: field('env', (n) => this.scalarMap(n)),
    };
  }

  /** The alias of the merge key (`<<: *base`) that brings `key` into `map`, when it is not the map's own. */
  private mergedFrom(map: YAMLMap, key: string): unknown {
    if (map.items.some((p) => !this.isMergeKey(p.key) && this.keyString(p.key) === key)) return undefined;
    for (const merge of map.items) {
      if (!this.isMergeKey(merge.key)) continue;
      const value = this.resolve(merge.value);
      const sources = isSeq(value) ? value.items.map((i) => this.map(i)) : [this.map(value)];
      const i = sources.findIndex((source) => source && this.get(source, key) !== undefined);
      if (i >= 0) return isSeq(value) ? value.items[i] : merge.value;
    }
    return undefined;
  }
}
