/**
 * Which folders a workspace includes, read from the package manager's own settings: `workspaces`
 * in package.json (npm, Yarn, Bun), pnpm-workspace.yaml, Cargo's `[workspace]` members and
 * exclude, uv's `[tool.uv.workspace]`, path dependencies (Poetry, PDM, uv sources, Cargo), and
 * go.work `use` lines. A lockfile in a parent folder locks a project only when the project is
 * in that folder's workspace: elsewhere the package manager never reads it.
 */
import type { EvidenceContext } from './context.js';
import { globMatcher } from '../glob.js';
import { before, trimTrailing } from './locate.js';
import { BUDGETS, parseYamlData, readJsonFile } from './parse-budget.js';

/** Whose workspace rules apply: the package manager that reads the lock. */
export type WorkspaceKind = 'node' | 'pnpm' | 'cargo' | 'python' | 'go';

/** Whether a folder is in a workspace; `unreadable` when its settings could not be read. */
export type Membership = 'member' | 'outside' | 'unreadable';

/** The members of one workspace root, as read once per scan. */
interface Members {
  readable: boolean;
  include: string[];
  exclude: string[];
  /** Folders named by path dependencies (members in Cargo, locked with the root elsewhere). */
  paths: Set<string>;
}

const SETTINGS_FILE: Record<WorkspaceKind, string> = {
  node: 'package.json',
  pnpm: 'pnpm-workspace.yaml',
  cargo: 'Cargo.toml',
  python: 'pyproject.toml',
  go: 'go.work',
};

/** The file a workspace root of this kind keeps its members in (it must be read as text). */
export function workspaceSettingsFile(kind: WorkspaceKind): string {
  return SETTINGS_FILE[kind];
}

/** Whether the workspace rooted at `root` includes the folder `member` (below it). */
export function workspaceIncludes(
  ctx: EvidenceContext,
  kind: WorkspaceKind,
  root: string,
  member: string,
): Membership {
  if (kind === 'cargo' && ownCargoWorkspace(ctx, member)) return 'outside';
  const members = ctx.memo(`workspace:${kind}:${root}`, () => readMembers(ctx, kind, root));
  if (!members) return 'outside';
  if (!members.readable) return 'unreadable';
  const relative = root ? member.slice(root.length + 1) : member;
  if (members.paths.has(member)) return 'member';
  if (kind === 'cargo' && cargoNamesRoot(ctx, member, root)) return 'member';
  const excluded = members.exclude.some((e) => relative === e || relative.startsWith(`${e}/`));
  if (excluded || !members.include.length) return 'outside';
  return globMatcher(members.include)(relative) ? 'member' : 'outside';
}

/** The members a root declares; undefined when it has no settings file (no workspace). */
function readMembers(ctx: EvidenceContext, kind: WorkspaceKind, root: string): Members | undefined {
  const file = join(root, SETTINGS_FILE[kind]);
  if (!ctx.files.has(file)) return undefined;
  if (kind === 'node') return nodeMembers(ctx, file);
  const text = ctx.files.text(file);
  if (text === undefined) return { readable: false, include: [], exclude: [], paths: new Set() };
  if (kind === 'pnpm') return pnpmMembers(text);
  if (kind === 'go') return globs(goWorkUses(text), [], new Set());
  const table = tomlTable(text, kind === 'cargo' ? 'workspace' : 'tool.uv.workspace');
  const paths = new Set(pathDependencies(text).map((p) => join(root, p)));
  return globs(
    table === undefined ? [] : tomlStrings(table, 'members'),
    table === undefined ? [] : tomlStrings(table, 'exclude'),
    paths,
  );
}

function nodeMembers(ctx: EvidenceContext, file: string): Members {
  const pkg = readJsonFile(ctx, file, BUDGETS.manifestJson);
  if (!pkg?.ok) return { readable: false, include: [], exclude: [], paths: new Set() };
  const value = pkg.value as { workspaces?: unknown } | null;
  const declared = value?.workspaces;
  const list = Array.isArray(declared)
    ? declared
    : (declared as { packages?: unknown } | undefined)?.packages;
  const patterns = Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
  return globs(
    patterns.filter((p) => !p.startsWith('!')),
    patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)),
    new Set(),
  );
}

