/**
 * unverified-downloads: code fetched from the network and executed without checking it first —
 * `curl … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`, or a download that is made executable or
 * run — in workflow `run:` steps (POSIX shells), Dockerfile `RUN` and shell scripts.
 */
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';
import { parseDockerfiles, type DockerfileModel } from '../evidence/dockerfile.js';
import { LineIndex } from '../evidence/line-index.js';
import {
  contiguousSource,
  isPosixShell,
  isShellScriptText,
  parseShell,
  POSIX_SHELLS,
  runScriptSource,
  stepShell,
  type ScriptSource,
  type ShellCommand,
  type ShellScript,
  type ShellWord,
} from '../evidence/shell.js';
import { isWorkflowOrActionPath, type Job, type Step, type Workflow } from '../evidence/workflows.js';
import { lowerName } from '../evidence/locate.js';
import { isFixtureOrVendored } from '../evidence/test-material.js';
import { findingAt, type FileCheck } from './check.js';
import { cutText } from '../shorten.js';
import {
  basename,
  describe,
  fileKeys,
  INTERPRETERS,
  isPinnedUrl,
  isShortFlagsWithC,
  isVerification,
  joinPath,
  mayNameDownloader,
  readDownload,
  readsScriptFromStdin,
  scriptOperand,
  unwrap,
  type Download,
} from './download-commands.js';
import { notApplicable } from './outcome.js';
import { audited, type WorkflowAudit } from './walk.js';

const ID = 'unverified-downloads';

/** Shell scripts larger than this are not read (they are generated or vendored). */
const MAX_SCRIPT_BYTES = 512 * 1024;

export function isShellScriptPath(path: string): boolean {
  return /\.(?:sh|bash)$/.test(lowerName(path)) && !isFixtureOrVendored(path);
}

interface Tally {
  scripts: number;
  skipped: number;
  unparsed: number;
  downloads: number;
}

interface Site {
  path: string;
  positionAt(offset: number): { line: number; column: number };
}

/** What the walk gathers: the workflow steps' scripts, counted in the tally, and their findings. */
const audit: WorkflowAudit<{ tally: Tally; findings: Finding[] }> = {
  id: ID,
  start: () => ({ tally: { scripts: 0, skipped: 0, unparsed: 0, downloads: 0 }, findings: [] }),
  step: (state, step, job, wf) => analyseStep(wf, job, step, state.tally, state.findings),
};

export const unverifiedDownloads: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) =>
    isWorkflowOrActionPath(path) || isShellScriptPath(path) || isDockerfileNeed(path) ? 'text' : undefined,
  audit,
  run: (ctx) => {
    const inWorkflows = audited(ctx, audit);
    const tally: Tally = { ...inWorkflows.tally };
    const findings: Finding[] = [...inWorkflows.findings];
    const evidence: Evidence[] = [];

    for (const df of parseDockerfiles(ctx)) {
      if (df.error) continue; // reported by pinned-images
      analyseDockerfile(df, tally, findings);
    }

    // Every shell script is a declared need: no need to look through every path.
    for (const path of ctx.files.needed()) {
      if (!isShellScriptPath(path)) continue;
      const text = ctx.files.text(path);
      if (text === undefined || text.length > MAX_SCRIPT_BYTES || text.includes('\u0000')) continue;
      if (!isShellScriptText(text)) {
        tally.skipped++;
        continue;
      }
      tally.scripts++;
      // Nothing to find, and nothing to say if it would not parse: it cannot run a download.
      if (!mayNameDownloader(text)) continue;
      const lines = LineIndex.of(text);
      const site = { path, positionAt: (offset: number) => lines.positionAt(offset) };
      // No check after this one reads script files (one that did would parse them again): the
      // parse need not outlive it.
      analyseSource(contiguousSource(text), site, tally, findings, 0, { keep: false });
    }

    evidence.push({
      summary: `${tally.scripts} shell scripts analysed (workflow steps, Dockerfile RUN, *.sh), ${tally.downloads} downloads seen, ${tally.skipped} non-POSIX scripts skipped, ${tally.unparsed} not parsable`,
    });
    return outcome(tally, findings, evidence);
  },
};

function isDockerfileNeed(path: string): boolean {
  const name = lowerName(path);
  return (name.includes('dockerfile') || name.includes('containerfile')) && !isFixtureOrVendored(path);
}

function outcome(tally: Tally, findings: Finding[], evidence: Evidence[]): CheckOutcome {
  if (tally.scripts === 0) {
    return notApplicable(
      'No shell scripts in workflows, Dockerfiles or *.sh files: nothing downloads and runs code.',
      evidence,
    );
  }
  const serious = findings.filter((f) => f.severity !== 'info' && f.severity !== 'low');
  return {
    status: serious.length ? 'fail' : tally.unparsed ? 'partial' : 'pass',
    summary: serious.length
      ? `${serious.length} download(s) are executed without verifying a checksum or signature.`
      : tally.unparsed
        ? `No unverified download found, but ${tally.unparsed} script(s) could not be parsed.`
        : `No script executes a download without verifying it (${tally.scripts} scripts analysed).`,
    findings,
    evidence,
  };
}

