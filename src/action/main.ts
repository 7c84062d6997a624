/**
 * The GitHub Action shell: reads inputs, runs the scan on the workspace, focuses it on the pull
 * request, publishes (check run or workflow annotations, job summary, JSON and SARIF files,
 * outputs), then applies the gate. Only this module (with src/index.ts) touches `@actions/core`.
 */
import * as core from '@actions/core';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { errorMessage, UserError, errorFirstLine } from '../errors.js';
import { addedLines, type ChangedLines } from '../evidence/diff.js';
import { ApiTimeBudget, createGitHubClient, type GitHubClient } from '../github/client.js';
import { checkRunAnnotations, workflowCommandAnnotations } from '../report/annotations.js';
import { markNewSinceBaseline, type BaselineReport } from '../report/baseline.js';
import { readBaselineFile } from '../baseline-file.js';
import { writeOutputFile } from '../output-file.js';
import { escapeMarkdown, stripControl } from '../report/escape.js';
import { buildEvidencePack } from '../report/evidence-pack.js';
import { renderEvidencePackHtml } from '../report/evidence-pack-html.js';
import { renderEvidencePackMarkdown } from '../report/evidence-pack-markdown.js';
import { jsonDocument } from '../report/json-chunks.js';
import { renderMarkdown, type MarkdownOptions } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { pathInRepository } from '../report/repository-paths.js';
import { renderSarif } from '../report/sarif.js';
import { scan } from '../scan.js';
import { timingRecorder } from '../scan-timing.js';
import type { TrustedConfig } from '../config/choice.js';
import { readBaseConfig } from './base-config.js';
import { publishCheckRun } from './check-run.js';
import { readRunContext, type RunContext } from './event.js';
import { changedUnder, gateOnNewFindings, markNewFindings } from '../report/new-findings.js';
import { DEFAULT_BRANCH_BASELINE, type ActionInputs } from './inputs.js';
import { defaultBranchBaseline } from './default-branch-baseline.js';
import { signingPermissionNote, writeAttestation } from '../attest/write.js';

/** What a rejected token's message tells the user to check. */
const TOKEN_SOURCE = "the action's token input (by default the workflow's GITHUB_TOKEN)";

/** The pull-request files API lists at most 3,000 files. */
const MAX_PR_FILES = 3000;

/** What one run of the action carries from step to step. */
interface Run {
  inputs: ActionInputs;
  env: NodeJS.ProcessEnv;
  context: RunContext;
  workspace: string;
  client?: GitHubClient;
  timeBudget: ApiTimeBudget;
  /** Notes for the report about how the run went. */
  notes: string[];
  /** Set when GitHub rejected the token (401): the step fails, but only after every output is written. */
  fatal?: string;
  /** On a pull request: the lines it adds, by path from the repository root (when they could be read). */
  changed?: ChangedLines;
  /** The check run's page, once published. */
  checkRunUrl?: string;
  /** What the attestation's predicate names beside the report: the gate's fail-on list and the config's digest. */
  gateInputs?: { failOn: string[]; configSha256?: string };
}

/** Runs the action with inputs already read and validated (src/index.ts does that first). */
export async function run(inputs: ActionInputs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const state = startRun(inputs, env);
  let baseline: BaselineReport | undefined;
  if (inputs.baseline === DEFAULT_BRANCH_BASELINE) baseline = await fromDefaultBranch(state);
  else if (inputs.baseline) {
    try {
      baseline = await readBaselineFile(path.resolve(state.workspace, inputs.baseline), inputs.baseline);
    } catch (error) {
      failStep(errorFirstLine(error));
      return;
    }
  }
  state.changed = await readPullRequestChanges(state);
  let report = await scanWorkspace(state);
  if (!report) return;
  report = baselineForGate(state, baseline)
    ? focusOnBaseline(state, report, baseline!)
    : await focusOnPullRequest(state, report);
  report = { ...report, notes: [...report.notes, ...state.notes] };
  if (inputs.annotations && !(await publishCheckRunOf(state, report))) workflowAnnotations(report);
  // Written after the check run, so the report says how findings were published.
  await writeOutputs(state, report, baseline);
  applyGate(state, report);
}

