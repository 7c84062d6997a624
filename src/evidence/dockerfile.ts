/**
 * Dockerfiles (and Containerfiles) parsed once per scan into instructions with exact positions:
 * base images with `ARG` defaults substituted and stage names resolved, and `RUN` bodies as the
 * shell will see them (line continuations joined, comment lines inside them dropped, here-documents
 * split out), each mapped back to the file so findings point at the right line.
 *
 * Built on `dockerfile-ast` (the parser behind the Dockerfile language server): it knows parser
 * directives (`# escape=`), flags, JSON (exec) form and here-documents, and gives ranges.
 */
import type { DockerfileParser as Parser, From, Heredoc, Instruction, Run } from 'dockerfile-ast';
import type { RepoFiles } from '../repo/files.js';
import {
  ANY,
  PLATFORM_VALUES,
  expandArgs,
  matchesPattern,
  shownValue,
  type ArgValues,
  type Expansion,
} from './build-args.js';
import { lazyRequire } from './lazy-require.js';
import { LineIndex } from './line-index.js';
import { lowerName, rememberLast } from './locate.js';
import { isFixtureOrVendored } from './test-material.js';
import type { ScriptSource } from './shell.js';
import type { Position } from './workflows.js';
import type { EvidenceContext } from './context.js';

export interface DockerInstruction {
  /** Upper-cased keyword: FROM, RUN, ARG, … */
  keyword: string;
  /** From the keyword to the end of the instruction (here-document bodies included). */
  pos: Position;
  /** [start, end) file offsets. */
  range: [number, number];
  /** `--name=value` flags, in order. */
  flags: Array<{ name: string; value: string | null }>;
}

export interface DockerFrom {
  instruction: DockerInstruction;
  /** The image reference as written (`${BASE}`, `node:20`, `build`). */
  image: string;
  /** Where the image reference stands. */
  imagePos: Position;
  /**
   * The reference with global `ARG` defaults substituted, when it names one image; undefined
   * when it uses an `ARG` with no default (the image is chosen at build time) — `unresolved` then
   * names the variables — or when it can name several (`expansions`).
   */
  resolved?: string;
  unresolved?: string[];
  /**
   * Every image the reference can name when that is more than one: alternative `ARG` values, or
   * a part BuildKit sets for the platform (`TARGETARCH`, …), shown as `*`. Earlier stages and
   * scratch among them are left out.
   */
  expansions?: string[];
  /** `AS name`, lower-cased as Docker does. */
  stage?: string;
  /**
   * The (lower-cased) name of an earlier stage this FROM builds on, instead of an image: every
   * value it can take names one, or its pattern (`tool-${TARGETOS}`) matches one.
   */
  fromStage?: string;
  /** `FROM scratch`: no image at all. */
  scratch: boolean;
  platform?: string;
}

export interface DockerHeredoc {
  name: string;
  /** The body, mapped to the file. */
  body: ScriptSource;
}

export interface DockerRun {
  instruction: DockerInstruction;
  form: 'shell' | 'exec';
  /**
   * Shell form: the command line as handed to the shell (continuations joined with the escape
   * character and comment lines removed; here-document bodies included, as the shell reads them).
   */
  script?: ScriptSource;
  /** Exec form (`RUN ["sh", "-c", "…"]`): the JSON array's strings. */
  exec?: string[];
  heredocs: DockerHeredoc[];
  /**
   * True for `RUN <<EOF` with no command before the here-document: Docker then runs each
   * here-document's body as a script with the shell.
   */
  heredocScript: boolean;
  /** The `SHELL` in effect for this instruction (Docker's default is `/bin/sh -c`). */
  shell: string[];
}

/** An `ADD`: its sources as written (the destination left out), each with where it stands. */
export interface DockerAdd {
  instruction: DockerInstruction;
  sources: Array<{ value: string; pos: Position }>;
}

export interface DockerfileModel {
  path: string;
  text: string;
  instructions: DockerInstruction[];
  froms: DockerFrom[];
  runs: DockerRun[];
  adds: DockerAdd[];
  /** Global `ARG`s (before the first FROM) with the values their defaults expand to (null when none). */
  globalArgs: Map<string, Expansion | null>;
  escape: string;
  /** Set when the file could not be read as a Dockerfile. */
  error?: { message: string; line: number; column: number };
  positionAt(offset: number): { line: number; column: number };
}

/** Dockerfiles are small; larger files are reported, not parsed. */
export const MAX_DOCKERFILE_BYTES = 1024 * 1024;

/** Extensions that mark a `Dockerfile.*` as something else (docs, ignore files, data). */
const NOT_DOCKERFILE_EXT =
  /\.(?:md|markdown|txt|rst|json|ya?ml|toml|lock|dockerignore|png|svg|jpe?g|gif|html?|sh|py|js|ts|go|bak|orig|swp|j2|tpl|tmpl|template|erb|gotmpl)$/;

