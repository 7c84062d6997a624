/**
 * What a workflow step actually runs: the simple commands of its `run:` script (or of the command
 * a wrapper action is given) and, followed a bounded number of levels, those of the make targets
 * (with their prerequisites) and repository scripts it invokes, each with the chain of places that
 * led to it (`ci.yml:12 → Makefile:5`). Local composite actions are expanded by local-workflows.ts,
 * and local reusable workflows are walked as workflows of their own; this module follows what is
 * left: files a command names.
 *
 * Nothing is executed: Makefiles and scripts are read as text, and only those a check declared it
 * needs (`isRunnableFilePath`, for its read plan). A file a step runs that is in the repository but
 * could not be read is reported in `unread`, so a check can say unknown rather than "not found".
 */
import { usesAction } from './ci-steps.js';
import { commandBase, skipOptions, unwrapCommand } from './command-words.js';
import type { EvidenceContext } from './context.js';
import { LineIndex } from './line-index.js';
import { splitPath } from './locate.js';
import { isFixtureOrVendored } from './test-material.js';
import {
  expand,
  isMakefileName,
  MAKEFILE_NAMES,
  parseMakefile,
  recipeCommand,
  type Makefile,
} from './makefile.js';
import {
  contiguousSource,
  fileOffsetOf,
  isPosixShell,
  parseShell,
  runScriptSource,
  stepShell,
  type ScriptSource,
} from './shell.js';
import type { Job, Located, Step, Workflow } from './workflows.js';
import { shorten } from '../shorten.js';

/** A place in a file: the step's line in the workflow, a Makefile's recipe line, a script's line. */
export interface RunPlace {
  path: string;
  line: number;
  column: number;
}

/** One simple command a step runs, directly or through the files it invokes. */
export interface RunCommand {
  /** Its words as written (wrappers included: see command-words.ts). */
  words: string[];
  /** Its source text, cut. */
  text: string;
  /** From the step's command to this one: the last place is where this command is written. */
  via: RunPlace[];
}

export interface StepRuns {
  commands: RunCommand[];
  /** Files the step runs that are in the repository but could not be read, with the chain to each. */
  unread: Array<{ path: string; via: RunPlace[] }>;
}

/** Levels of files followed below a step (make → prerequisite → script → script…). */
const MAX_DEPTH = 5;
/** Files followed, and commands kept, for one step. */
const MAX_FILES = 32;
const MAX_COMMANDS = 2_000;
const MAX_TARGETS = 500;
const MAX_TEXT = 200;

/** Inputs through which wrapper actions (retry, xvfb, gradle) take the command they run. */
export const COMMAND_INPUTS = ['run', 'command', 'arguments', 'script', 'cmd'] as const;

/** actions/github-script's `script` input is JavaScript run by the action, not a command line. */
function runsJavaScript(step: Step): boolean {
  return usesAction(step, 'actions/github-script');
}

/** Folders whose files without an extension are taken for scripts (`script/test`, `hack/verify`). */
const SCRIPT_DIRS = new Set(['script', 'scripts', 'hack', 'ci', '.ci', 'build-scripts']);

/**
 * Files a step may run that checks using this module declare as needs: Makefiles and the files
 * they include, shell scripts, and extensionless files in the usual script folders.
 */
export function isRunnableFilePath(path: string): boolean {
  // By name first: nearly every path of a large tree stops there, before the folder test.
  const { dir, name } = splitPath(path);
  const runnable =
    isMakefileName(name) ||
    /\.(?:sh|bash)$/i.test(name) ||
    (!name.includes('.') && SCRIPT_DIRS.has(splitPath(dir).name));
  return runnable && !isFixtureOrVendored(path);
}

/** Where commands of one script stand: the file, and how its offsets map to lines. */
interface Site {
  path: string;
  text: string;
  positionAt(offset: number): { line: number; column: number };
}

/** One step's resolution: what it found, and how much of its budget it has used. */
interface Walk {
  runs: StepRuns;
  files: number;
  /** Scripts on the current chain (a cycle ends there). */
  active: Set<string>;
  /** Make targets read for this step. */
  targets: Set<string>;
}

/** One `make` invocation: the Makefile with the files it includes, their variables, and make's folder. */
interface MakeRun {
  program: Makefile[];
  variables: ReadonlyMap<string, string>;
  dir: string;
}

/** Resolves steps for one scan; parsed Makefiles and each step's result are kept for the scan. */
export class StepCommands {
  private readonly makefiles = new Map<string, Makefile | undefined>();
  private readonly lineIndexes = new Map<string, LineIndex>();
  private readonly byStep = new WeakMap<Step, StepRuns>();

  constructor(private readonly ctx: EvidenceContext) {}

