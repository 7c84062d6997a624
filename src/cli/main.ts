/**
 * The `sscop` command line. A thin shell: parses arguments, calls `scan`, renders, writes, and
 * returns the exit code (0 passed, 1 below threshold or a required item not met, 2 usage,
 * configuration or fatal error with a one-line reason on stderr).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ALL_CHECKS } from '../checks/index.js';
import { errorMessage, UserError, errorFirstLine } from '../errors.js';
import type { GitHubScanOptions } from '../github/online.js';
import { parseRepository } from '../github/repository.js';
import { closestWord } from './did-you-mean.js';
import { loadRulePack } from '../rules/pack.js';
import { confidenceOption } from '../config/config.js';
import { gateOnNewFindings } from '../report/new-findings.js';
import { markNewSinceBaseline, type BaselineReport } from '../report/baseline.js';
import { readBaselineFile } from '../baseline-file.js';
import { writeOutputFile } from '../output-file.js';
import { buildEvidencePack } from '../report/evidence-pack.js';
import { renderEvidencePackHtml } from '../report/evidence-pack-html.js';
import { renderEvidencePackMarkdown } from '../report/evidence-pack-markdown.js';
import { gather, jsonDocument } from '../report/json-chunks.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { defuseWorkflowCommands, defuseWorkflowCommandsInJson, escapeTerminal } from '../report/escape.js';
import { scan } from '../scan.js';
import type { ProgressEvent } from '../scan-progress.js';
import { timingRecorder } from '../scan-timing.js';
import { writeAttestation } from '../attest/write.js';
import { VERSION } from '../version.js';

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** Whether stdout/stderr are terminals (colour; progress). */
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  cwd: string;
}

const FORMATS = ['text', 'json', 'markdown', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const PACK_FORMATS = ['markdown', 'html'] as const;
type PackFormat = (typeof PACK_FORMATS)[number];

const HELP = `sscop ${VERSION} — check a repository against the UK Software Security Code of Practice

Usage:
  sscop scan [DIR] [options]   scan a checkout (default: the current directory)
  sscop assess [DIR] [options] write the evidence pack: a self-assessment against all 45 claims
  sscop checks                 list every check with the principles and claims it evidences
  sscop verify BUNDLE --profile FILE --repo OWNER/NAME [--commit SHA] [--trusted-root FILE]
                               verify a signed attestation and judge it against a profile
                               (sscop verify --help)
  sscop org plan|report        plan an organisation-wide scan, merge its reports (sscop org --help)
  sscop --help | --version

Scan options:
  --format text|json|markdown|sarif   output format (default: text)
  --output FILE                       write the report to FILE instead of standard output
  --threshold N                       minimum score 0-100 to pass (default: config, else 60)
  --config FILE                       config file (default: DIR/.github/sscop.yml if present)
  --fail-on IDS                       comma-separated principles (e.g. 3.2) or checks that must be met
  --min-confidence high|medium|low    findings below it do not count for the gate (default: config, else low)
  --repo OWNER/NAME                   online: also read the repository's GitHub settings through the API
  --token TOKEN                       token for --repo (default: the GITHUB_TOKEN environment variable)
  --branch NAME                       branch whose protection to check with --repo (default: the default branch)
  --api-timeout SECONDS               time for all API requests with --repo, retries included (default: 120)
  --no-color                          plain text even on a terminal (also NO_COLOR, TERM=dumb;
                                      FORCE_COLOR colours even when not a terminal)
  --baseline FILE                     an earlier JSON report: findings not in it are new, and the
                                      gate fails on new findings (medium or above) and fail-on items
  --attestation-predicate FILE        also write the Code of Practice attestation predicate to FILE,
                                      and the unsigned in-toto statement beside it (.statement.json)
  --attestation-subject FILE          a release artifact to name in the statement by sha256 (repeatable)
  --untracked, --tracked-only         scan files git neither tracks nor ignores, or not (default:
                                      on a terminal outside CI, yes; otherwise no)
  --timing                            after the report, print where the time went to standard error:
                                      when each stage ended, and the slowest checks

Assess options (and the scan options above; --format differs):
  --format markdown|html              default: html when --output ends in .html, else markdown
  --baseline FILE                     an earlier JSON report (scan --format json) to compare with
                                      (the pack's verdict is the scan's, not the new-findings gate)
  --gate                              exit 1 when the gate fails (default: exit 0 once the pack is written)

Exit codes: 0 passed, 1 below the threshold or a required item not met, 2 usage or configuration error
(assess exits 0 once the pack is written, unless --gate).
Offline by default: checks that need the GitHub API report "unknown".
In a git checkout, files git neither tracks nor ignores are scanned too.`;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  format: { type: 'string', short: 'f' },
  output: { type: 'string', short: 'o' },
  threshold: { type: 'string' },
  config: { type: 'string', short: 'c' },
  'fail-on': { type: 'string' },
  'min-confidence': { type: 'string' },
  'no-color': { type: 'boolean' },
  untracked: { type: 'boolean' },
  'tracked-only': { type: 'boolean' },
  timing: { type: 'boolean' },
  baseline: { type: 'string' },
  gate: { type: 'boolean' },
  repo: { type: 'string', short: 'r' },
  token: { type: 'string' },
  branch: { type: 'string' },
  'api-timeout': { type: 'string' },
  'attestation-predicate': { type: 'string' },
  'attestation-subject': { type: 'string', multiple: true },
} as const;