/** A workflow step's `run:` script, when a POSIX shell runs it. */
function analyseStep(wf: Workflow, job: Job, step: Step, tally: Tally, findings: Finding[]): void {
  if (!step.run) return;
  if (!isPosixShell(stepShell(wf, job, step))) {
    tally.skipped++;
    return;
  }
  tally.scripts++;
  analyseSource(
    runScriptSource(wf, step.run),
    { path: wf.path, positionAt: wf.positionAt },
    tally,
    findings,
    0,
  );
}

// ── sources ────────────────────────────────────────────────────────────────────────────────────

function analyseDockerfile(df: DockerfileModel, tally: Tally, findings: Finding[]): void {
  const site: Site = { path: df.path, positionAt: df.positionAt };
  for (const run of df.runs) {
    if (df.escape !== '\\' || !POSIX_SHELLS.has(basename(run.shell[0] ?? ''))) {
      tally.skipped++;
      continue;
    }
    tally.scripts++;
    if (run.form === 'exec') {
      const argv = run.exec ?? [];
      if (POSIX_SHELLS.has(basename(argv[0] ?? '')) && argv[1] === '-c' && argv[2] !== undefined) {
        analyseSource(contiguousSource(argv[2], run.instruction.range[0]), site, tally, findings, 1);
      }
    } else if (run.heredocScript) {
      for (const h of run.heredocs) analyseSource(h.body, site, tally, findings, 0);
    } else if (run.script) {
      analyseSource(run.script, site, tally, findings, 0);
    }
  }
}

// ── analysis ───────────────────────────────────────────────────────────────────────────────────

function analyseSource(
  source: ScriptSource,
  site: Site,
  tally: Tally,
  findings: Finding[],
  depth: number,
  parse: { keep?: boolean } = {},
): void {
  const script = parseShell(source, parse);
  if (script.error) {
    if (depth === 0) {
      tally.unparsed++;
      const { line, column } = site.positionAt(script.error.offset);
      findings.push(
        findingAt(
          ID,
          { path: site.path, line, column },
          {
            severity: 'info',
            message: `This shell script could not be parsed (${script.error.message}), so its downloads were not checked.`,
          },
        ),
      );
    }
    return;
  }
  analyseScript(script, site, tally, findings, depth);
}

/** One script's downloads and how each finding is reported (once per download). */
interface ScriptScan {
  script: ShellScript;
  site: Site;
  tally: Tally;
  findings: Finding[];
  depth: number;
  downloads: Map<ShellCommand, Download>;
  reported: Set<Download>;
}

function analyseScript(
  script: ShellScript,
  site: Site,
  tally: Tally,
  findings: Finding[],
  depth: number,
): void {
  const downloads = new Map<ShellCommand, Download>();
  for (const cmd of script.commands) {
    const d = readDownload(cmd);
    if (d) {
      downloads.set(cmd, d);
      tally.downloads++;
    }
  }
  const scan: ScriptScan = { script, site, tally, findings, depth, downloads, reported: new Set() };
  pipedIntoInterpreters(scan);
  for (const cmd of script.commands) runThroughArguments(scan, cmd);
  savedThenRun(scan);
}

/** Reports a download once, unless every URL it fetches is pinned to a commit. */
function once(
  scan: ScriptScan,
  d: Download | undefined,
  how: string,
  severity: 'high' | 'medium' = 'high',
): void {
  if (!d || scan.reported.has(d)) return;
  scan.reported.add(d);
  if (d.urls.length > 0 && d.urls.every(isPinnedUrl)) return;
  const { line, column } = scan.site.positionAt(d.cmd.offset);
  const url = d.urls[0] ? ` ${cutText(d.urls[0], 200)}` : '';
  scan.findings.push(
    findingAt(
      ID,
      { path: scan.site.path, line, column },
      {
        severity,
        message: `${d.tool} downloads${url} and ${how} without verifying a checksum or signature.`,
        remediation:
          'Download to a file, check it against a SHA-256 you pinned (`echo "<sha256>  file" | sha256sum -c -`) or verify its signature ' +
          '(gpg --verify, cosign verify-blob), then run it; or install from a package manager, or fetch from a URL pinned to a commit SHA.',
      },
    ),
  );
}

/** The first download among `commands` that writes to standard output. */
function stdoutDownloadIn(scan: ScriptScan, commands: readonly ShellCommand[]): Download | undefined {
  for (const c of commands) {
    const d = scan.downloads.get(c);
    if (d?.stdout) return d;
  }
  return undefined;
}

/** 1. A download piped into an interpreter: `curl … | sh`, `wget -O- … | sudo bash -s -- -y`. */
function pipedIntoInterpreters(scan: ScriptScan): void {
  const byPipeline = new Map<number, ShellCommand[]>();
  for (const cmd of scan.script.commands) {
    if (cmd.stages < 2) continue;
    const list = byPipeline.get(cmd.pipeline) ?? [];
    list.push(cmd);
    byPipeline.set(cmd.pipeline, list);
  }
  for (const stages of byPipeline.values()) {
    for (const d of stages
      .map((c) => scan.downloads.get(c))
      .filter((x): x is Download => x?.stdout === true)) {
      const runner = stages.find((c) => c.stage > d.cmd.stage && readsScriptFromStdin(c));
      if (runner) once(scan, d, `pipes it into ${describe(runner)}`);
    }
  }
}