  /** What the step runs (its `run:` script, or a wrapper action's command input). */
  runs(wf: Workflow, step: Step, job?: Job): StepRuns {
    let runs = this.byStep.get(step);
    if (runs) return runs;
    const walk: Walk = {
      runs: { commands: [], unread: [] },
      files: 0,
      active: new Set(),
      targets: new Set(),
    };
    const site: Site = { path: wf.path, text: wf.text, positionAt: (o) => wf.positionAt(o) };
    if (step.run) {
      const shell = job ? stepShell(wf, job, step) : step.shell;
      this.script(runScriptSource(wf, step.run), site, '', [], 0, walk, shellKind(shell));
    } else if (step.uses && !step.uses.value.trim().startsWith('./') && !runsJavaScript(step)) {
      for (const key of COMMAND_INPUTS) {
        const value: Located | undefined = step.with.get(key);
        if (value) this.script(runScriptSource(wf, value), site, '', [], 0, walk, 'posix');
      }
    }
    runs = walk.runs;
    this.byStep.set(step, runs);
    return runs;
  }

  /** Every simple command of a script, each followed into the files it runs. */
  private script(
    source: ScriptSource,
    site: Site,
    cwd: string,
    via: RunPlace[],
    depth: number,
    walk: Walk,
    kind: ShellKind,
  ): void {
    if (kind === 'other') return;
    const commands = (kind === 'posix' && posixCommands(source)) || plainCommands(source);
    for (const { words, offset, end } of commands) {
      if (walk.runs.commands.length >= MAX_COMMANDS) return;
      const place: RunPlace = { path: site.path, ...site.positionAt(offset) };
      const chain = [...via, place];
      walk.runs.commands.push({ words, text: cut(site.text.slice(offset, end)), via: chain });
      if (depth < MAX_DEPTH) this.follow(unwrapCommand(words), cwd, site, chain, depth, walk);
    }
  }

  /** Follows a command into the file it runs: a make target, a script by path, `bash -c '…'`. */
  private follow(argv: string[], cwd: string, site: Site, via: RunPlace[], depth: number, walk: Walk): void {
    const name = commandBase(argv[0]);
    if (name === 'make' || name === 'gmake') return this.make(argv, cwd, via, depth, walk);
    if (SHELLS.has(name)) {
      const c = argv.indexOf('-c');
      if (c > 0 && argv[c + 1] !== undefined) {
        // The string's commands are reported at the command that runs it.
        const place = via[via.length - 1]!;
        const inner: Site = { path: site.path, text: argv[c + 1]!, positionAt: () => place };
        return this.script(
          contiguousSource(argv[c + 1]!),
          inner,
          cwd,
          via.slice(0, -1),
          depth + 1,
          walk,
          'posix',
        );
      }
      const i = skipOptions(argv, 1, SHELL_VALUE_OPTIONS);
      if (argv[i] !== undefined) this.scriptFile(argv[i]!, cwd, via, depth, walk);
      return;
    }
    if ((name === 'source' || name === '.') && argv[1] !== undefined)
      return this.scriptFile(argv[1], cwd, via, depth, walk);
    const word = argv[0] ?? '';
    if (word.includes('/') || /\.(?:sh|bash)$/.test(word)) this.scriptFile(word, cwd, via, depth, walk);
  }

  /** A repository script run by path, read as a shell script (never run). */
  private scriptFile(word: string, cwd: string, via: RunPlace[], depth: number, walk: Walk): void {
    const path = this.repoPath(word, cwd);
    if (path === undefined || walk.active.has(path) || walk.files >= MAX_FILES) return;
    const text = this.ctx.files.text(path);
    if (text === undefined) return this.noteUnread(path, via, walk);
    if (text.includes('\u0000') || !isShellText(path, text)) return;
    walk.files++;
    walk.active.add(path);
    const lines = this.lineIndex(path, text);
    const site: Site = { path, text, positionAt: (o) => lines.positionAt(o) };
    this.script(contiguousSource(text), site, cwd, via, depth + 1, walk, 'posix');
    walk.active.delete(path);
  }

  /** `make [-C dir] [-f file] [targets]`: the targets' recipes, prerequisites first. */
  private make(argv: string[], cwd: string, via: RunPlace[], depth: number, walk: Walk): void {
    const call = makeCall(argv);
    const dir = joinPath(cwd, call.directory ?? '.');
    if (dir === undefined) return;
    const path =
      call.file !== undefined
        ? joinPath(dir, call.file)
        : MAKEFILE_NAMES.map((n) => joinPath(dir, n)!).find((p) => this.ctx.files.has(p));
    if (path === undefined || !this.ctx.files.has(path) || walk.files >= MAX_FILES) return;
    const program = this.makeProgram(path);
    if (!program.length) return this.noteUnread(path, via, walk);
    walk.files++;
    const run: MakeRun = { program, variables: mergedVariables(program), dir };
    const targets = call.targets.length ? call.targets : [program[0]!.defaultTarget ?? ''];
    for (const target of targets) this.target(run, target, via, depth + 1, walk);
  }