const COMMANDS = ['scan', 'assess', 'checks', 'verify', 'org', 'help'];

/** What parseArgs refused, with the option the user probably meant. */
function usageProblem(error: unknown): string {
  const unknown = /Unknown option '(-{1,2}[^']*)'/.exec(errorMessage(error))?.[1];
  if (!unknown) return errorMessage(error);
  const names = Object.keys(OPTIONS).map((name) => `--${name}`);
  const guess = closestWord(unknown, names);
  return `unknown option ${unknown}${guess ? `; did you mean ${guess}?` : ''}`;
}

export async function runCli(argv: string[], io: CliIO): Promise<number> {
  try {
    // The org commands bring the GitHub client; a scan loads it only when it goes online.
    if (argv[0] === 'org') return await (await import('../org/cli.js')).runOrgCommand(argv.slice(1), io);
    return await dispatch(argv, io);
  } catch (error) {
    if (error instanceof UserError) {
      io.stderr(errorLine(error.message));
      return 2;
    }
    io.stderr(errorLine(`internal error: ${errorMessage(error)}`));
    return 2;
  }
}

async function dispatch(argv: string[], io: CliIO): Promise<number> {
  // verify has options of its own; the Sigstore libraries load only when it runs.
  if (argv[0] === 'verify') return (await import('./verify.js')).runVerify(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: OPTIONS,
    });
  } catch (error) {
    throw new UserError(`${usageProblem(error)} (see sscop --help)`);
  }

  const { values, positionals } = parsed;
  if (values.version) {
    io.stdout(`${VERSION}\n`);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === 'help') {
    io.stdout(`${HELP}\n`);
    return 0;
  }
  if (command === 'checks') {
    io.stdout(listChecks());
    return 0;
  }
  if (command !== 'scan' && command !== 'assess') {
    const guess = closestWord(command, COMMANDS);
    throw new UserError(
      `unknown command "${command}"${guess ? `; did you mean ${guess}?` : ''} (expected scan, assess, checks or verify)`,
    );
  }
  if (rest.length > 1) throw new UserError(`${command} takes one directory, got ${rest.length}`);

  const assessing = command === 'assess';
  if (!assessing && values.gate)
    throw new UserError('--gate is an option of sscop assess (scan always gates)');
  const format = (values.format ?? 'text') as Format;
  if (!assessing && !FORMATS.includes(format))
    throw new UserError(`--format must be one of ${FORMATS.join(', ')}, got "${values.format}"`);
  const packFormat = (values.format ??
    (/\.html?$/i.test(values.output ?? '') ? 'html' : 'markdown')) as PackFormat;
  if (assessing && !PACK_FORMATS.includes(packFormat))
    throw new UserError(
      `--format must be one of ${PACK_FORMATS.join(', ')} for assess, got "${values.format}"`,
    );
  // A bad baseline fails before the scan, not after it.
  const baseline =
    values.baseline !== undefined
      ? await readBaselineFile(path.resolve(io.cwd, values.baseline), values.baseline)
      : undefined;
  const threshold = thresholdOption(values.threshold);
  const failOn = values['fail-on']
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const minConfidence = confidenceOption('--min-confidence', values['min-confidence']);

  const github = onlineOptions(values, io.env);
  attestationOptions(values);

  const dir = path.resolve(io.cwd, rest[0] ?? '.');
  const watch = watchScan(io, values.timing === true);
  const {
    report: scanned,
    fatal,
    gateInputs,
  } = await scan({
    root: dir,
    configPath: values.config === undefined ? undefined : path.resolve(io.cwd, values.config),
    threshold,
    failOn,
    ...(minConfidence ? { minConfidence } : {}),
    onProgress: watch.onProgress,
    ...(github ? { github } : {}),
    workingCopy: true,
    untracked: scansUntracked(io, values),
  });
  watch.scanned();
  // scan --baseline: findings not in the baseline are new, and the gate judges those.
  const report =
    baseline && !assessing
      ? gateOnNewFindings(
          markNewSinceBaseline(scanned, baseline, values.baseline!),
          'the change since the baseline',
        )
      : scanned;

  if (values['attestation-predicate'] !== undefined)
    await writeAttestationFiles(report, gateInputs, dir, io, values as AttestationValues);
  const color = format === 'text' && !values.output && colourWanted(io, values['no-color'] === true);
  const rendered = assessing
    ? [renderPack(report, packFormat, baseline, io.env)]
    : render(report, format, color, io.env);
  if (values.output) {
    await writeOutputFile(path.resolve(io.cwd, values.output), rendered);
    io.stderr(
      `sscop: ${assessing ? 'evidence pack' : 'report'} written to ${escapeTerminal(values.output)} (score ${report.score}, ${report.passed ? 'passed' : 'failed'})\n`,
    );
  } else {
    // Standard output is often a CI log, whose runner acts on command lines in it.
    const json = !assessing && (format === 'json' || format === 'sarif');
    const defuse = json ? defuseWorkflowCommandsInJson : defuseWorkflowCommands;
    for (const piece of gather(rendered)) io.stdout(defuse(piece));
  }
  watch.finished();
  if (fatal) {
    // The report is written (API checks unknown, with why); the run still fails closed.
    io.stderr(errorLine(fatal.message));
    return 2;
  }
  // The evidence pack is the deliverable of assess: written, it succeeded, unless asked to gate.
  if (assessing && !values.gate) return 0;
  return report.passed ? 0 : 1;
}