/** Docker's and Podman's naming conventions: Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile. */
export const isDockerfilePath = rememberLast((path): boolean => {
  const lower = lowerName(path);
  // Every name below contains one of the two words: most paths stop at this test.
  if (!lower.includes('dockerfile') && !lower.includes('containerfile')) return false;
  for (const base of ['dockerfile', 'containerfile']) {
    if (lower === base || lower.endsWith(`.${base}`)) return true;
    if (lower.startsWith(`${base}.`) && !NOT_DOCKERFILE_EXT.test(lower)) return true;
    if (lower.startsWith(`${base}-`) && !lower.includes('.')) return true;
  }
  return false;
});

/** The parser (and the language-server types under it) loads on first use: see lazy-require.ts. */
const dockerfileAst = lazyRequire<{ DockerfileParser: typeof Parser }>(
  'dockerfile-ast',
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load (lazy-require.ts)
  () => require('dockerfile-ast'),
);

/** Every Dockerfile the repository holds (outside test fixtures and vendored code), parsed once per scan. */
export function parseDockerfiles(ctx: EvidenceContext): DockerfileModel[] {
  return ctx.memo('dockerfiles', () => parseAll(ctx.files));
}

function parseAll(files: RepoFiles): DockerfileModel[] {
  const out: DockerfileModel[] = [];
  // Only a file some check declared a need for has a text: no need to look through every path.
  for (const path of files.needed()) {
    if (!isDockerfilePath(path) || isFixtureOrVendored(path)) continue;
    const text = files.text(path);
    if (text !== undefined) out.push(parseDockerfile(path, text));
  }
  return out;
}

/** Parses one Dockerfile; never throws. */
export function parseDockerfile(path: string, text: string): DockerfileModel {
  const lines = LineIndex.of(text);
  const offsetAt = (p: { line: number; character: number }): number =>
    lines.offsetOf(p.line, p.character, text.length);
  const positionAt = (offset: number): { line: number; column: number } => lines.positionAt(offset);
  const model: DockerfileModel = {
    path,
    text,
    instructions: [],
    froms: [],
    runs: [],
    adds: [],
    globalArgs: new Map(),
    escape: '\\',
    positionAt,
  };
  if (text.length > MAX_DOCKERFILE_BYTES) {
    return {
      ...model,
      error: { message: `file is too large to be a Dockerfile (${text.length} bytes)`, line: 1, column: 1 },
    };
  }
  if (text.includes('\u0000'))
    return { ...model, error: { message: 'binary content, not a Dockerfile', line: 1, column: 1 } };
  let parsed: ReturnType<typeof Parser.parse>;
  try {
    parsed = dockerfileAst().DockerfileParser.parse(text);
    model.escape = parsed.getEscapeCharacter();
  } catch (error) {
    return { ...model, error: { message: `cannot be parsed: ${String(error)}`, line: 1, column: 1 } };
  }
  const pos = (start: number, end: number): Position => {
    const s = positionAt(start);
    const e = positionAt(end);
    return { line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
  };
  const stages = new StageNames();
  let seenFrom = false;
  let shell = ['/bin/sh', '-c'];
  for (const ins of parsed.getInstructions()) {
    const r = ins.getRange();
    const range: [number, number] = [offsetAt(r.start), offsetAt(r.end)];
    const keyword = ins.getKeyword().toUpperCase();
    const flags =
      'getFlags' in ins
        ? (ins as Run).getFlags().map((f) => ({ name: f.getName(), value: f.getValue() }))
        : [];
    const instruction: DockerInstruction = { keyword, pos: pos(range[0], range[1]), range, flags };
    model.instructions.push(instruction);
    if (keyword === 'ARG') {
      for (const [name, value] of argDefinitions(ins)) {
        if (!seenFrom)
          model.globalArgs.set(name, value === null ? null : expandArgs(value, model.globalArgs));
      }
    } else if (keyword === 'FROM') {
      seenFrom = true;
      shell = ['/bin/sh', '-c'];
      const from = readFrom(ins as From, instruction, model.globalArgs, stages, offsetAt, pos);
      if (from) {
        model.froms.push(from);
        if (from.stage) stages.add(from.stage);
      }
    } else if (keyword === 'SHELL') {
      const argv = jsonArray(ins.getRawArgumentsContent() ?? '');
      if (argv?.length) shell = argv;
    } else if (keyword === 'RUN') {
      model.runs.push(readRun(ins as Run, instruction, text, model.escape, shell, offsetAt));
    } else if (keyword === 'ADD') {
      model.adds.push(readAdd(ins, instruction, offsetAt, pos));
    }
  }
  return model;
}

/** An ADD's sources: every argument but the last (the destination), JSON punctuation removed. */
function readAdd(
  ins: Instruction,
  instruction: DockerInstruction,
  offsetAt: (p: { line: number; character: number }) => number,
  pos: (start: number, end: number) => Position,
): DockerAdd {
  const all = ins.getArguments();
  // `ADD <<EOT /dest`: the sources are here-documents written inline (their lines come back as
  // arguments too), never fetched.
  if (all.some((arg) => arg.getValue().startsWith('<<'))) return { instruction, sources: [] };
  const args = all.slice(0, -1);
  const sources = args.map((arg) => {
    const r = arg.getRange();
    const raw = arg.getValue();
    // In the exec form each argument keeps the JSON around it: point at the string itself.
    const lead = /^\[?\s*"?/.exec(raw)![0].length;
    const trail = raw.length - lead - jsonStringEnd(raw.slice(lead));
    const start = offsetAt(r.start) + lead;
    const end = Math.max(start, offsetAt(r.end) - trail);
    return { value: raw.slice(lead, raw.length - trail), pos: pos(start, end) };
  });
  return { instruction, sources };
}

/**
 * Where an exec-form argument's string ends once the JSON after it (`"`, `,`, `]` and spaces) is
 * left out; scanned from the end by hand, since an anchored pattern would retry from every space.
 */
function jsonStringEnd(text: string): number {
  let end = text.length;
  const skip = (chars: string, once: boolean): void => {
    while (end > 0 && chars.includes(text[end - 1]!)) {
      end--;
      if (once) return;
    }
  };
  skip(']', true);
  skip(' \t', false);
  skip(',', true);
  skip(' \t', false);
  skip('"', true);
  return end;
}

function argDefinitions(ins: Instruction): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  for (const arg of ins.getArguments()) {
    const v = arg.getValue();
    const eq = v.indexOf('=');
    const name = eq < 0 ? v : v.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) continue;
    out.push([name, eq < 0 ? null : unquote(v.slice(eq + 1))]);
  }
  return out;
}

