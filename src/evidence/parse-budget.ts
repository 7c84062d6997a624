/**
 * The one owner of parsing structured files from the scanned repository (YAML and JSON): every
 * file gets a budget suited to what it is (size, lines, line length, nesting depth, node count,
 * anchors and aliases), checked by a cheap linear pre-scan of the text before any parser sees it.
 * A file over budget is not parsed: the caller reports it (which budget, found and allowed), and
 * the engine keeps every check that needed it from passing (`applyParseBudgets`).
 *
 * Why a pre-scan: the parsers' cost is not linear in bytes. `yaml` spends kilobytes per error
 * node (`'\t:\n'` repeated ran a scan out of memory), its anchor handling is quadratic, and one
 * long line or deep `[`-nesting costs more than its length. Counting the structure the parser
 * would build bounds its time and memory; the budgets sit far above any real file of each kind.
 * Time has no budget of its own: the structural budgets bound it (tested in
 * __tests__/hostile/parse-budget.test.ts on the largest file each budget accepts).
 */
import {
  LineCounter,
  parseDocument,
  type Document,
  type DocumentOptions,
  type ParseOptions,
  type SchemaOptions,
} from 'yaml';
import { CORE_SCHEMA, load as loadYaml, YAMLException } from 'js-yaml';
import { parseDocumentFast } from './yaml-fast.js';
import type { EvidenceContext } from './context.js';

export interface ParseBudget {
  /** What the file is, for messages: "a workflow", "an SBOM". */
  what: string;
  bytes: number;
  lines: number;
  /** Longest line, in characters (YAML only: minified JSON is one long line by design). */
  lineChars?: number;
  /** Nesting depth of collections. */
  depth: number;
  /** Structural indicators counted by the pre-scan (`:`, `- `, `,`, `[`, `{`): about one per node. */
  nodes: number;
  /** Anchors plus aliases (YAML). */
  references?: number;
}

export type BudgetName = 'size' | 'lines' | 'line length' | 'nesting depth' | 'nodes' | 'anchors and aliases';

export interface OverBudget {
  budget: BudgetName;
  found: number;
  limit: number;
  /** 1-based line where the budget was passed. */
  line: number;
  /** One sentence: what was over which budget. */
  message: string;
}

const KiB = 1024;
const MiB = 1024 * KiB;

/** Budgets per kind of file: real files of each kind are far below them. */
export const BUDGETS = {
  workflow: {
    what: 'a workflow or action file',
    bytes: 2 * MiB,
    lines: 100_000,
    lineChars: 64 * KiB,
    depth: 64,
    nodes: 25_000,
    references: 1_000,
  },
  dependabot: {
    what: 'a Dependabot configuration',
    bytes: 1 * MiB,
    lines: 50_000,
    lineChars: 16 * KiB,
    depth: 32,
    nodes: 10_000,
    references: 500,
  },
  config: {
    what: 'an sscop configuration',
    bytes: 256 * KiB,
    lines: 20_000,
    lineChars: 16 * KiB,
    depth: 32,
    nodes: 10_000,
    references: 200,
  },
  compose: {
    what: 'a Docker Compose file',
    bytes: 1 * MiB,
    lines: 50_000,
    lineChars: 16 * KiB,
    depth: 32,
    nodes: 20_000,
    references: 500,
  },
  supportYaml: {
    what: 'a support-schedule YAML file',
    bytes: 1 * MiB,
    lines: 50_000,
    lineChars: 16 * KiB,
    depth: 32,
    nodes: 20_000,
    references: 500,
  },
  packageWorkspace: {
    what: 'a package workspace file',
    bytes: 1 * MiB,
    lines: 50_000,
    lineChars: 16 * KiB,
    depth: 32,
    nodes: 20_000,
    references: 100,
  },
  sbomYaml: {
    what: 'an SBOM',
    bytes: 10 * MiB,
    lines: 1_000_000,
    lineChars: 64 * KiB,
    depth: 64,
    nodes: 300_000,
    references: 1_000,
  },
  sbomJson: { what: 'an SBOM', bytes: 10 * MiB, lines: 2_000_000, depth: 128, nodes: 2_000_000 },
  manifestJson: { what: 'a package manifest', bytes: 2 * MiB, lines: 100_000, depth: 64, nodes: 200_000 },
  toolJson: { what: 'a tool configuration', bytes: 1 * MiB, lines: 50_000, depth: 64, nodes: 100_000 },
  threatModelJson: { what: 'a threat model', bytes: 10 * MiB, lines: 1_000_000, depth: 64, nodes: 1_000_000 },
} as const satisfies Record<string, ParseBudget>;