function thresholdOption(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const threshold = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || threshold > 100)
    throw new UserError(`--threshold must be a number from 0 to 100, got "${raw}"`);
  return threshold;
}

/** The attestation options, checked before the scan. */
function attestationOptions(values: {
  'attestation-predicate'?: string;
  'attestation-subject'?: string[];
}): void {
  if (values['attestation-subject'] && !values['attestation-predicate'])
    throw new UserError('--attestation-subject needs --attestation-predicate FILE');
}

type AttestationValues = { 'attestation-predicate': string; 'attestation-subject'?: string[] };

/** `--attestation-predicate`: the predicate and, beside it, the unsigned statement. */
async function writeAttestationFiles(
  report: Report,
  gateInputs: { failOn: string[]; configSha256?: string },
  dir: string,
  io: CliIO,
  values: AttestationValues,
): Promise<void> {
  const { statementPath } = await writeAttestation(report, {
    root: dir,
    predicatePath: path.resolve(io.cwd, values['attestation-predicate']),
    gateInputs,
    artifacts: (values['attestation-subject'] ?? []).map((f) => path.resolve(io.cwd, f)),
  });
  io.stderr(
    `sscop: attestation predicate written to ${escapeTerminal(values['attestation-predicate'])}, unsigned statement to ${escapeTerminal(path.relative(io.cwd, statementPath))}\n`,
  );
}

/**
 * Colour on standard output, by the usual conventions: `--no-color` wins; `FORCE_COLOR` (not
 * empty, not `0` or `false`) turns colour on even off a terminal; `NO_COLOR` with any non-empty
 * value turns it off; so does `TERM=dumb`; otherwise colour when standard output is a terminal.
 */
/**
 * Whether to scan files git neither tracks nor ignores. On a person's working copy (a terminal,
 * not CI) they are what is about to be committed, so they count; in CI the checkout is the commit,
 * and finding them means git walks every folder (a second on a 200,000-file tree), so they are
 * left out. `--untracked` and `--tracked-only` decide either way.
 */
function scansUntracked(
  io: Pick<CliIO, 'env' | 'stdoutIsTTY' | 'stderrIsTTY'>,
  values: { untracked?: boolean; 'tracked-only'?: boolean },
): boolean {
  if (values.untracked && values['tracked-only'])
    throw new UserError('--untracked and --tracked-only cannot be given together');
  if (values.untracked !== undefined || values['tracked-only'] !== undefined)
    return values.untracked === true;
  return (io.stdoutIsTTY || io.stderrIsTTY) && !io.env.CI;
}

export function colourWanted(io: Pick<CliIO, 'env' | 'stdoutIsTTY'>, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '') return !['0', 'false'].includes(force.toLowerCase());
  if (io.env.NO_COLOR) return false;
  if (io.env.TERM === 'dumb') return false;
  return io.stdoutIsTTY;
}

