/**
 * Workflow `run:` steps as shell scripts: which shell a step uses, and its script mapped to the
 * workflow file (block scalars exactly, flow scalars as far as their text allows).
 */
import { contiguousSource, maskExpressions, type ScriptSource } from './script-source.js';
import type { Job, Located, Step, Workflow } from './workflows.js';

const POSIX_SHELL_NAMES = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);

/** True for a `shell:` value that runs a POSIX-family shell (`bash`, `sh -e {0}`, `/bin/bash --noprofile …`). */
export function isPosixShell(shell: string | undefined): boolean {
  if (shell === undefined) return true;
  const first = shell.trim().split(/\s+/)[0] ?? '';
  return POSIX_SHELL_NAMES.has(first.slice(first.lastIndexOf('/') + 1));
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