/** 2. An interpreter, eval or source given a download through a substitution or here-string. */
function runThroughArguments(scan: ScriptScan, cmd: ShellCommand): void {
  const call = unwrap(cmd);
  const name = call.name;
  const isInterp = name !== undefined && INTERPRETERS.has(name);
  if (name === 'eval' || name === 'source' || name === '.' || isInterp) {
    for (const w of call.args) {
      for (const s of w.substitutions) {
        const d = stdoutDownloadIn(scan, s.commands);
        if (!d) continue;
        if (s.kind === 'process-in')
          once(scan, d, `runs it with ${describe(cmd)} through a process substitution`);
        else if (s.kind === 'command' && (name === 'eval' || isInterp))
          once(scan, d, `runs its output with ${describe(cmd)}`);
      }
    }
    if (isInterp && readsScriptFromStdin(cmd)) fedOnStdin(scan, cmd, name);
  }
  // `$(curl …)` as the command itself.
  for (const s of cmd.args[0]?.substitutions ?? [])
    once(scan, stdoutDownloadIn(scan, s.commands), 'runs its output as a command');
  // `sh -c '…'` with a literal script: read it as a script too.
  if (isInterp && POSIX_SHELLS.has(name) && scan.depth < 3) {
    const i = call.args.findIndex((w) => w.value === '-c' || isShortFlagsWithC(w.value ?? ''));
    const body = i >= 0 ? call.args[i + 1] : undefined;
    if (body?.value !== undefined && body.substitutions.length === 0) {
      const quoted = body.raw.startsWith("'") || body.raw.startsWith('"');
      const source = contiguousSource(body.value, body.offset + (quoted ? 1 : 0));
      analyseSource(source, scan.site, scan.tally, scan.findings, scan.depth + 1);
    }
  }
}

/** An interpreter reading its program from standard input: a download redirected in, or a here-document. */
function fedOnStdin(scan: ScriptScan, cmd: ShellCommand, name: string): void {
  for (const r of cmd.redirects) {
    for (const s of r.target?.substitutions ?? [])
      once(scan, stdoutDownloadIn(scan, s.commands), `feeds it to ${describe(cmd)}`);
    if (r.heredoc && scan.depth < 3 && POSIX_SHELLS.has(name)) {
      analyseSource(r.heredoc.source, scan.site, scan.tally, scan.findings, scan.depth + 1);
    }
  }
}

/** 3. A download saved to a file that is then run or made executable, with no verification between. */
function savedThenRun(scan: ScriptScan): void {
  const saved: Array<{ d: Download; names: Set<string> }> = [];
  for (const cmd of scan.script.commands) {
    const d = scan.downloads.get(cmd);
    if (d && d.files.length) {
      saved.push({ d, names: new Set(d.files.flatMap(fileKeys)) });
      continue;
    }
    if (isVerification(cmd)) {
      // Whatever was downloaded before a verification is taken as verified.
      saved.length = 0;
      continue;
    }
    for (const entry of saved) judgeUseOfSaved(scan, cmd, entry.d, entry.names);
  }
}

/** What `cmd` does with a saved download: copies or moves it (tracking the new name), makes it executable, runs it. */
function judgeUseOfSaved(scan: ScriptScan, cmd: ShellCommand, d: Download, names: Set<string>): void {
  const call = unwrap(cmd);
  const touches = (w: ShellWord | undefined): boolean =>
    w !== undefined && fileKeys(w.loose).some((k) => names.has(k));
  if (call.name === 'mv' || call.name === 'cp' || call.name === 'install') {
    const operands = call.args.filter((w) => !w.loose.startsWith('-'));
    const target = operands[operands.length - 1];
    if (operands.slice(0, -1).some(touches) && target) {
      for (const k of fileKeys(target.loose)) names.add(k);
      for (const src of operands.slice(0, -1))
        for (const k of fileKeys(joinPath(target.loose, basename(src.loose)))) names.add(k);
      if (call.name === 'install') once(scan, d, `installs it as an executable (${describe(cmd)})`, 'medium');
    }
    return;
  }
  if (
    call.name === 'chmod' &&
    call.args.some((w) => /^(?:[ugoa]*\+[rwxXst]*x|[0-7]*[1357][0-7]{0,2})$/.test(w.value ?? '')) &&
    call.args.some(touches)
  ) {
    once(scan, d, 'makes it executable', 'medium');
    return;
  }
  const runsIt =
    touches(call.args[0]) ||
    ((call.name === 'source' || call.name === '.') && touches(call.args[1])) ||
    (call.name !== undefined &&
      INTERPRETERS.has(call.name) &&
      touches(scriptOperand(call.args.slice(1), call.name)));
  if (runsIt) once(scan, d, `runs it (${describe(cmd)})`);
}