function readFrom(
  ins: From,
  instruction: DockerInstruction,
  args: ArgValues,
  stages: StageNames,
  offsetAt: (p: { line: number; character: number }) => number,
  pos: (start: number, end: number) => Position,
): DockerFrom | undefined {
  const words = ins.getArguments();
  const first = words[0];
  if (!first) return undefined;
  const image = unquote(first.getValue());
  const r = first.getRange();
  const asIndex = words.findIndex((w, i) => i > 0 && w.getValue().toLowerCase() === 'as');
  const stage = asIndex > 0 ? words[asIndex + 1]?.getValue().toLowerCase() : undefined;
  const platform = instruction.flags.find((f) => f.name === 'platform')?.value ?? undefined;
  return {
    instruction,
    image,
    imagePos: pos(offsetAt(r.start), offsetAt(r.end)),
    ...fromTarget(expandArgs(image, args), stages),
    stage,
    platform,
  };
}

/** What a FROM reference names once expanded: an earlier stage, scratch, or images. */
function fromTarget(
  { values, unresolved }: Expansion,
  stages: StageNames,
): Pick<DockerFrom, 'resolved' | 'unresolved' | 'expansions' | 'fromStage' | 'scratch'> {
  let fromStage: string | undefined;
  let scratch = false;
  const images: string[] = [];
  for (const value of values) {
    const lower = value.toLowerCase();
    const named = lower === 'scratch' ? undefined : stages.named(lower);
    if (lower === 'scratch') scratch = true;
    else if (named !== undefined) fromStage ??= named;
    else images.push(value);
  }
  if (images.length === 0) return fromStage !== undefined ? { fromStage, scratch: false } : { scratch };
  if (unresolved.length) return { unresolved, scratch: false };
  if (values.length === 1 && !values[0]!.includes(ANY)) return { resolved: values[0], scratch: false };
  return { expansions: images.map(shownValue), scratch: false };
}

/**
 * The stage names seen so far. A pattern is matched against them within a budget per file, so a
 * file of thousands of stages and patterns costs no more than a real one.
 */
class StageNames {
  private readonly names = new Set<string>();
  private patternBudget = 100_000;

  add(name: string): void {
    this.names.add(name);
  }

  /**
   * The earlier stage a lower-cased expanded value names. A pattern needs some literal text, unless
   * it is nothing but platform arguments (`FROM ${TARGETOS}`): no image is called `linux`, so it
   * names the stage called after a platform value when there is one.
   */
  named(value: string): string | undefined {
    if (!value.includes(ANY)) return this.names.has(value) ? value : undefined;
    if (value.split(ANY).every((part) => part === ''))
      return [...this.names].find((name) => PLATFORM_VALUES.has(name));
    for (const name of this.names) {
      if (--this.patternBudget < 0) return undefined;
      if (matchesPattern(value, name)) return name;
    }
    return undefined;
  }
}