class Overrun {
  constructor(
    readonly budget: BudgetName,
    readonly found: number,
    readonly limit: number,
    readonly line: number,
  ) {}
}

function overBudget(o: Overrun, b: ParseBudget): OverBudget {
  const unit = o.budget === 'size' ? ' bytes' : o.budget === 'line length' ? ' characters' : '';
  const over = o.budget === 'size' || o.budget === 'lines' ? '' : ` (passed at line ${o.line})`;
  return {
    budget: o.budget,
    found: o.found,
    limit: o.limit,
    line: o.line,
    message: `over the ${o.budget} budget for ${b.what}: ${o.found}${unit}${over}, at most ${o.limit}${unit}`,
  };
}

const SPACE = 0x20;
const TAB = 0x09;
const CR = 0x0d;
const LF = 0x0a;

const isBlank = (c: number): boolean => c === SPACE || c === TAB || c === CR || c === LF || Number.isNaN(c);

/**
 * Counts a YAML text's structure without parsing it; throws an Overrun at the first budget passed.
 * Comments, quoted scalars and block scalars (`run: |` scripts) are skipped, so brackets and
 * colons inside them do not count. Linear in the text. Where it cannot tell, it counts (a quote
 * that would hide the lines after it is closed at the first line indented no deeper than its own).
 */
function scanYaml(text: string, b: ParseBudget): void {
  let line = 0;
  let nodes = 0;
  let refs = 0;
  let flow = 0;
  /** Indentation of the open block collections (popped as lines dedent). */
  const indents: number[] = [];
  /** An open quoted scalar: its quote's character code (or 0), and the indentation of its line. */
  let quote = 0;
  let quoteIndent = 0;
  /** A block scalar's parent column (its content is indented more), and its content indentation once seen. */
  let blockParent = -1;
  let blockIndent = -1;
  for (let start = 0; start <= text.length;) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    if (line > b.lines) throw new Overrun('lines', countLines(text), b.lines, line);
    let indent = 0;
    while (text.charCodeAt(start + indent) === SPACE) indent++;
    let first = start + indent;
    while (first < end && isBlank(text.charCodeAt(first))) first++;
    const blank = first >= end;
    // A long comment line costs the parser little; a long line of content can cost it much more.
    if (b.lineChars !== undefined && end - start > b.lineChars && text.charCodeAt(first) !== 0x23)
      throw new Overrun('line length', end - start, b.lineChars, line);
    if (quote !== 0 && !blank && indent <= quoteIndent) quote = 0;
    if (blockParent >= 0) {
      if (blockIndent < 0 && !blank && indent > blockParent) blockIndent = indent;
      if (blank || (blockIndent >= 0 && indent >= blockIndent)) {
        start = end + 1;
        continue;
      }
      blockParent = blockIndent = -1;
    }
    if (blank) {
      start = end + 1;
      continue;
    }
    let depth = flow;
    if (flow === 0 && quote === 0) {
      while (indents.length && indents[indents.length - 1]! >= indent) indents.pop();
      indents.push(indent);
      depth = indents.length;
    }
    /** Whether a node may start here (line start, after an indicator): only there do quotes, anchors and `|` mean something. */
    let nodeStart = quote === 0;
    /** Column of the line's first node after its `- ` and `? ` indicators (a block scalar's parent). */
    let firstNode = -1;
    let prev = SPACE;
    for (let i = start + indent; i < end; i++) {
      const c = text.charCodeAt(i);
      if (quote !== 0) {
        if (c === 0x5c && quote === 0x22)
          i++; // an escape in a double-quoted scalar
        else if (c === quote) {
          if (quote === 0x27 && text.charCodeAt(i + 1) === 0x27)
            i++; // '' in a single-quoted scalar
          else quote = 0;
        }
        prev = c;
        continue;
      }
      const next = text.charCodeAt(i + 1);
      const nextBlank = i + 1 === end || isBlank(next);
      if (isBlank(c)) {
        prev = c;
        continue;
      }
      if (c === 0x23 && isBlank(prev)) break; // a comment
      const atNode = nodeStart;
      nodeStart = false;
      if (firstNode < 0 && !((c === 0x2d || c === 0x3f) && nextBlank)) firstNode = i - start;
      if ((c === 0x5b || c === 0x7b) && (atNode || flow > 0)) {
        flow++;
        nodes++;
        depth++;
        nodeStart = true;
      } else if (c === 0x5d || c === 0x7d) {
        if (flow > 0) flow--;
      } else if (c === 0x2c && flow > 0) {
        nodes++;
        nodeStart = true;
      } else if (c === 0x3a && (nextBlank || flow > 0)) {
        nodes++;
        nodeStart = true;
      } else if (!atNode) {
        // inside a plain scalar: quotes, anchors and indicators are text
      } else if (c === 0x22 || c === 0x27) {
        quote = c;
        quoteIndent = indent;
      } else if ((c === 0x2d || c === 0x3f) && nextBlank) {
        nodes++; // `- ` or `? `: one more block collection when it follows another on the line
        if (i > start + indent) depth++;
        nodeStart = true;
      } else if (c === 0x26 || c === 0x2a || c === 0x21) {
        // An anchor, alias or tag: the node (if any) follows it.
        if (c !== 0x21 && ++refs > (b.references ?? Infinity))
          throw new Overrun('anchors and aliases', refs, b.references!, line);
        while (i + 1 < end && !isBlank(text.charCodeAt(i + 1))) i++;
        nodeStart = true;
      } else if ((c === 0x7c || c === 0x3e) && flow === 0 && isBlockHeader(text, i + 1, end)) {
        blockParent = firstNode === i - start ? indent : firstNode;
        break;
      }
      prev = c;
    }
    if (depth > b.depth) throw new Overrun('nesting depth', depth, b.depth, line);
    if (nodes > b.nodes) throw new Overrun('nodes', nodes, b.nodes, line);
    start = end + 1;
  }
}