/** The run's context, workspace, time budget and API client (none without a token). */
function startRun(inputs: ActionInputs, env: NodeJS.ProcessEnv): Run {
  const context = readRunContext(env);
  // One time budget for every API request of the run: the scan's and the action's own.
  const timeBudget = new ApiTimeBudget(
    inputs.apiTimeoutSeconds === undefined ? undefined : inputs.apiTimeoutSeconds * 1000,
  );
  const state: Run = {
    inputs,
    env,
    context,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    timeBudget,
    notes: [],
  };
  try {
    if (inputs.token && context.owner && context.repo)
      state.client = createGitHubClient({ token: inputs.token, env, timeBudget, tokenSource: TOKEN_SOURCE });
  } catch (error) {
    state.notes.push(`GitHub API not used: ${errorMessage(error)}`);
  }
  return state;
}

/** A 401 from GitHub: remembered (the step fails at the end); any other error is rethrown. */
function rejectedToken(state: Run, error: unknown): undefined {
  if (!(error instanceof UserError)) throw error;
  state.fatal ??= errorMessage(error);
  return undefined;
}

/** The scan of the workspace; on failure the summary and the step say why, and there is no report. */
async function scanWorkspace(state: Run): Promise<Report | undefined> {
  const { inputs, env, context, client } = state;
  const root = path.resolve(state.workspace, inputs.path);
  const inRepository = pathInRepository(state.workspace, root);
  if (
    inputs.path !== '.' &&
    inRepository === undefined &&
    path.resolve(root) !== path.resolve(state.workspace)
  )
    state.notes.push(
      'the path input is outside the workspace: locations are relative to the scanned directory, not the repository',
    );
  // In the step's debug log (ACTIONS_STEP_DEBUG), where the scan's time went.
  const timing = core.isDebug() ? timingRecorder() : undefined;
  timing?.mark('scan started');
  try {
    const { report, fatal, gateInputs } = await scan({
      root,
      ...(timing ? { onProgress: timing.observe } : {}),
      ...(inRepository ? { pathInRepository: inRepository } : {}),
      configPath: inputs.config,
      trustedConfig: await trustedConfig(inputs, context, root, client),
      threshold: inputs.threshold,
      failOn: inputs.failOn,
      ...(inputs.minConfidence ? { minConfidence: inputs.minConfidence } : {}),
      repository: env.GITHUB_REPOSITORY,
      commit: context.headSha,
      // Suppression comments the pull request adds on its own lines apply only if the workflow allows them.
      ...(state.changed
        ? {
            pullRequest: {
              addedLines: changedUnder(state.changed, inputs.path),
              allowSuppressions: inputs.allowPullRequestSuppressions,
            },
          }
        : {}),
      // Online when there is a token and a repository: API evidence (protection, alerts, settings).
      github:
        inputs.token && env.GITHUB_REPOSITORY
          ? {
              repository: env.GITHUB_REPOSITORY,
              token: inputs.token,
              apiUrl: env.GITHUB_API_URL,
              pullNumber: context.pullNumber,
              client: { timeBudget: state.timeBudget, tokenSource: TOKEN_SOURCE },
            }
          : undefined,
    });
    // Repository text never reaches it: stage names, check ids and numbers only.
    for (const line of timing?.render().trimEnd().split('\n') ?? []) core.debug(line);
    if (fatal) state.fatal = errorFirstLine(fatal);
    state.gateInputs = gateInputs;
    return report;
  } catch (error) {
    const message = errorFirstLine(error);
    await core.summary
      .addRaw(`## ❌ sscop could not complete the scan\n\n${escapeMarkdown(message)}\n`)
      .write()
      .catch(() => undefined);
    failStep(error instanceof UserError ? message : `sscop internal error: ${message}`);
    return undefined;
  }
}

