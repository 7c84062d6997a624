/**
 * unverified-downloads: code fetched from the network and executed without checking it first —
 * `curl … | sh`, `bash <(curl …)`, `sh -c "$(curl …)"`, or a download that is made executable or
 * run — in workflow `run:` steps (POSIX shells), Dockerfile `RUN` and shell scripts.
 */
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';
import { parseDockerfiles, type DockerfileModel } from '../evidence/dockerfile.js';
import {
  commandName,
  contiguousSource,
  EXPRESSION_MARK,
  isPosixShell,
  parseShell,
  runScriptSource,
  stepShell,
  type ScriptSource,
  type ShellCommand,
  type ShellScript,
  type ShellWord,
} from '../evidence/shell.js';
import { isWorkflowOrActionPath, parseWorkflows } from '../evidence/workflows.js';
import { before, isFixtureOrVendored, lowerName, trimTrailing } from '../evidence/locate.js';
import { finding, type FileCheck } from './check.js';
import { cutText } from '../shorten.js';

const ID = 'unverified-downloads';

/** Shell scripts larger than this are not read (they are generated or vendored). */
const MAX_SCRIPT_BYTES = 512 * 1024;

const POSIX_SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'ash', 'mksh', 'busybox']);
const INTERPRETERS = new Set([
  ...POSIX_SHELLS,
  'fish',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
  'pwsh',
]);
/** Commands that run the rest of their arguments as a command. */
const WRAPPERS = new Set([
  'sudo',
  'doas',
  'env',
  'nice',
  'nohup',
  'time',
  'command',
  'exec',
  'stdbuf',
  'timeout',
]);
const CHECKSUM_TOOLS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|sha256|sha512|openssl)$/;

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