  /** One make target: its prerequisites', then its own recipe lines, each a script. */
  private target(make: MakeRun, target: string, via: RunPlace[], depth: number, walk: Walk): void {
    // Make builds each target once per run: a target seen before in this step is not read again,
    // which also bounds a hostile web of prerequisites.
    const key = `${make.program[0]!.path}\u0000${target}`;
    if (walk.targets.has(key) || walk.targets.size >= MAX_TARGETS || depth > MAX_DEPTH) return;
    walk.targets.add(key);
    for (const mf of make.program) {
      const rule = mf.rules.get(target);
      if (!rule) continue;
      for (const pre of rule.prerequisites)
        for (const name of expand(pre, make.variables, target).split(/\s+/).filter(Boolean))
          this.target(make, name, via, depth + 1, walk);
      for (const line of rule.recipe) {
        const text = recipeCommand(expand(line.text, make.variables, target));
        const site: Site = { path: mf.path, text, positionAt: () => ({ line: line.line, column: 1 }) };
        this.script(contiguousSource(text), site, make.dir, via, depth, walk, 'posix');
      }
    }
  }

  /** The Makefile and the files it includes (a few, a level or two deep), parsed once each. */
  private makeProgram(path: string): Makefile[] {
    const out: Makefile[] = [];
    const pending = [path];
    const { dir } = splitPath(path);
    while (pending.length && out.length < MAX_FILES) {
      const next = pending.shift()!;
      if (out.some((m) => m.path === next)) continue;
      const mf = this.makefile(next);
      if (!mf) continue;
      out.push(mf);
      for (const inc of mf.includes) pending.push(...this.includedPaths(dir, inc));
    }
    return out;
  }

  private makefile(path: string): Makefile | undefined {
    if (!this.makefiles.has(path)) {
      const text = this.ctx.files.text(path);
      this.makefiles.set(path, text === undefined ? undefined : parseMakefile(path, text));
    }
    return this.makefiles.get(path);
  }

  /** An `include` operand's files: one path, or a `*` in its last segment matched in its folder. */
  private includedPaths(dir: string, include: string): string[] {
    if (include.includes('$')) return [];
    const path = joinPath(dir, include);
    if (path === undefined) return [];
    if (!path.includes('*')) return [path];
    const { dir: folder, name } = splitPath(path);
    if (folder.includes('*')) return [];
    const [head, tail] = [name.slice(0, name.indexOf('*')), name.slice(name.lastIndexOf('*') + 1)];
    return this.ctx.files
      .inDir(folder)
      .filter((p) => {
        const n = splitPath(p).name;
        return n.startsWith(head) && n.endsWith(tail) && n.length >= head.length + tail.length;
      })
      .slice(0, MAX_FILES);
  }

