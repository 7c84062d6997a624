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
import type { BaselineReport } from '../report/baseline.js';
import { readBaselineFile } from '../baseline-file.js';
import { writeOutputFile } from '../output-file.js';
import { escapeMarkdown, stripControl } from '../report/escape.js';
import { buildEvidencePack } from '../report/evidence-pack.js';
import { renderEvidencePackHtml } from '../report/evidence-pack-html.js';
import { renderEvidencePackMarkdown } from '../report/evidence-pack-markdown.js';
import { jsonDocument } from '../report/json-chunks.js';
import { renderMarkdown } from '../report/markdown.js';
import type { Report } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';
import { scan } from '../scan.js';
import type { TrustedConfig } from '../config/choice.js';
import { readBaseConfig } from './base-config.js';
import { publishCheckRun } from './check-run.js';
import { readRunContext, type RunContext } from './event.js';
import { gateOnNewFindings, markNewFindings } from './focus.js';
import type { ActionInputs } from './inputs.js';

/** The pull-request files API lists at most 3,000 files. */
const MAX_PR_FILES = 3000;

/** Runs the action with inputs already read and validated (src/index.ts does that first). */
export async function run(inputs: ActionInputs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const context = readRunContext(env);
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const notes: string[] = [];

  // One time budget for every API request of the run: the scan's and the action's own.
  const timeBudget = new ApiTimeBudget(
    inputs.apiTimeoutSeconds === undefined ? undefined : inputs.apiTimeoutSeconds * 1000,
  );
  let client: GitHubClient | undefined;
  try {
    if (inputs.token && context.owner && context.repo)
      client = createGitHubClient({ token: inputs.token, env, timeBudget });
  } catch (error) {
    notes.push(`GitHub API not used: ${errorMessage(error)}`);
  }

  let baseline: BaselineReport | undefined;
  if (inputs.baseline) {
    try {
      baseline = await readBaselineFile(path.resolve(workspace, inputs.baseline), inputs.baseline);
    } catch (error) {
      failStep(errorFirstLine(error));
      return;
    }
  }

  const root = path.resolve(workspace, inputs.path);
  let report: Report;
  let scanFatal: UserError | undefined;
  try {
    ({ report, fatal: scanFatal } = await scan({
      root,
      configPath: inputs.config,
      trustedConfig: await trustedConfig(inputs, context, root, client),
      threshold: inputs.threshold,
      failOn: inputs.failOn,
      repository: env.GITHUB_REPOSITORY,
      commit: context.headSha,
      // Online when there is a token and a repository: API evidence (protection, alerts, settings).
      github:
        inputs.token && env.GITHUB_REPOSITORY
          ? {
              repository: env.GITHUB_REPOSITORY,
              token: inputs.token,
              apiUrl: env.GITHUB_API_URL,
              pullNumber: context.pullNumber,
              client: { timeBudget },
            }
          : undefined,
    }));
  } catch (error) {
    const message = errorFirstLine(error);
    await core.summary
      .addRaw(`## ❌ sscop could not complete the scan\n\n${escapeMarkdown(message)}\n`)
      .write()
      .catch(() => undefined);
    failStep(error instanceof UserError ? message : `sscop internal error: ${message}`);
    return;
  }

  // A token GitHub rejects (401) fails the step, but only after every output is written.
  let fatal: string | undefined = scanFatal && errorFirstLine(scanFatal);
  const rejected = (error: unknown): undefined => {
    if (!(error instanceof UserError)) throw error;
    fatal ??= errorMessage(error);
    return undefined;
  };
  if (context.pullNumber !== undefined && client) {
    const changed = await pullRequestChanges(client, context, notes).catch(rejected);
    if (changed) {
      report = markNewFindings(report, changed);
      if (inputs.newFindingsOnly) report = gateOnNewFindings(report);
    } else if (inputs.newFindingsOnly) {
      notes.push(
        'new-findings-only was ignored: the changed lines could not be read, so the whole repository was judged',
      );
    }
  }
  report = { ...report, notes: [...report.notes, ...notes] };

  const serverUrl = env.GITHUB_SERVER_URL ?? 'https://github.com';
  const docsBaseUrl =
    env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF
      ? `${serverUrl}/${env.GITHUB_ACTION_REPOSITORY}/blob/${env.GITHUB_ACTION_REF}`
      : undefined;
  const failing = !report.passed && inputs.mode === 'enforce';
  let annotationsShown = false;
  if (inputs.annotations && inputs.checkRun && client && context.owner && context.repo && context.headSha) {
    const { annotations, omitted } = checkRunAnnotations(report);
    const outcome = await publishCheckRun(client.octokit, {
      owner: context.owner,
      repo: context.repo,
      headSha: context.headSha,
      name: checkRunName(inputs),
      conclusion: report.passed ? 'success' : failing ? 'failure' : 'neutral',
      title: `Score ${report.score}/100 — ${report.passed ? 'passed' : 'failed'}`,
      summary: renderMarkdown(report, { serverUrl, maxBytes: 60_000, fullReportHint: inputs.reportFile }),
      annotations,
    }).catch(
      (error: unknown) =>
        rejected(error) ?? { published: false as const, reason: 'GitHub rejected the token', requests: 1 },
    );
    if (outcome.published) {
      annotationsShown = true;
      report.notes.push(
        `check run published with ${outcome.annotationsSent} annotation(s)${omitted ? `; ${omitted} more are in the JSON report` : ''}`,
      );
      if (outcome.warning) report.notes.push(outcome.warning);
    } else {
      report.notes.push(
        `no check run: ${outcome.reason}; findings are shown as workflow annotations instead`,
      );
    }
  }
  if (inputs.annotations && !annotationsShown) workflowAnnotations(report);

  // Written after the check run, so the report says how findings were published.
  if (inputs.reportFile) {
    await writeFile(path.resolve(workspace, inputs.reportFile), jsonDocument(report));
    core.setOutput('report-file', inputs.reportFile);
  }
  if (inputs.sarifFile) {
    await writeFile(
      path.resolve(workspace, inputs.sarifFile),
      JSON.stringify(renderSarif(report, { docsBaseUrl })),
    );
    core.setOutput('sarif-file', inputs.sarifFile);
  }

  await core.summary
    .addRaw(
      renderMarkdown(report, {
        serverUrl,
        fullReportHint: inputs.reportFile ?? 'the report-file output (set the report-file input)',
      }),
    )
    .write();

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

  if (fatal) {
    failStep(fatal);
    return;
  }

  const line = `sscop: score ${report.score}/100 (threshold ${report.threshold}), coverage ${report.coverage.observed}/${report.coverage.total} claims`;
  if (report.passed) core.info(`${line} — passed`);
  else if (!failing)
    core.warning(
      stripControl(
        `${line} — gate not met (${report.gate.reasons.join('; ')}); mode is report, so the step passes`,
      ),
    );
  else failStep(`${line} — ${report.gate.reasons.join('; ')}`);
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
