/**
 * Runs the bundled action (`dist/index.js`) exactly as the runner does: Node 24, INPUT_* variables,
 * GITHUB_EVENT_PATH with a real payload, GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files, and
 * GITHUB_API_URL pointing at the fake GitHub API. Returns everything it wrote.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DIST, node24 } from './node24.js';

export interface ActionRun {
  status: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** The directory holding the event, output and summary files. */
  runnerTemp: string;
}

export interface ActionRunOptions {
  workspace: string;
  inputs?: Record<string, string>;
  eventName: string;
  payload: unknown;
  repository: string;
  sha: string;
  apiUrl?: string;
  env?: Record<string, string>;
}

export async function runAction(options: ActionRunOptions): Promise<ActionRun> {
  const runnerTemp = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-runner-'));
  const eventPath = path.join(runnerTemp, 'event.json');
  const outputPath = path.join(runnerTemp, 'output.txt');
  const summaryPath = path.join(runnerTemp, 'summary.md');
  await fs.writeFile(eventPath, JSON.stringify(options.payload));
  await fs.writeFile(outputPath, '');
  await fs.writeFile(summaryPath, '');
  const defaults: Record<string, string> = {
    token: 'test-token-not-a-secret',
    threshold: '',
    'fail-on': '',
    mode: 'enforce',
    config: '.github/sscop.yml',
    'sarif-file': '',
    'report-file': '',
    'check-run': 'true',
    annotations: 'true',
    'new-findings-only': 'false',
    path: '.',
  };
  const inputs = { ...defaults, ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: runnerTemp,
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_OUTPUT: outputPath,
    GITHUB_STEP_SUMMARY: summaryPath,
    GITHUB_WORKSPACE: options.workspace,
    GITHUB_REPOSITORY: options.repository,
    GITHUB_SHA: options.sha,
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_API_URL: options.apiUrl ?? 'http://127.0.0.1:9',
    RUNNER_TEMP: runnerTemp,
    ...options.env,
  };
  for (const [name, value] of Object.entries(inputs))
    env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const child = spawn(node24(), [path.join(DIST, 'index.js')], {
    cwd: options.workspace,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    status,
    stdout,
    stderr,
    outputs: parseOutputs(await fs.readFile(outputPath, 'utf8')),
    summary: await fs.readFile(summaryPath, 'utf8'),
    runnerTemp,
  };
}

/** Parses the runner's `name<<DELIMITER … DELIMITER` output file format. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join('\n');
  }
  return out;
}

/** A real webhook payload from @octokit/webhooks-examples. */
export async function webhookExample(
  event: string,
  pick: (example: Record<string, unknown>) => boolean,
): Promise<Record<string, unknown>> {
  const { createRequire } = await import('node:module');
  const require = createRequire(import.meta.url);
  const all = JSON.parse(await fs.readFile(require.resolve('@octokit/webhooks-examples'), 'utf8')) as Array<{
    name: string;
    examples: Array<Record<string, unknown>>;
  }>;
  const found = all.find((e) => e.name === event)?.examples.find(pick);
  if (!found) throw new Error(`no ${event} example matches`);
  return structuredClone(found);
}