/**
 * The report-file artifact of the default branch's latest successful run (its base branch's, on a
 * pull request). Any failure is a warning and a note, and the run goes on without a baseline.
 */
async function fromDefaultBranch(state: Run): Promise<BaselineReport | undefined> {
  const { inputs } = state;
  const notes: string[] = [];
  const found = await defaultBranchBaseline(
    {
      client: state.client,
      context: state.context,
      env: state.env,
      artifact: inputs.baselineArtifact,
      entry: path.basename(inputs.reportFile ?? 'sscop-report.json'),
    },
    notes,
  ).catch((error: unknown) => rejectedToken(state, error));
  for (const note of notes) (found ? core.info : core.warning)(stripControl(`sscop ${note}`));
  state.notes.push(...notes);
  return found?.report;
}

/** On a pull request, the lines it adds (read before the scan: suppressions on them are the change's own). */
async function readPullRequestChanges(state: Run): Promise<ChangedLines | undefined> {
  const { context, client, notes } = state;
  if (context.pullNumber === undefined || !client) return undefined;
  return pullRequestChanges(client, context, notes).catch((e: unknown) => rejectedToken(state, e));
}

/**
 * Whether the baseline decides which findings are new: it must list findings, and on a pull
 * request it must not be a file the pull request changes (it could then vouch for its own findings).
 */
function baselineForGate(state: Run, baseline: BaselineReport | undefined): boolean {
  const file = state.inputs.baseline;
  if (!baseline || !file) return false;
  const fromDefaultBranch = file === DEFAULT_BRANCH_BASELINE;
  if (!baseline.checks) {
    const which = fromDefaultBranch ? 'from the default branch' : file;
    state.notes.push(`the baseline ${which} lists no findings: new findings are not judged against it`);
    return false;
  }
  // Read from a run on the branch, not from the checkout: the pull request cannot change it.
  if (fromDefaultBranch) return true;
  const inWorkspace = path
    .relative(state.workspace, path.resolve(state.workspace, file))
    .split(path.sep)
    .join('/');
  if (state.changed?.has(inWorkspace)) {
    state.notes.push(
      `the pull request changes the baseline ${file}: it is not used to tell new findings from existing ones`,
    );
    return false;
  }
  return true;
}

/** Findings not in the baseline marked new; with new-findings-only, the gate on them (any event). */
function focusOnBaseline(state: Run, report: Report, baseline: BaselineReport): Report {
  const marked = markNewSinceBaseline(report, baseline, state.inputs.baseline!);
  return state.inputs.newFindingsOnly ? gateOnNewFindings(marked, 'the change since the baseline') : marked;
}

/** On a pull request: findings on added lines marked new, and with new-findings-only the gate on them. */
async function focusOnPullRequest(state: Run, report: Report): Promise<Report> {
  const { context, client, inputs, notes, changed } = state;
  if (context.pullNumber === undefined || !client) return report;
  if (changed) {
    const marked = markNewFindings(report, changed);
    return inputs.newFindingsOnly ? gateOnNewFindings(marked) : marked;
  }
  if (inputs.newFindingsOnly)
    notes.push(
      'new-findings-only was ignored: the changed lines could not be read, so the whole repository was judged',
    );
  return report;
}

function serverUrlOf(env: NodeJS.ProcessEnv): string {
  return env.GITHUB_SERVER_URL ?? 'https://github.com';
}

/** The gate fails the step (enforce mode, gate not met). */
function failing(state: Run, report: Report): boolean {
  return !report.passed && state.inputs.mode === 'enforce';
}

