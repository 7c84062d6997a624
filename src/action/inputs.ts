/**
 * The action's inputs, read and validated in one place into one typed object. Nothing else reads
 * `core.getInput`. A bad input fails the step with a message naming the input and what was expected.
 */
import { DEFAULT_CONFIG_PATH } from '../config/defaults.js';
import { UserError } from '../errors.js';
import { confidenceOption } from '../config/config.js';
import type { Confidence } from '../model/types.js';
import { stripControl } from '../report/escape.js';

/** The `baseline` input's value that takes the baseline from the default branch's latest successful run. */
export const DEFAULT_BRANCH_BASELINE = 'default-branch';
/** The artifact holding that run's report-file, when the `baseline-artifact` input is not set. */
export const DEFAULT_BASELINE_ARTIFACT = 'sscop-report';

export interface ActionInputs {
  token: string;
  threshold?: number;
  failOn: string[];
  /** Findings below it do not count for the gate; unset: the config's, else every finding. */
  minConfidence?: Confidence;
  mode: 'enforce' | 'report';
  config?: string;
  sarifFile?: string;
  /** The code-scanning category of the SARIF; by default derived from `path`. */
  sarifCategory?: string;
  reportFile?: string;
  checkRun: boolean;
  annotations: boolean;
  newFindingsOnly: boolean;
  /**
   * On pull requests and merge groups, which config is applied: the base's (default), or the
   * change's own (only for repositories that trust every author of a pull request).
   */
  pullRequestConfig: 'base' | 'head';
  /**
   * Whether a suppression comment a pull request adds on its own lines applies to its gate (off:
   * a stranger's pull request must not silence its own finding).
   */
  allowPullRequestSuppressions: boolean;
  /** Seconds for all GitHub API work of the run, retries included (the client's default when unset). */
  apiTimeoutSeconds?: number;
  path: string;
  /** Where to write the evidence pack; the format follows the extension. */
  evidencePack?: { path: string; format: 'markdown' | 'html' };
  /**
   * An earlier JSON report: findings not in it are new (with new-findings-only, the gate judges
   * them), and the evidence pack compares with it. `default-branch`: the report-file artifact of the
   * default branch's latest successful run of this workflow (a file of that name is `./default-branch`).
   */
  baseline?: string;
  /**
   * With `baseline: default-branch`: the name of the artifact holding the report-file that the
   * default branch's runs upload.
   */
  baselineArtifact: string;
  /** Where to write the attestation predicate (the statement goes beside it). */
  attestationPredicate?: string;
}

/** Reads an input's raw value ('' when unset), as `core.getInput` does. */
export type InputReader = (name: string) => string;

/**
 * The runner passes input `name` as the variable `INPUT_<NAME>` (spaces as `_`, upper case) —
 * the same lookup `core.getInput` makes, without loading the toolkit, so a misconfigured step
 * fails in milliseconds.
 */
export function inputFromEnv(env: Readonly<Record<string, string | undefined>>): InputReader {
  return (name) => (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

/**
 * A workflow `error` command for a message that may quote an input or the repository: `%`, CR and
 * LF are escaped as the runner expects, so the message stays one command, and control characters
 * (ANSI sequences, bidi overrides) are dropped, as the log viewer would act on them.
 */
export function errorCommand(message: string): string {
  const text = stripControl(message);
  return `::error::${text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`;
}

export function readInputs(get: InputReader): ActionInputs {
  const threshold = optionalNumber(get, 'threshold', 0, 100);
  const mode = get('mode').trim() || 'enforce';
  if (mode !== 'enforce' && mode !== 'report') {
    throw new UserError(`Invalid input 'mode': "${mode}". Expected enforce or report.`);
  }
  const pullRequestConfig = get('pull-request-config').trim() || 'base';
  if (pullRequestConfig !== 'base' && pullRequestConfig !== 'head') {
    throw new UserError(
      `Invalid input 'pull-request-config': "${pullRequestConfig}". Expected base or head.`,
    );
  }
  const evidencePack = evidencePackInput(get('evidence-pack'));
  const baseline = get('baseline').trim() || undefined;
  const attestationPredicate = get('attestation-predicate').trim() || undefined;
  return {
    token: get('token'),
    threshold,
    failOn: get('fail-on')
      .split(/[\s,]+/)
      .map((s) => s.trim())
      .filter(Boolean),
    minConfidence: confidenceOption("input 'min-confidence'", get('min-confidence')),
    mode,
    // The default path may be absent (no config); a path the user chose must exist.
    config: configPath(get('config')),
    sarifFile: get('sarif-file').trim() || undefined,
    sarifCategory: get('sarif-category').trim() || undefined,
    reportFile: get('report-file').trim() || undefined,
    checkRun: bool(get, 'check-run', true),
    annotations: bool(get, 'annotations', true),
    newFindingsOnly: bool(get, 'new-findings-only', false),
    pullRequestConfig,
    allowPullRequestSuppressions: bool(get, 'allow-pull-request-suppressions', false),
    apiTimeoutSeconds: optionalNumber(get, 'api-timeout', 1, 3600),
    path: get('path').trim() || '.',
    ...(evidencePack ? { evidencePack } : {}),
    ...(baseline ? { baseline } : {}),
    baselineArtifact: get('baseline-artifact').trim() || DEFAULT_BASELINE_ARTIFACT,
    ...(attestationPredicate ? { attestationPredicate } : {}),
  };
}

function evidencePackInput(raw: string): ActionInputs['evidencePack'] {
  const value = raw.trim();
  if (value === '') return undefined;
  if (/\.html?$/i.test(value)) return { path: value, format: 'html' };
  if (/\.(md|markdown)$/i.test(value)) return { path: value, format: 'markdown' };
  throw new UserError(`Invalid input 'evidence-pack': "${value}". Expected a path ending in .md or .html.`);
}

function optionalNumber(get: InputReader, name: string, min: number, max: number): number | undefined {
  const raw = get(name).trim();
  if (raw === '') return undefined;
  const n = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || n < min || n > max) {
    throw new UserError(`Invalid input '${name}': "${raw}". Expected a number from ${min} to ${max}.`);
  }
  return n;
}

function bool(get: InputReader, name: string, fallback: boolean): boolean {
  const raw = get(name).trim().toLowerCase();
  if (raw === '') return fallback;
  if (['true', 'yes', 'on', '1'].includes(raw)) return true;
  if (['false', 'no', 'off', '0'].includes(raw)) return false;
  throw new UserError(`Invalid input '${name}': "${raw}". Expected true or false.`);
}

function configPath(raw: string): string | undefined {
  const value = raw.trim();
  return value === '' || value === DEFAULT_CONFIG_PATH ? undefined : value;
}