export const unverifiedDownloads: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) =>
    isWorkflowOrActionPath(path) || isShellScriptPath(path) || isDockerfileNeed(path) ? 'text' : undefined,
  run: (ctx) => {
    const tally: Tally = { scripts: 0, skipped: 0, unparsed: 0, downloads: 0 };
    const findings: Finding[] = [];
    const evidence: Evidence[] = [];

    for (const wf of parseWorkflows(ctx)) {
      if (wf.error) continue; // reported by workflow-syntax
      for (const job of wf.jobs) {
        for (const step of job.steps) {
          if (!step.run) continue;
          const shell = stepShell(wf, job, step);
          if (!isPosixShell(shell)) {
            tally.skipped++;
            continue;
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
      }
    }

    for (const df of parseDockerfiles(ctx)) {
      if (df.error) continue; // reported by pinned-images
      analyseDockerfile(df, tally, findings);
    }

    // Every shell script is a declared need: no need to look through every path.
    for (const path of ctx.files.needed()) {
      if (!isShellScriptPath(path)) continue;
      const text = ctx.files.text(path);
      if (text === undefined || text.length > MAX_SCRIPT_BYTES || text.includes('\u0000')) continue;
      const shebang = /^#!\s*(\S+)(?:[ \t]+(\S+))?/.exec(text.slice(0, 200));
      const interpreter = shebang
        ? basename(shebang[1] === '/usr/bin/env' ? (shebang[2] ?? '') : shebang[1]!)
        : 'sh';
      if (!POSIX_SHELLS.has(interpreter)) {
        tally.skipped++;
        continue;
      }
      tally.scripts++;
      const lines = lineIndex(text);
      analyseSource(contiguousSource(text), { path, positionAt: lines }, tally, findings, 0);
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
    return {
      status: 'not-applicable',
      summary: 'No shell scripts in workflows, Dockerfiles or *.sh files: nothing downloads and runs code.',
      findings,
      evidence,
    };
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

interface Download {
  cmd: ShellCommand;
  tool: string;
  urls: string[];
  /** Writes the body to stdout (when not redirected), or to these files. */
  stdout: boolean;
  files: string[];
}

function analyseSource(
  source: ScriptSource,
  site: Site,
  tally: Tally,
  findings: Finding[],
  depth: number,
): void {
  const script = parseShell(source);
  if (script.error) {
    if (depth === 0) {
      tally.unparsed++;
      const p = site.positionAt(script.error.offset);
      findings.push(
        finding(ID, {
          severity: 'info',
          path: site.path,
          line: p.line,
          column: p.column,
          message: `This shell script could not be parsed (${script.error.message}), so its downloads were not checked.`,
        }),
      );
    }
    return;
  }
  analyseScript(script, site, tally, findings, depth);
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
  const report = (d: Download, how: string, severity: 'high' | 'medium' = 'high'): void => {
    if (d.urls.length > 0 && d.urls.every(isPinnedUrl)) return;
    const p = site.positionAt(d.cmd.offset);
    const url = d.urls[0] ? ` ${cutText(d.urls[0], 200)}` : '';
    findings.push(
      finding(ID, {
        severity,
        path: site.path,
        line: p.line,
        column: p.column,
        message: `${d.tool} downloads${url} and ${how} without verifying a checksum or signature.`,
        remediation:
          'Download to a file, check it against a SHA-256 you pinned (`echo "<sha256>  file" | sha256sum -c -`) or verify its signature ' +
          '(gpg --verify, cosign verify-blob), then run it; or install from a package manager, or fetch from a URL pinned to a commit SHA.',
      }),
    );
  };
  const reported = new Set<Download>();
  const once = (d: Download | undefined, how: string, severity?: 'high' | 'medium'): void => {
    if (!d || reported.has(d)) return;
    reported.add(d);
    report(d, how, severity);
  };
  const stdoutDownloadIn = (commands: readonly ShellCommand[]): Download | undefined => {
    for (const c of commands) {
      const d = downloads.get(c);
      if (d?.stdout) return d;
    }
    return undefined;
  };

  // 1. A download piped into an interpreter: `curl … | sh`, `wget -O- … | sudo bash -s -- -y`.
  const byPipeline = new Map<number, ShellCommand[]>();
  for (const cmd of script.commands) {
    if (cmd.stages < 2) continue;
    const list = byPipeline.get(cmd.pipeline) ?? [];
    list.push(cmd);
    byPipeline.set(cmd.pipeline, list);
  }
  for (const stages of byPipeline.values()) {
    for (const d of stages.map((c) => downloads.get(c)).filter((x): x is Download => x?.stdout === true)) {
      const runner = stages.find((c) => c.stage > d.cmd.stage && readsScriptFromStdin(c));
      if (runner) once(d, `pipes it into ${describe(runner)}`);
    }
  }

  // 2. An interpreter, eval or source given a download through a substitution or here-string.
  for (const cmd of script.commands) {
    const call = unwrap(cmd);
    const name = call.name;
    const isInterp = name !== undefined && INTERPRETERS.has(name);
    if (name === 'eval' || name === 'source' || name === '.' || isInterp) {
      for (const w of call.args) {
        for (const s of w.substitutions) {
          const d = stdoutDownloadIn(s.commands);
          if (!d) continue;
          if (s.kind === 'process-in')
            once(d, `runs it with ${describe(cmd)} through a process substitution`);
          else if (s.kind === 'command' && (name === 'eval' || isInterp))
            once(d, `runs its output with ${describe(cmd)}`);
        }
      }
      if (isInterp && readsScriptFromStdin(cmd)) {
        for (const r of cmd.redirects) {
          for (const s of r.target?.substitutions ?? [])
            once(stdoutDownloadIn(s.commands), `feeds it to ${describe(cmd)}`);
          if (r.heredoc && depth < 3 && POSIX_SHELLS.has(name!)) {
            analyseSource(r.heredoc.source, site, tally, findings, depth + 1);
          }
        }
      }
    }
    // `$(curl …)` as the command itself.
    for (const s of cmd.args[0]?.substitutions ?? [])
      once(stdoutDownloadIn(s.commands), 'runs its output as a command');
    // `sh -c '…'` with a literal script: read it as a script too.
    if (isInterp && POSIX_SHELLS.has(name!) && depth < 3) {
      const i = call.args.findIndex((w) => w.value === '-c' || isShortFlagsWithC(w.value ?? ''));
      const body = i >= 0 ? call.args[i + 1] : undefined;
      if (body?.value !== undefined && body.substitutions.length === 0) {
        const quoted = body.raw.startsWith("'") || body.raw.startsWith('"');
        analyseSource(
          contiguousSource(body.value, body.offset + (quoted ? 1 : 0)),
          site,
          tally,
          findings,
          depth + 1,
        );
      }
    }
  }

  // 3. A download saved to a file that is then run or made executable, with no verification between.
  const saved: Array<{ d: Download; names: Set<string> }> = [];
  for (const cmd of script.commands) {
    const d = downloads.get(cmd);
    if (d && d.files.length) {
      saved.push({ d, names: new Set(d.files.flatMap(fileKeys)) });
      continue;
    }
    if (isVerification(cmd)) {
      // Whatever was downloaded before a verification is taken as verified.
      saved.length = 0;
      continue;
    }
    const call = unwrap(cmd);
    for (const entry of saved) {
      const { d, names } = entry;
      const touches = (w: ShellWord | undefined): boolean =>
        w !== undefined && fileKeys(w.loose).some((k) => names.has(k));
      if (call.name === 'mv' || call.name === 'cp' || call.name === 'install') {
        const operands = call.args.filter((w) => !w.loose.startsWith('-'));
        const target = operands[operands.length - 1];
        if (operands.slice(0, -1).some(touches) && target) {
          for (const k of fileKeys(target.loose)) names.add(k);
          for (const src of operands.slice(0, -1))
            for (const k of fileKeys(joinPath(target.loose, basename(src.loose)))) names.add(k);
          if (call.name === 'install') once(d, `installs it as an executable (${describe(cmd)})`, 'medium');
        }
        continue;
      }
      if (
        call.name === 'chmod' &&
        call.args.some((w) => /^(?:[ugoa]*\+[rwxXst]*x|[0-7]*[1357][0-7]{0,2})$/.test(w.value ?? '')) &&
        call.args.some(touches)
      ) {
        once(d, 'makes it executable', 'medium');
        continue;
      }
      const runsIt =
        touches(call.args[0]) ||
        ((call.name === 'source' || call.name === '.') && touches(call.args[1])) ||
        (call.name !== undefined &&
          INTERPRETERS.has(call.name) &&
          touches(scriptOperand(call.args.slice(1), call.name)));
      if (runsIt) once(d, `runs it (${describe(cmd)})`);
    }
  }
}

/** What a command really runs once wrappers (sudo, env, …) are peeled off. */
function unwrap(cmd: ShellCommand): { name?: string; args: ShellWord[] } {
  let args = cmd.args;
  for (let guard = 0; guard < 4; guard++) {
    const name = commandName({ ...cmd, args });
    if (name === undefined || !WRAPPERS.has(name)) return { name, args };
    let i = 1;
    while (i < args.length) {
      const v = args[i]!.value ?? '';
      if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) i++;
      else if (v.startsWith('-')) {
        // sudo -u user / timeout -s SIG: options with a value.
        i += /^-[ugpCDhrtUs]$/.test(v) && (name === 'sudo' || name === 'doas' || name === 'timeout') ? 2 : 1;
      } else if (name === 'timeout' || name === 'nice') {
        if (/^\d/.test(v)) i++;
        else break;
      } else break;
    }
    args = args.slice(i);
  }
  return { name: commandName({ ...cmd, args }), args };
}

function describe(cmd: ShellCommand): string {
  return cutText(
    cmd.args
      .slice(0, 4)
      .map((w) => w.raw)
      .join(' '),
    80,
  );
}

/** True when the command is an interpreter that takes its program from standard input. */
function readsScriptFromStdin(cmd: ShellCommand): boolean {
  const { name, args } = unwrap(cmd);
  if (name === undefined || !INTERPRETERS.has(name)) return false;
  const rest = args.slice(1);
  for (const w of rest) {
    const v = w.value ?? '';
    if (v === '-s' || (POSIX_SHELLS.has(name) && isOptionBundle(v, 's', /^[a-z]+$/))) return true;
    if (v === '-' || v === '/dev/stdin') return true;
  }
  return (
    scriptOperand(rest, name) === undefined &&
    !rest.some((w) => w.value === '-c' || (w.value === '-e' && !POSIX_SHELLS.has(name)))
  );
}

/** The script-file operand of an interpreter, if it has one. */
function scriptOperand(rest: ShellWord[], name: string): ShellWord | undefined {
  for (let i = 0; i < rest.length; i++) {
    const v = rest[i]!.value ?? rest[i]!.loose;
    if (v === '--') return rest[i + 1];
    if (v.startsWith('-') || (POSIX_SHELLS.has(name) && v.startsWith('+'))) {
      if (
        POSIX_SHELLS.has(name) &&
        (v === '-o' || v === '+o' || v === '-O' || v === '+O' || v === '--rcfile' || v === '--init-file')
      )
        i++;
      if (isOptionBundle(v, 'c', /^[a-zA-Z]+$/)) return undefined;
      continue;
    }
    return rest[i];
  }
  return undefined;
}

/** curl / wget invocations: their URLs and where the body goes. */
function readDownload(cmd: ShellCommand): Download | undefined {
  const { name, args } = unwrap(cmd);
  if (name !== 'curl' && name !== 'wget') return undefined;
  const urls: string[] = [];
  const files: string[] = [];
  let toStdout = false;
  let remoteName = false;
  let dir: string | undefined;
  const rest = args.slice(1).map((w) => w.value ?? w.loose);
  const withArg = name === 'curl' ? CURL_SHORT_WITH_ARG : WGET_SHORT_WITH_ARG;
  const longWithArg = name === 'curl' ? CURL_LONG_WITH_ARG : WGET_LONG_WITH_ARG;
  const setOutput = (v: string): void => {
    if (v === '-' || v === '/dev/stdout') toStdout = true;
    else files.push(v);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const opt = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : longWithArg.has(opt) ? rest[++i] : undefined;
      if (opt === 'output' || opt === 'output-document') setOutput(value ?? '');
      else if (opt === 'remote-name' || opt === 'remote-name-all') remoteName = true;
      else if (opt === 'output-dir' || opt === 'directory-prefix') dir = value;
      else if (opt === 'url' && value) urls.push(value);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const flag = a[k]!;
        if (name === 'curl' && flag === 'O') {
          remoteName = true;
          continue;
        }
        if (!withArg.has(flag)) continue;
        const value = k + 1 < a.length ? a.slice(k + 1) : rest[++i];
        if (flag === 'o' && name === 'curl') setOutput(value ?? '');
        else if (flag === 'O' && name === 'wget') setOutput(value ?? '');
        else if (flag === 'P' && name === 'wget') dir = value;
        break;
      }
      continue;
    }
    urls.push(a);
  }
  // curl writes the body to stdout unless told otherwise; wget saves it under the URL's name.
  if (name === 'wget' && files.length === 0 && !toStdout) remoteName = true;
  let stdout = toStdout || (name === 'curl' && files.length === 0 && !remoteName);
  if (remoteName) {
    for (const u of urls) {
      const file = basename(before(before(u, '?'), '#'));
      if (file) files.push(dir ? joinPath(dir, file) : file);
    }
  } else if (dir) {
    for (let i = 0; i < files.length; i++) files[i] = joinPath(dir, files[i]!);
  }
  // `curl url > file`: the body goes to the file, not down the pipe.
  for (const r of cmd.redirects) {
    if (
      (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') &&
      (r.fd === undefined || r.fd === '1') &&
      r.target
    ) {
      stdout = false;
      files.push(r.target.loose);
    }
  }
  return { cmd, tool: name, urls, stdout, files };
}

const CURL_SHORT_WITH_ARG = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
const CURL_LONG_WITH_ARG = new Set([
  'output',
  'output-dir',
  'header',
  'data',
  'data-raw',
  'data-binary',
  'data-urlencode',
  'user',
  'request',
  'user-agent',
  'retry',
  'retry-delay',
  'retry-max-time',
  'max-time',
  'connect-timeout',
  'proto',
  'proto-redir',
  'cacert',
  'capath',
  'cert',
  'key',
  'form',
  'write-out',
  'proxy',
  'referer',
  'upload-file',
  'cookie',
  'cookie-jar',
  'range',
  'config',
  'limit-rate',
  'max-redirs',
  'resolve',
  'interface',
  'oauth2-bearer',
  'url',
  'dns-servers',
  'netrc-file',
  'speed-limit',
  'speed-time',
  'time-cond',
  'continue-at',
  'trace',
  'trace-ascii',
  'stderr',
  'aws-sigv4',
  'ciphers',
  'pinnedpubkey',
  'connect-to',
  'tls-max',
  'expect100-timeout',
  'happy-eyeballs-timeout-ms',
  'keepalive-time',
  'local-port',
  'variable',
  'json',
  'etag-save',
  'etag-compare',
  'dump-header',
  'hsts',
  'alt-svc',
  'ftp-port',
  'mail-from',
  'mail-rcpt',
  'noproxy',
  'proxy-user',
  'quote',
]);
const WGET_SHORT_WITH_ARG = new Set('oOPaeiBtTwQUlARIXDn'.split(''));
const WGET_LONG_WITH_ARG = new Set([
  'output-document',
  'output-file',
  'append-output',
  'directory-prefix',
  'execute',
  'input-file',
  'base',
  'tries',
  'timeout',
  'wait',
  'quota',
  'user-agent',
  'level',
  'accept',
  'reject',
  'include-directories',
  'exclude-directories',
  'domains',
  'header',
  'user',
  'password',
  'http-user',
  'http-password',
  'post-data',
  'post-file',
  'ca-certificate',
  'certificate',
  'private-key',
  'load-cookies',
  'save-cookies',
  'referer',
  'limit-rate',
  'method',
  'body-data',
  'body-file',
]);

/** A URL that names a commit: a 40-hex path segment or query value (e.g. raw.githubusercontent.com/o/r/<sha>/x.sh). */
function isPinnedUrl(url: string): boolean {
  return /[/=@][0-9a-f]{40}(?:[/&#]|$)/.test(url) && !url.includes(EXPRESSION_MARK);
}

/** A checksum or signature check: `sha256sum -c`, `shasum -a 256 -c`, `gpg --verify`, `cosign verify…`, … */
function isVerification(cmd: ShellCommand): boolean {
  const { name, args } = unwrap(cmd);
  if (name === undefined) return false;
  const values = args.slice(1).map((w) => w.value ?? w.loose);
  if (CHECKSUM_TOOLS.test(name)) {
    if (
      values.some(
        (v) =>
          v === '--check' || v === '--verify' || isOptionBundle(v, 'c', /^[a-zA-Z0-9]+$/) || v === '-verify',
      )
    )
      return true;
    // A hash captured for comparison (`[ "$(sha256sum f | cut -d' ' -f1)" = "$SUM" ]`) or piped to grep/diff.
    if (cmd.substituted) return true;
    return false;
  }
  if ((name === 'gpg' || name === 'gpg2') && values.some((v) => v === '--verify' || v === '--verify-files'))
    return true;
  if (name === 'gpgv' || name === 'slsa-verifier' || name === 'signify') return true;
  if (name === 'cosign' && values[0]?.startsWith('verify')) return true;
  if (name === 'minisign' && values.includes('-V')) return true;
  if (name === 'gh' && values[0] === 'attestation' && values[1] === 'verify') return true;
  return false;
}

function fileKeys(path: string): string[] {
  const p = path.replace(/^["']|["']$/g, '');
  if (!p) return [];
  const stripped = p.replace(/^(?:\.\/)+/, '');
  return [stripped];
}

function joinPath(dir: string, file: string): string {
  return `${trimTrailing(dir, '/')}/${file}`;
}

function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

function lineIndex(text: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
    if (c === 10 || c === 13) starts.push(i + 1);
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/** `-c`, `-ec`, `-xec`…: a bundle of single-letter options that includes `c` (linear check). */
function isShortFlagsWithC(word: string): boolean {
  return isOptionBundle(word, 'c', /^[a-z]+$/);
}

/**
 * `-xec`-style bundles of single-letter options that include `letter`, the letters matching
 * `letters` (anchored, no alternation). A linear replacement for `/^-[a-z]*c[a-z]*$/`, which
 * backtracks quadratically on a long word.
 */
function isOptionBundle(word: string, letter: string, letters: RegExp): boolean {
  return (
    word.length > 1 &&
    word[0] === '-' &&
    word[1] !== '-' &&
    letters.test(word.slice(1)) &&
    word.includes(letter, 1)
  );
}