function pnpmMembers(text: string): Members {
  try {
    const parsed = parseYamlData(text, BUDGETS.packageWorkspace);
    if (!parsed.ok) return { readable: false, include: [], exclude: [], paths: new Set() };
    const list = (parsed.value as { packages?: unknown } | null)?.packages;
    const patterns = Array.isArray(list) ? list.filter((p): p is string => typeof p === 'string') : [];
    return globs(
      patterns.filter((p) => !p.startsWith('!')),
      patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)),
      new Set(),
    );
  } catch {
    return { readable: false, include: [], exclude: [], paths: new Set() };
  }
}

/** Members from patterns as written: `./` and trailing slashes dropped; an exclusion glob kept exact. */
function globs(include: string[], exclude: string[], paths: Set<string>): Members {
  const clean = (p: string): string => trimTrailing(p.replace(/^(?:\.\/)+/, ''), '/');
  return { readable: true, include: include.map(clean).filter(Boolean), exclude: exclude.map(clean), paths };
}

/** A crate whose own Cargo.toml has a `[workspace]` table is a workspace root, nobody's member. */
function ownCargoWorkspace(ctx: EvidenceContext, member: string): boolean {
  const text = ctx.files.text(join(member, 'Cargo.toml'));
  return text !== undefined && tomlTable(text, 'workspace') !== undefined;
}

/** `[package] workspace = "../.."`: a crate that names its workspace root. */
function cargoNamesRoot(ctx: EvidenceContext, member: string, root: string): boolean {
  const text = ctx.files.text(join(member, 'Cargo.toml'));
  const pkg = text === undefined ? undefined : tomlTable(text, 'package');
  const named =
    pkg === undefined ? undefined : /^[ \t]*workspace[ \t]*=[ \t]*["']([^"'\n]{1,400})["']/m.exec(pkg)?.[1];
  return named !== undefined && join(member, named) === root;
}

/** `use ./a` and `use ( ./a ./b )` in go.work. */
function goWorkUses(text: string): string[] {
  const out: string[] = [];
  let inBlock = false;
  for (const raw of text.split(/\r?\n/)) {
    const line = before(raw, '//').trim();
    if (inBlock) {
      if (line.startsWith(')')) inBlock = false;
      else if (line) out.push(line);
    } else if (/^use\s*\($/.test(line)) inBlock = true;
    else if (line.startsWith('use ')) out.push(line.slice(4).trim());
  }
  return out.map((p) => p.replace(/^"|"$/g, ''));
}

/** Every `path = "…"` in a TOML manifest: the folders of its path dependencies. */
function pathDependencies(text: string): string[] {
  return [...text.matchAll(/\bpath[ \t]*=[ \t]*["']([^"'\n]{1,400})["']/g)].map((m) => m[1]!);
}

/** A TOML table header line: `[a.b]` or `[[a.b]]`, unquoted keys only. */
const TABLE_HEADER =
  /^[ \t]*\[\[?[ \t]*([A-Za-z0-9_-]+(?:[ \t]*\.[ \t]*[A-Za-z0-9_-]+){0,8})[ \t]*\]\]?[ \t]*(?:#.*)?$/;

/** The body of the table `[name]`, up to the next table header; undefined when there is none. */
export function tomlTable(text: string, name: string): string | undefined {
  const lines = text.split(/\r?\n/);
  // Header lines are short: a cut line keeps the pattern's work bounded.
  const header = (l: string): RegExpExecArray | null => TABLE_HEADER.exec(l.slice(0, 256));
  const start = lines.findIndex((l) => header(l)?.[1]?.replace(/[ \t]/g, '') === name);
  if (start < 0) return undefined;
  const end = lines.findIndex((l, i) => i > start && header(l) !== null);
  return lines.slice(start + 1, end < 0 ? undefined : end).join('\n');
}

/** The strings of the array `key = [ … ]` in a table body (over several lines, comments allowed). */
export function tomlStrings(body: string, key: string): string[] {
  const m = new RegExp(`^[ \\t]*${key}[ \\t]*=[ \\t]*\\[`, 'm').exec(body);
  if (!m) return [];
  const out: string[] = [];
  let i = m.index + m[0].length;
  while (i < body.length) {
    const c = body[i]!;
    if (c === ']') break;
    if (c === '#') {
      const nl = body.indexOf('\n', i);
      i = nl < 0 ? body.length : nl;
    } else if (c === '"' || c === "'") {
      const close = body.indexOf(c, i + 1);
      if (close < 0) break;
      out.push(body.slice(i + 1, close));
      i = close + 1;
    } else i++;
  }
  return out;
}

/** `dir/rel` with `.` and `..` resolved; '' is the root. */
function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return parts.join('/');
}