/** Publishes the check run with its annotations when the token may; true when it was published. */
async function publishCheckRunOf(state: Run, report: Report): Promise<boolean> {
  const { inputs, client, context } = state;
  if (!inputs.checkRun || !client || !context.owner || !context.repo || !context.headSha) return false;
  const { annotations, omitted } = checkRunAnnotations(report);
  const outcome = await publishCheckRun(client.octokit, {
    owner: context.owner,
    repo: context.repo,
    headSha: context.headSha,
    name: checkRunName(inputs),
    conclusion: report.passed ? 'success' : failing(state, report) ? 'failure' : 'neutral',
    title: `Score ${report.score}/100 — ${report.passed ? 'passed' : 'failed'}`,
    summary: renderMarkdown(report, { ...summaryOptions(state), maxBytes: 60_000 }),
    annotations,
  }).catch(
    (error: unknown) =>
      rejectedToken(state, error) ?? {
        published: false as const,
        reason: 'GitHub rejected the token',
        requests: 1,
      },
  );
  if (!outcome.published) {
    report.notes.push(`no check run: ${outcome.reason}; findings are shown as workflow annotations instead`);
    return false;
  }
  state.checkRunUrl = outcome.url;
  report.notes.push(
    `check run published with ${outcome.annotationsSent} annotation(s)${omitted ? `; ${omitted} more are in the JSON report` : ''}`,
  );
  if (outcome.warning) report.notes.push(outcome.warning);
  return true;
}

/** The JSON report, SARIF, job summary, evidence pack and outputs. */
async function writeOutputs(state: Run, report: Report, baseline: BaselineReport | undefined): Promise<void> {
  const { inputs, env, workspace } = state;
  const serverUrl = serverUrlOf(env);
  if (inputs.reportFile) {
    await writeFile(path.resolve(workspace, inputs.reportFile), jsonDocument(report));
    core.setOutput('report-file', inputs.reportFile);
  }
  if (inputs.sarifFile) {
    const docsBaseUrl =
      env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF
        ? `${serverUrl}/${env.GITHUB_ACTION_REPOSITORY}/blob/${env.GITHUB_ACTION_REF}`
        : undefined;
    await writeFile(
      path.resolve(workspace, inputs.sarifFile),
      JSON.stringify(renderSarif(report, { docsBaseUrl, category: inputs.sarifCategory })),
    );
    core.setOutput('sarif-file', inputs.sarifFile);
  }
  if (inputs.attestationPredicate && state.gateInputs) {
    await writeAttestation(report, {
      root: path.resolve(workspace, inputs.path),
      predicatePath: path.resolve(workspace, inputs.attestationPredicate),
      gateInputs: state.gateInputs,
    });
    const missing = signingPermissionNote(env);
    if (missing) report.notes.push(missing);
  }
  await core.summary.addRaw(renderMarkdown(report, summaryOptions(state))).write();
  if (inputs.evidencePack) {
    const pack = buildEvidencePack(report, { serverUrl, baseline });
    await writeFile(
      path.resolve(workspace, inputs.evidencePack.path),
      inputs.evidencePack.format === 'html' ? renderEvidencePackHtml(pack) : renderEvidencePackMarkdown(pack),
    );
    core.setOutput('evidence-pack', inputs.evidencePack.path);
  }
  core.setOutput('score', String(report.score));
  core.setOutput('passed', String(report.passed));
  core.setOutput(
    'coverage',
    String(report.coverage.total ? Math.round((100 * report.coverage.observed) / report.coverage.total) : 0),
  );
}

/** How the summary is shown: with permalinks, where the full report is, and the pull request's context. */
function summaryOptions(state: Run): MarkdownOptions {
  const { inputs, context } = state;
  return {
    serverUrl: serverUrlOf(state.env),
    fullReportHint: inputs.reportFile
      ? `${inputs.reportFile} (the report-file; upload it with actions/upload-artifact to keep it)`
      : 'the JSON report: set the report-file input and upload the file with actions/upload-artifact',
    ...(context.pullNumber !== undefined ? { pullRequest: { fromFork: context.fromFork } } : {}),
  };
}

