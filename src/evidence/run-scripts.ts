/**
 * Workflow `run:` steps as shell scripts: which shell a step uses, and its script mapped to the
 * workflow file (block scalars exactly, flow scalars as far as their text allows).
 */
import { contiguousSource, maskExpressions, type ScriptSource } from './script-source.js';
import type { Job, Located, Step, Workflow } from './workflows.js';

/** Shells that read POSIX shell syntax. */
export const POSIX_SHELLS: ReadonlySet<string> = new Set([
  'sh',
  'bash',
  'dash',
  'zsh',
  'ksh',
  'ash',
  'mksh',
  'busybox',
]);
/** Interpreters of other languages a script's shebang may name. */
const OTHER_LANGUAGES =
  /^(?:python[\d.]{0,5}|perl[\d.]{0,3}|ruby[\d.]{0,3}|node(?:js)?|deno|bun|php[\d.]{0,3}|pwsh|powershell|fish|tclsh|lua[\d.]{0,3}|awk|gawk)$/;

/** True for a `shell:` value that runs a POSIX-family shell (`bash`, `sh -e {0}`, `/bin/bash --noprofile …`). */
export function isPosixShell(shell: string | undefined): boolean {
  if (shell === undefined) return true;
  const first = shell.trim().split(/\s+/)[0] ?? '';
  return POSIX_SHELLS.has(first.slice(first.lastIndexOf('/') + 1));
}

/**
 * The interpreter a script's `#!` line names, through `env` and its options (`#!/bin/env sh -e`,
 * `#!/usr/bin/env -S bash -e`, `#!/usr/bin/env -i PATH=/bin bash`); undefined when there is none.
 */
export function shebangInterpreter(text: string): string | undefined {
  if (!text.startsWith('#!')) return undefined;
  const end = text.indexOf('\n');
  const words = text
    .slice(2, end < 0 ? Math.min(text.length, 512) : Math.min(end, 512))
    .trim()
    .split(/\s+/);
  let i = 0;
  while (i < words.length && baseName(words[i]!) === 'env') {
    i++;
    // env's options and assignments; -u and -C take a value, -S only splits the rest into words.
    while (i < words.length && (words[i]!.startsWith('-') || words[i]!.includes('='))) {
      i += words[i] === '-u' || words[i] === '-C' ? 2 : 1;
    }
  }
  const name = words[i] === undefined ? '' : baseName(words[i]!);
  return name || undefined;
}

/**
 * Whether a file named as a shell script (`*.sh`) is read as one: always, unless its shebang names
 * an interpreter of another language. An unusual shebang (env with options, a path we do not know)
 * must not hide the script.
 */
export function isShellScriptText(text: string): boolean {
  const interpreter = shebangInterpreter(text);
  return interpreter === undefined || !OTHER_LANGUAGES.test(interpreter);
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/**
 * The shell a `run:` step uses: its own `shell:`, else job defaults, then workflow defaults, then the
 * runner's default (PowerShell on Windows, bash elsewhere).
 */
export function stepShell(wf: Workflow, job: Job, step: Step): string | undefined {
  if (step.shell !== undefined) return step.shell;
  if (wf.kind === 'action') return 'unknown-composite'; // composite steps with run: must name a shell
  const shell = job.defaultShell ?? wf.defaultShell;
  if (shell) return shell;
  return /windows/i.test(job.runsOn ?? '') ? 'pwsh' : 'bash';
}

/**
 * A `run:` value as a script (GitHub expressions masked) mapped to the workflow file: exact for block scalars and single-line
 * values; a folded or multi-line flow scalar is mapped line by line from its source.
 */
export function runScriptSource(wf: Workflow, run: Located): ScriptSource {
  const cached = runSources.get(run);
  if (cached) return cached;
  const raw = wf.text.slice(run.range[0], run.range[1]);
  const source = blockScalarSource(raw, run.range[0]) ?? flowSource(raw, run);
  const script = { text: maskExpressions(source.text), segments: source.segments };
  runSources.set(run, script);
  return script;
}

/** One source object per `run:` value (the key is the workflow model's own object). */
const runSources = new WeakMap<Located, ScriptSource>();

function blockScalarSource(raw: string, start: number): ScriptSource | undefined {
  const header = /^([|>])[0-9+-]*[ \t]*(?:#[^\n]*)?\r?\n/.exec(raw);
  if (!header) return undefined;
  const folded = header[1] === '>';
  let offset = header[0].length;
  const lines: Array<{ text: string; at: number }> = [];
  while (offset <= raw.length) {
    let nl = raw.indexOf('\n', offset);
    if (nl < 0) nl = raw.length;
    lines.push({ text: raw.slice(offset, nl).replace(/\r$/, ''), at: offset });
    offset = nl + 1;
  }
  const firstContent = lines.find((l) => l.text.trim() !== '');
  const indent = firstContent ? firstContent.text.length - firstContent.text.trimStart().length : 0;
  let text = '';
  const segments: Array<{ at: number; file: number }> = [];
  lines.forEach((line, i) => {
    const content = line.text.length > indent ? line.text.slice(indent) : '';
    if (i > 0) {
      const prev = lines[i - 1]!.text;
      const plainJoin =
        folded &&
        prev.trim() !== '' &&
        line.text.trim() !== '' &&
        !/^\s/.test(content) &&
        !/^\s/.test(prev.slice(indent));
      text += plainJoin ? ' ' : '\n';
    }
    segments.push({ at: text.length, file: start + line.at + Math.min(indent, line.text.length) });
    text += content;
  });
  return { text, segments };
}

function flowSource(raw: string, run: Located): ScriptSource {
  const quoted = raw.startsWith('"') || raw.startsWith("'");
  if (
    !run.value.includes('\n') &&
    raw.slice(quoted ? 1 : 0, quoted ? 1 + run.value.length : undefined) === run.value
  ) {
    return contiguousSource(run.value, run.range[0] + (quoted ? 1 : 0));
  }
  // Escapes or folding changed the text: positions fall back to the start of the value.
  return contiguousSource(run.value, run.range[0]);
}
