/**
 * The GitHub Action shell: reads inputs, runs the scan on the workspace, writes the job summary,
 * the report and SARIF files, annotations and outputs, then applies the gate. Only this module
 * (with src/index.ts) touches `@actions/core`.
 */
import * as core from '@actions/core';
import { promises as fs, readFileSync } from 'node:fs';
import path from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { severityRank, type Finding } from '../model/types.js';
import { renderMarkdown } from '../report/markdown.js';
import { rankedFindings, type Report } from '../report/report.js';
import { renderSarif } from '../report/sarif.js';
import { scan } from '../scan.js';
import { readInputs, type ActionInputs } from './inputs.js';

/** GitHub shows at most 10 warning and 10 error annotations per step (and 10 notices). */
const ANNOTATIONS_PER_LEVEL = 10;

export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  let inputs: ActionInputs;
  try {
    inputs = readInputs((name) => core.getInput(name));
  } catch (error) {
    core.setFailed(errorMessage(error));
    return;
  }
  if (inputs.token) core.setSecret(inputs.token);
  const workspace = env.GITHUB_WORKSPACE ?? process.cwd();
  const root = path.resolve(workspace, inputs.path);

  let report: Report;
  try {
    ({ report } = await scan({
      root,
      configPath: inputs.config,
      threshold: inputs.threshold,
      failOn: inputs.failOn,
      repository: env.GITHUB_REPOSITORY,
      commit: headSha(env),
    }));
  } catch (error) {
    const message = errorMessage(error).split('\n')[0] ?? 'unknown error';
    await core.summary
      .addHeading('❌ sscop could not complete the scan', 2)
      .addRaw(`<p>${escapeHtmlText(message)}</p>`, true)
      .write()
      .catch(() => undefined);
    core.setFailed(error instanceof UserError ? message : `sscop internal error: ${message}`);
    return;
  }

  const docsBaseUrl =
    env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF
      ? `${env.GITHUB_SERVER_URL ?? 'https://github.com'}/${env.GITHUB_ACTION_REPOSITORY}/blob/${env.GITHUB_ACTION_REF}`
      : undefined;
  if (inputs.reportFile) {
    await writeFileSafely(path.resolve(workspace, inputs.reportFile), `${JSON.stringify(report, null, 2)}\n`);
    core.setOutput('report-file', inputs.reportFile);
  }
  if (inputs.sarifFile) {
    await writeFileSafely(
      path.resolve(workspace, inputs.sarifFile),
      JSON.stringify(renderSarif(report, { docsBaseUrl })),
    );
    core.setOutput('sarif-file', inputs.sarifFile);
  }
  if (inputs.annotations) annotate(rankedFindings(report));

  await core.summary
    .addRaw(
      renderMarkdown(report, {
        serverUrl: env.GITHUB_SERVER_URL ?? 'https://github.com',
        fullReportHint: inputs.reportFile ?? 'the report-file output (set the report-file input)',
      }),
    )
    .write();

  core.setOutput('score', String(report.score));
  core.setOutput('passed', String(report.passed));
  core.setOutput(
    'coverage',
    String(report.coverage.total ? Math.round((100 * report.coverage.observed) / report.coverage.total) : 0),
  );

  const line = `sscop: score ${report.score}/100 (threshold ${report.threshold}), coverage ${report.coverage.observed}/${report.coverage.total} claims`;
  if (report.passed) core.info(`${line} — passed`);
  else if (inputs.mode === 'report')
    core.warning(
      `${line} — below the gate (${report.gate.reasons.join('; ')}); mode is report, so the step passes`,
    );
  else core.setFailed(`${line} — ${report.gate.reasons.join('; ')}`);
}

/** The commit to report on: the pull request's head, never the temporary merge commit. */
function headSha(env: NodeJS.ProcessEnv): string | undefined {
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath) {
    try {
      // Read synchronously once at start-up; the event file is small and written by the runner.
      const event = JSON.parse(readFileSync(eventPath, 'utf8')) as {
        pull_request?: { head?: { sha?: unknown } };
      };
      const sha = event.pull_request?.head?.sha;
      if (typeof sha === 'string' && /^[0-9a-f]{40}$/.test(sha)) return sha;
    } catch {
      // fall through to GITHUB_SHA
    }
  }
  return env.GITHUB_SHA && /^[0-9a-f]{40}$/.test(env.GITHUB_SHA) ? env.GITHUB_SHA : undefined;
}

/** Workflow-command annotations, the most severe first, within GitHub's per-level display limit. */
function annotate(findings: Finding[]): void {
  const counts = { error: 0, warning: 0, notice: 0 };
  for (const f of [...findings].sort((a, b) => severityRank(a.severity) - severityRank(b.severity))) {
    const level =
      f.severity === 'critical' || f.severity === 'high'
        ? 'error'
        : f.severity === 'medium'
          ? 'warning'
          : 'notice';
    if (counts[level] >= ANNOTATIONS_PER_LEVEL) continue;
    counts[level]++;
    // @actions/core escapes %, CR, LF (and , : in properties), so repository text cannot inject commands.
    const props: core.AnnotationProperties = {
      title: `sscop ${f.checkId}`.slice(0, 255),
      file: f.path,
      startLine: f.line,
      startColumn: f.column,
    };
    const message = f.remediation ? `${f.message} Fix: ${f.remediation}` : f.message;
    if (level === 'error') core.error(message, props);
    else if (level === 'warning') core.warning(message, props);
    else core.notice(message, props);
  }
}

async function writeFileSafely(file: string, content: string): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.writeFile(file, content);
}

function escapeHtmlText(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