/** Whether the rest of a line after `|` or `>` is a block scalar header (indicators, then a comment or nothing). */
function isBlockHeader(text: string, from: number, end: number): boolean {
  let i = from;
  while (i < end && /[0-9+-]/.test(text[i]!)) i++;
  while (i < end && isBlank(text.charCodeAt(i))) i++;
  return i === end || text.charCodeAt(i) === 0x23;
}

function countLines(text: string): number {
  let n = 1;
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) n++;
  return n;
}

/** Counts a JSON text's structure (strings skipped); throws an Overrun at the first budget passed. */
function scanJson(text: string, b: ParseBudget): void {
  let line = 1;
  let nodes = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string; a line break cannot occur inside a JSON string.
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c) i++;
        else if (s === 0x22 || s === LF) break;
      }
      if (text.charCodeAt(i) === LF) line++;
    } else if (c === LF) {
      if (++line > b.lines) throw new Overrun('lines', countLines(text), b.lines, line);
    } else if (c === 0x5b || c === 0x7b) {
      if (++depth > b.depth) throw new Overrun('nesting depth', depth, b.depth, line);
      if (++nodes > b.nodes) throw new Overrun('nodes', nodes, b.nodes, line);
    } else if (c === 0x5d || c === 0x7d) {
      if (depth > 0) depth--;
    } else if (c === 0x2c || c === 0x3a) {
      if (++nodes > b.nodes) throw new Overrun('nodes', nodes, b.nodes, line);
    }
  }
}

/** Why a text may not be parsed as YAML under `budget`; undefined when it may. */
export function yamlOverBudget(text: string, budget: ParseBudget): OverBudget | undefined {
  return prescan(text, budget, scanYaml);
}

/** Why a text may not be parsed as JSON under `budget`; undefined when it may. */
export function jsonOverBudget(text: string, budget: ParseBudget): OverBudget | undefined {
  return prescan(text, budget, scanJson);
}

function prescan(
  text: string,
  budget: ParseBudget,
  scan: (text: string, budget: ParseBudget) => void,
): OverBudget | undefined {
  try {
    if (text.length > budget.bytes) throw new Overrun('size', Buffer.byteLength(text), budget.bytes, 1);
    scan(text, budget);
    return undefined;
  } catch (error) {
    if (error instanceof Overrun) return overBudget(error, budget);
    throw error;
  }
}