/**
 * A message for stderr, which a terminal shows and a CI runner reads for commands: its first line,
 * control characters shown as `\xNN`, command markers defused.
 */
function errorLine(message: string): string {
  return `sscop: ${defuseWorkflowCommands(escapeTerminal(errorFirstLine(message)))}\n`;
}

/** `--repo` (with `--token` or GITHUB_TOKEN) turns the scan online; GHES via GITHUB_API_URL. */
function onlineOptions(
  values: { repo?: string; token?: string; branch?: string; 'api-timeout'?: string },
  env: CliIO['env'],
): GitHubScanOptions | undefined {
  if (values.repo === undefined) {
    if (values.token !== undefined || values.branch !== undefined || values['api-timeout'] !== undefined) {
      throw new UserError('--token, --branch and --api-timeout need --repo OWNER/NAME');
    }
    return undefined;
  }
  parseRepository(values.repo);
  const token = values.token ?? env.GITHUB_TOKEN;
  if (!token) throw new UserError('--repo needs a token: set GITHUB_TOKEN or pass --token');
  return {
    repository: values.repo,
    token,
    ...(env.GITHUB_API_URL ? { apiUrl: env.GITHUB_API_URL } : {}),
    ...(values.branch ? { branch: values.branch } : {}),
    ...(values['api-timeout'] !== undefined ? { apiTimeoutMs: apiTimeoutMs(values['api-timeout']) } : {}),
  };
}

function apiTimeoutMs(raw: string): number {
  const seconds = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || seconds < 1 || seconds > 3600) {
    throw new UserError(`--api-timeout: "${raw}" is not a number of seconds from 1 to 3600`);
  }
  return seconds * 1000;
}

/** The report in `format`, in pieces (JSON is not built as one string: see json-chunks.ts). */
function render(report: Report, format: Format, color: boolean, env: CliIO['env']): Iterable<string> {
  switch (format) {
    case 'json':
      return jsonDocument(report);
    case 'markdown':
      return [renderMarkdown(report, { serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com' })];
    case 'sarif':
      return jsonDocument(renderSarif(report));
    case 'text':
      return [renderText(report, { color })];
  }
}

function renderPack(
  report: Report,
  format: PackFormat,
  baseline: BaselineReport | undefined,
  env: CliIO['env'],
): string {
  const pack = buildEvidencePack(report, {
    serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
    baseline,
  });
  return format === 'html' ? renderEvidencePackHtml(pack) : renderEvidencePackMarkdown(pack);
}

function listChecks(): string {
  const pack = loadRulePack();
  const lines = ['id\tsource\tseverity\tweight\tprinciples\tclaims\ttitle'];
  for (const check of ALL_CHECKS) {
    const rule = pack.checks.get(check.id)!;
    lines.push(
      [
        rule.id,
        rule.source,
        rule.severity,
        rule.weight,
        rule.principles.join(','),
        rule.claims.join(','),
        rule.title,
      ].join('\t'),
    );
  }
  return `${lines.join('\n')}\n`;
}

/** What watches a scan: the progress line on a terminal and, with `--timing`, where the time goes. */
function watchScan(io: CliIO, timed: boolean) {
  const progress = makeProgress(io);
  const timing = timed ? timingRecorder() : undefined;
  timing?.mark('engine loaded');
  return {
    onProgress: (event: ProgressEvent) => {
      timing?.observe(event);
      progress.update(event);
    },
    /** The scan is done: the progress line goes. */
    scanned: () => progress.done(),
    /** The output is written: the timing follows it. */
    finished: () => {
      if (!timing) return;
      timing.mark('output written');
      io.stderr(timing.render());
    },
  };
}

/** Progress on an interactive terminal only; never in CI logs, where it would be noise. */
function makeProgress(io: CliIO): { update: (e: ProgressEvent) => void; done: () => void } {
  // A dumb terminal cannot erase a line, so the progress line would pile up.
  const enabled = io.stderrIsTTY && !io.env.CI && io.env.TERM !== 'dumb';
  let last = 0;
  let shown = false;
  return {
    update: (e) => {
      if (!enabled || e.phase === 'stage') return;
      const now = Date.now();
      // At most ten updates a second (the read total grows while paths are planned, so it marks no end).
      if (now - last < 100) return;
      last = now;
      shown = true;
      const what = e.phase === 'read' ? 'files read' : 'checks done';
      io.stderr(`\r\u001b[2K${e.done}/${e.total} ${what}`);
    },
    done: () => {
      if (shown) io.stderr('\r\u001b[2K');
    },
  };
}