  /** A word naming a file, as a repository path: relative to the working folder, or to the root. */
  private repoPath(word: string, cwd: string): string | undefined {
    const bare = word.replace(/^\$\{?GITHUB_WORKSPACE\}?\//, '');
    if (bare.includes('$') || bare.startsWith('/') || bare.startsWith('~')) return undefined;
    for (const base of cwd ? [cwd, ''] : ['']) {
      const path = joinPath(base, bare);
      if (path !== undefined && this.ctx.files.has(path)) return path;
    }
    return undefined;
  }

  /** A file in the repository the step runs: unread when the collector could not read it. */
  private noteUnread(path: string, via: RunPlace[], walk: Walk): void {
    const declared = isRunnableFilePath(path);
    const skipped = this.ctx.files.skipped.some((s) => s.path === path);
    if (declared && skipped && !walk.runs.unread.some((u) => u.path === path))
      walk.runs.unread.push({ path, via });
  }

  private lineIndex(path: string, text: string): LineIndex {
    let index = this.lineIndexes.get(path);
    if (!index) this.lineIndexes.set(path, (index = LineIndex.of(text)));
    return index;
  }
}

/** This scan's resolver (one per scan, like the files it parses). */
export function stepCommands(ctx: EvidenceContext): StepCommands {
  return ctx.memo('step-commands', () => new StepCommands(ctx));
}

/** "`ci.yml:12 → Makefile:5`": the chain of places, for reports. */
export function chainText(via: readonly RunPlace[]): string {
  return via.map((p) => `${p.path}:${p.line}`).join(' → ');
}

type ShellKind = 'posix' | 'plain' | 'other';

/**
 * POSIX shells are parsed; PowerShell and cmd lines are split into words; other languages are not
 * read. A shell chosen by an expression (`${{ matrix.shell }}`) is read as POSIX, and as plain
 * lines if it does not parse: command words are the same in either.
 */
function shellKind(shell: string | undefined): ShellKind {
  if (shell === undefined || shell === 'unknown-composite' || shell.includes('${{') || isPosixShell(shell))
    return 'posix';
  const first = commandBase(shell.trim().split(/\s+/)[0]).toLowerCase();
  return ['pwsh', 'powershell', 'cmd'].includes(first) ? 'plain' : 'other';
}

const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash']);
const SHELL_VALUE_OPTIONS = new Set(['-o', '+o', '-O', '+O', '--rcfile', '--init-file']);

interface Words {
  words: string[];
  offset: number;
  end: number;
}

/**
 * The script's simple commands (not those in `$(…)`: a substitution computes a value); undefined
 * when it does not parse, so its lines are still read as plain commands.
 */
function posixCommands(source: ScriptSource): Words[] | undefined {
  const script = parseShell(source);
  if (script.error) return undefined;
  return script.commands
    .filter((c) => !c.substituted && c.args.length > 0)
    .map((c) => ({ words: c.args.map((w) => w.value ?? w.loose), offset: c.offset, end: c.end }));
}

/** PowerShell or cmd: each line split at `;`, `&&`, `||` and `|`, then at blanks, quotes dropped. */
function plainCommands(source: ScriptSource): Words[] {
  const out: Words[] = [];
  const { text } = source;
  const part = /[^;&|\n]+/g;
  for (let m = part.exec(text); m; m = part.exec(text)) {
    const words = m[0]
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/^["']|["']$/g, ''));
    if (words.length && !words[0]!.startsWith('#')) {
      const offset = fileOffsetOf(source, m.index);
      out.push({ words, offset, end: offset + m[0].length });
    }
  }
  return out;
}

/** A variable override naming the target a delegating rule runs (`TARGET=test`, `GOALS=lint test`). */
const DELEGATED_TARGET = /^[A-Z_]{0,40}(?:TARGET|GOAL)S?=/;

/** What `make` was asked: its folder (`-C`), file (`-f`) and targets. */
function makeCall(argv: string[]): { directory?: string; file?: string; targets: string[] } {
  const out: { directory?: string; file?: string; targets: string[] } = { targets: [] };
  for (let i = 1; i < argv.length; i++) {
    const w = argv[i]!;
    const attached = /^(-C|-f|--directory=|--file=|--makefile=)(.+)$/.exec(w);
    if (attached) {
      const value = attached[2]!;
      if (attached[1]!.startsWith('-C') || attached[1] === '--directory=') out.directory = value;
      else out.file = value;
    } else if (w === '-C' || w === '--directory') out.directory = argv[++i];
    else if (w === '-f' || w === '--file' || w === '--makefile') out.file = argv[++i];
    else if (['-I', '-o', '-W', '-l'].includes(w) || (w === '-j' && /^\d+$/.test(argv[i + 1] ?? ''))) i++;
    else if (!w.startsWith('-') && !w.includes('=')) out.targets.push(w);
    // `make for-all-target TARGET=vulncheck`: a delegating target runs the one it is handed.
    else if (DELEGATED_TARGET.test(w))
      out.targets.push(
        ...w
          .slice(w.indexOf('=') + 1)
          .split(/\s+/)
          .filter(Boolean),
      );
  }
  return out;
}

function mergedVariables(program: readonly Makefile[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const mf of program) for (const [k, v] of mf.variables) if (!out.has(k)) out.set(k, v);
  return out;
}

/** A script file read as shell: `*.sh`/`*.bash` always; an extensionless file when its first line says so. */
function isShellText(path: string, text: string): boolean {
  if (/\.(?:sh|bash)$/i.test(path)) return true;
  const shebang = /^#!\s*(\S+)(?:[ \t]+(?:-S[ \t]+)?(\S+))?/.exec(text.slice(0, 200));
  if (!shebang) return true;
  const interpreter = commandBase(shebang[1]) === 'env' ? (shebang[2] ?? '') : shebang[1]!;
  return SHELLS.has(commandBase(interpreter));
}

/** `dir` joined with a relative `path`, `.` and `..` resolved; undefined when it leaves the root. */
function joinPath(dir: string, path: string): string | undefined {
  const parts: string[] = [];
  for (const segment of `${dir}/${path}`.split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(segment);
  }
  return parts.join('/');
}

/** The command's text for reports: continuation lines and runs of blanks read as one space, as the shell reads them. */
function cut(text: string): string {
  return shorten(
    text
      .slice(0, MAX_TEXT * 4)
      .replace(/\\\r?\n|\s+/g, ' ')
      .replace(/ {2,}/g, ' ')
      .trim(),
    MAX_TEXT,
  );
}