export type Budgeted<T> = { ok: true; value: T } | { ok: false; overBudget: OverBudget };

/**
 * A YAML document with `yaml`'s nodes and positions, or why the text is over budget. `fast` tries
 * the js-yaml fast path first (plain files; a repeated key goes to `yaml` unless `uniqueKeys` is
 * false); a line counter, when given, is filled either way.
 */
export function parseYamlDocument(
  text: string,
  budget: ParseBudget,
  options: ParseOptions & DocumentOptions & SchemaOptions & { lineCounter?: LineCounter; fast?: boolean },
): Budgeted<Document> {
  const over = yamlOverBudget(text, budget);
  if (over) return { ok: false, overBudget: over };
  const { fast: tryFast, ...yamlOptions } = options;
  const fast = tryFast
    ? parseDocumentFast(text, { uniqueKeys: yamlOptions.uniqueKeys !== false })
    : undefined;
  if (fast) {
    if (options.lineCounter) addLineStarts(options.lineCounter, text);
    return { ok: true, value: fast };
  }
  return { ok: true, value: parseDocument(text, { prettyErrors: false, ...yamlOptions }) };
}

/** The line starts `yaml`'s lexer would record: 0, then after every line break. */
function addLineStarts(lineCounter: LineCounter, text: string): void {
  lineCounter.addNewLine(0);
  for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', nl + 1)) lineCounter.addNewLine(nl + 1);
}

/**
 * Plain data from a YAML text, for files read as data without positions (SBOMs, support
 * schedules): js-yaml's loader, several times leaner than `yaml`'s documents, with YAML 1.2 core
 * types (dates stay strings, as `yaml` reads them) and aliases bounded. Throws on invalid YAML
 * with a message that ends `at line N, column M`; over budget is a value.
 */
export function parseYamlData(text: string, budget: ParseBudget): Budgeted<unknown> {
  const over = yamlOverBudget(text, budget);
  if (over) return { ok: false, overBudget: over };
  try {
    return {
      ok: true,
      value: loadYaml(text, { schema: CORE_SCHEMA, maxDepth: budget.depth, maxAliases: 100 }),
    };
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    const at = error.mark ? ` at line ${error.mark.line + 1}, column ${error.mark.column + 1}` : '';
    throw new Error(`${error.reason}${at}`);
  }
}

/** `JSON.parse` under a budget (a leading byte-order mark is dropped). Throws on invalid JSON. */
export function parseJson(text: string, budget: ParseBudget): Budgeted<unknown> {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const over = jsonOverBudget(body, budget);
  if (over) return { ok: false, overBudget: over };
  return { ok: true, value: JSON.parse(body) };
}

/** A repository JSON file as parsed once per scan: its value, or why there is none. */
export type JsonFile =
  { ok: true; value: unknown } | { ok: false; overBudget: OverBudget } | { ok: false; invalid: string };

/**
 * Parses a JSON file of the checkout once per scan (checks that share it share the result) and
 * records it when over budget; undefined when the file was not read.
 */
export function readJsonFile(ctx: EvidenceContext, path: string, budget: ParseBudget): JsonFile | undefined {
  return ctx.memo(`json:${path}`, (): JsonFile | undefined => {
    const text = ctx.files.text(path);
    if (text === undefined) return undefined;
    try {
      const parsed = parseJson(text, budget);
      if (!parsed.ok) recordOverBudget(ctx, path, parsed.overBudget);
      return parsed;
    } catch (error) {
      return { ok: false, invalid: error instanceof Error ? error.message : String(error) };
    }
  });
}

/** A file found over its parse budget in this scan. */
export interface OverBudgetFile extends OverBudget {
  path: string;
}

/** The files found over budget in one scan: the parse owners record them, the engine reads them. */
export function overBudgetFiles(ctx: Pick<EvidenceContext, 'memo'>): Map<string, OverBudgetFile> {
  return ctx.memo('over-budget-files', () => new Map<string, OverBudgetFile>());
}

/** Records a file over budget (once per path) and gives it back. */
export function recordOverBudget(
  ctx: Pick<EvidenceContext, 'memo'>,
  path: string,
  over: OverBudget,
): OverBudgetFile {
  const files = overBudgetFiles(ctx);
  const file = files.get(path) ?? { path, ...over };
  files.set(path, file);
  return file;
}