/**
 * One line for the log: the verdict first, then the numbers that apply (no threshold when the
 * pull request is judged on what it adds) and the check run's page.
 */
function verdictLine(state: Run, report: Report): string {
  const verdict = report.passed ? 'passed' : `failed: ${report.gate.reasons.join('; ')}`;
  const threshold = report.gate.basis === 'new-findings' ? '' : ` (threshold ${report.threshold})`;
  const numbers = `score ${report.score}/100${threshold}, coverage ${report.coverage.observed}/${report.coverage.total} claims`;
  return `sscop ${verdict} — ${numbers}${state.checkRunUrl ? ` — ${state.checkRunUrl}` : ''}`;
}

/** A rejected token fails the step; otherwise the gate decides, and report mode only warns. */
function applyGate(state: Run, report: Report): void {
  if (state.fatal) {
    failStep(state.fatal);
    return;
  }
  const line = verdictLine(state, report);
  if (report.passed) core.info(stripControl(line));
  else if (!failing(state, report))
    core.warning(stripControl(`${line} — gate not met; mode is report, so the step passes`));
  else failStep(line);
}

/**
 * Fails the step with a message that may quote the config, the repository or the API: control
 * characters are dropped (the log viewer acts on them); `@actions/core` escapes line breaks.
 */
function failStep(message: string): void {
  core.setFailed(stripControl(message));
}

/**
 * On a pull request or merge group, the base commit's config (unless the workflow opts into the
 * change's own); elsewhere none, and the checkout's config applies. A config file the workflow
 * names by absolute path is outside the change's reach and applies as it is.
 */
async function trustedConfig(
  inputs: ActionInputs,
  context: RunContext,
  root: string,
  client: GitHubClient | undefined,
): Promise<TrustedConfig | undefined> {
  if (!context.baseSha || inputs.pullRequestConfig === 'head') return undefined;
  if (inputs.config && path.isAbsolute(inputs.config)) return undefined;
  return readBaseConfig({
    scanRoot: root,
    scanPath: inputs.path,
    configPath: inputs.config,
    baseSha: context.baseSha,
    client,
    owner: context.owner,
    repo: context.repo,
  });
}

function checkRunName(inputs: ActionInputs): string {
  return inputs.path === '.' ? 'sscop: Code of Practice' : `sscop: Code of Practice (${inputs.path})`;
}

async function pullRequestChanges(
  client: GitHubClient,
  ctx: RunContext,
  notes: string[],
): Promise<ChangedLines | undefined> {
  try {
    const files = await client.octokit.paginate(
      client.octokit.rest.pulls.listFiles,
      { owner: ctx.owner!, repo: ctx.repo!, pull_number: ctx.pullNumber!, per_page: 100 },
      (response, done) => {
        if (response.data.length < 100) done();
        return response.data;
      },
    );
    const changed: ChangedLines = new Map();
    for (const f of files.slice(0, MAX_PR_FILES)) {
      if (typeof f.filename === 'string')
        changed.set(f.filename, typeof f.patch === 'string' ? addedLines(f.patch) : new Set());
    }
    return changed;
  } catch (error) {
    if (error instanceof UserError) throw error; // 401: the caller fails closed
    notes.push(`the pull request's changed lines could not be read (${errorFirstLine(error)})`);
    return undefined;
  }
}

/**
 * Prints the workflow-command annotations. @actions/core escapes %, CR and LF in messages (and ,
 * and : in properties), so repository text cannot start a workflow command of its own.
 */
function workflowAnnotations(report: Report): void {
  const print = { failure: core.error, warning: core.warning, notice: core.notice };
  for (const a of workflowCommandAnnotations(report)) {
    print[a.level](a.message, { title: a.title, file: a.file, startLine: a.line, startColumn: a.column });
  }
}

/** Writes `content`, given whole or in pieces (a JSON report is written piece by piece). */
async function writeFile(file: string, content: string | Iterable<string>): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await writeOutputFile(file, content);
}