function readRun(
  ins: Run,
  instruction: DockerInstruction,
  text: string,
  escape: string,
  shell: string[],
  offsetAt: (p: { line: number; character: number }) => number,
): DockerRun {
  const heredocs = readHeredocs(ins.getHeredocs(), text, offsetAt);
  const json = ins.getJSONStrings();
  if (json.length > 0 && !heredocs.length) {
    const argv = jsonArray(ins.getRawArgumentsContent() ?? '');
    if (argv) return { instruction, form: 'exec', exec: argv, heredocs, heredocScript: false, shell };
  }
  const args = ins.getArguments();
  const start = args[0] ? offsetAt(args[0].getRange().start) : instruction.range[1];
  const end = instruction.range[1];
  const firstBody = heredocs.length
    ? offsetAt(ins.getHeredocs()[0]!.getContentRange()?.start ?? { line: 0, character: 0 })
    : end;
  const script = commandSource(text, start, end, Math.max(start, Math.min(firstBody, end)), escape);
  const head = text.slice(start, Math.min(end, firstBody)).trim();
  // `RUN <<EOF` (optionally several openers, nothing else): the bodies are the scripts.
  const heredocScript =
    heredocs.length > 0 &&
    /^(?:<<-?\s*["']?[A-Za-z_][\w.-]*["']?\s*)+$/.test(head.split(/\r\n|\r|\n/)[0] ?? '');
  return { instruction, form: 'shell', script, heredocs, heredocScript, shell };
}

function readHeredocs(
  list: Heredoc[],
  text: string,
  offsetAt: (p: { line: number; character: number }) => number,
): DockerHeredoc[] {
  const out: DockerHeredoc[] = [];
  for (const h of list) {
    const content = h.getContentRange();
    if (!content) continue;
    const start = offsetAt(content.start);
    const end = offsetAt(content.end);
    out.push({
      name: h.getName(),
      body: { text: text.slice(start, end), segments: [{ at: 0, file: start }] },
    });
  }
  return out;
}

/**
 * The shell text of a RUN instruction from `start` to `end`: in the part before the first
 * here-document body, comment lines and blank lines inside a continuation are dropped (Docker
 * removes them) and, for a non-backslash escape character, continuations are joined.
 */
function commandSource(
  text: string,
  start: number,
  end: number,
  bodyStart: number,
  escape: string,
): ScriptSource {
  let out = '';
  const segments: Array<{ at: number; file: number }> = [];
  const keep = (from: number, to: number): void => {
    if (to <= from) return;
    const last = segments[segments.length - 1];
    if (!last || last.file + (out.length - last.at) !== from) segments.push({ at: out.length, file: from });
    out += text.slice(from, to);
  };
  let i = start;
  let first = true;
  while (i < bodyStart) {
    const nl = nextLineBreak(text, i, bodyStart);
    const lineEnd = nl.at;
    const line = text.slice(i, lineEnd);
    const trimmed = line.trim();
    if (!first && (trimmed === '' || trimmed.startsWith('#'))) {
      i = lineEnd + nl.length;
      continue;
    }
    first = false;
    const continued = line.trimEnd().endsWith(escape);
    if (continued && escape !== '\\') {
      const cut = i + line.trimEnd().length - 1;
      keep(i, cut);
      keep(lineEnd, lineEnd); // nothing: the continuation joins the lines
      i = lineEnd + nl.length;
      out += ' ';
      segments.push({ at: out.length, file: i });
      continue;
    }
    keep(i, lineEnd + nl.length);
    i = lineEnd + nl.length;
  }
  keep(Math.max(i, bodyStart), end);
  if (!segments.length) segments.push({ at: 0, file: start });
  return { text: out, segments };
}

function nextLineBreak(text: string, from: number, limit: number): { at: number; length: number } {
  for (let i = from; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return { at: i, length: 1 };
    if (c === 13) return { at: i, length: text.charCodeAt(i + 1) === 10 ? 2 : 1 };
  }
  return { at: limit, length: 0 };
}

function jsonArray(raw: string): string[] | undefined {
  try {
    const v: unknown = JSON.parse(raw.trim());
    return Array.isArray(v) && v.every((s) => typeof s === 'string') ? (v as string[]) : undefined;
  } catch {
    return undefined;
  }
}

function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** A container image reference pinned by content: `name@sha256:<64 hex>` (a tag may precede it). */
export function isDigestPinned(reference: string): boolean {
  return /@sha256:[0-9a-f]{64}$/.test(reference.trim());
}
