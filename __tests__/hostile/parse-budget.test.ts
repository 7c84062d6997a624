/**
 * Parse budgets: every structured file of the checkout (YAML and JSON) is pre-scanned against a
 * budget for its kind before a parser sees it. A file over budget is a finding naming the budget,
 * refused in linear time, and no check that needed it passes. The bombs here are the reported ones
 * at a smaller scale (the same shape, the same per-node cost).
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkContext } from '../../src/checks/check.js';
import { dependencyUpdateTool } from '../../src/checks/dependency-update-tool.js';
import { pinnedImages } from '../../src/checks/pinned-images.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { BUDGETS, jsonOverBudget, yamlOverBudget } from '../../src/evidence/parse-budget.js';
import { parseWorkflow } from '../../src/evidence/workflows.js';
import { filesFromRecord } from '../../src/repo/files.js';
import { scan } from '../../src/scan.js';
import { check, makeTree, type TreeFiles } from './support/trees.js';

const TODAY = new Date('2026-11-22T00:00:00Z');
const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

async function scanTree(files: TreeFiles) {
  const root = await makeTree(files, 'sscop-budget-');
  roots.push(root);
  return (await scan({ root, today: TODAY })).report;
}

/** CPU milliseconds of this process spent in `f` (other test workers do not inflate it). */
function cpuMs(f: () => void): number {
  const t0 = process.cpuUsage();
  f();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

const dependabot = (text: string) =>
  dependencyUpdateTool.run(
    checkContext(filesFromRecord({ '.github/dependabot.yml': text, 'package.json': '{}' }), TODAY),
  );

const WORKFLOW =
  'on: push\njobs:\n  b:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n';

describe('a Dependabot file built to exhaust the parser', () => {
  it('"\\t:" lines (the out-of-memory bomb, at 1/20 scale): unknown, over the nodes budget, refused at once', () => {
    let outcome!: ReturnType<typeof dependabot>;
    const ms = cpuMs(() => (outcome = dependabot('\t:\n'.repeat(170_000))));
    expect(outcome.status).toBe('unknown');
    expect(outcome.findings).toEqual([
      expect.objectContaining({
        path: '.github/dependabot.yml',
        message: expect.stringContaining('over the nodes budget for a Dependabot configuration'),
      }),
    ]);
    // `yaml` spent seconds and hundreds of MB on this; the pre-scan is one pass over 510 KB.
    expect(ms).toBeLessThan(500);
  });

  it('5,000 anchors and aliases: over the anchors-and-aliases budget', () => {
    const text = `version: 2\nupdates:\n${Array.from({ length: 2500 }, (_, i) => `  - a${i}: &a${i} x\n    b: *a${i}\n`).join('')}`;
    let outcome!: ReturnType<typeof dependabot>;
    const ms = cpuMs(() => (outcome = dependabot(text)));
    expect(outcome.status).toBe('unknown');
    expect(outcome.findings[0]?.message).toContain('over the anchors and aliases budget');
    expect(ms).toBeLessThan(500);
  });

  it('deep [ nesting: over the nesting-depth budget, with the line where it was passed', () => {
    const outcome = dependabot(`version: 2\nupdates:\n  - x: ${'['.repeat(1000)}\n`);
    expect(outcome.status).toBe('unknown');
    expect(outcome.findings[0]).toMatchObject({ line: 3, message: expect.stringContaining('nesting depth') });
  });

  it('within budget, the file is judged as before', () => {
    const outcome = dependabot('version: 2\nupdates:\n  - package-ecosystem: npm\n    directory: /\n');
    expect(outcome.status).toBe('pass');
  });
});

describe('the workflow parser on one long hostile line', () => {
  // `yaml` spends ~2 ms per KB of `arun: G%'` (an error node every 9 characters); a line over the
  // line-length budget is refused before it is parsed, so the work no longer grows with the line.
  it('a line over the line-length budget makes the workflow over budget; refusing 8× the input costs about 8× as much', () => {
    const text = (n: number) => `${WORKFLOW}      - run: ${"arun: G%'".repeat(Math.ceil(n / 9))}\n`;
    const wf = parseWorkflow('.github/workflows/x.yml', text(80_000), 'workflow');
    expect(wf.error?.overBudget?.budget).toBe('line length');
    expect(wf.error?.line).toBe(7);
    const best = (t: string) =>
      Math.min(...[0, 1, 2].map(() => cpuMs(() => parseWorkflow('.github/workflows/x.yml', t, 'workflow'))));
    const small = best(text(80_000));
    const large = best(text(640_000));
    expect(large).toBeLessThan(28 * small + 50);
  });

  it('a long comment line is no content: the workflow is still parsed', () => {
    const wf = parseWorkflow(
      '.github/workflows/x.yml',
      `${WORKFLOW}# ${'x'.repeat(1024 * 1024)}\n`,
      'workflow',
    );
    expect(wf.error).toBeUndefined();
    expect(wf.jobs[0]?.steps).toHaveLength(1);
  });
});

describe('the engine: no check passes on a file it could not parse', () => {
  it('a package.json nested past its depth budget: every check that reads it is not pass, with a finding on it', async () => {
    const report = await scanTree({
      'package.json': `{"dependencies": ${'['.repeat(100)}${']'.repeat(100)}}`,
      'package-lock.json': '{"lockfileVersion": 3, "packages": {}}\n',
    });
    const readers = ALL_CHECKS.filter((c) => c.source === 'files' && c.needs('package.json') === 'text');
    expect(readers.map((c) => c.id)).toEqual(expect.arrayContaining(['lockfiles', 'sast']));
    for (const { id } of readers) {
      const result = check(report, id);
      expect({ id, status: result.status }).not.toEqual({ id, status: 'pass' });
      expect(result.findings).toContainEqual(
        expect.objectContaining({
          path: 'package.json',
          message: expect.stringContaining('nesting depth budget'),
        }),
      );
    }
  });

  it('a workflow over budget beside a good one: pinned-actions names the budget, and checks that read workflows do not pass', async () => {
    const report = await scanTree({
      '.github/workflows/good.yml': WORKFLOW.replace('@v4', '@11bd71901bbe5b1630ceea73d27597364c9af683'),
      '.github/workflows/bomb.yml': `${WORKFLOW}      - run: ${'['.repeat(10_000)}\n`,
    });
    expect(check(report, 'pinned-actions').findings).toContainEqual(
      expect.objectContaining({
        path: '.github/workflows/bomb.yml',
        message: expect.stringContaining('over the nesting depth budget for a workflow or action file'),
      }),
    );
    for (const id of [
      'workflow-permissions',
      'dangerous-workflow',
      'script-injection',
      'unverified-downloads',
    ]) {
      expect({ id, status: check(report, id).status }).not.toEqual({ id, status: 'pass' });
    }
  });

  it('an SBOM over its budget is present but not validated, and sbom does not pass', async () => {
    const report = await scanTree({ 'sbom.spdx.yaml': `packages: ${'['.repeat(1000)}\n` });
    const sbom = check(report, 'sbom');
    expect(sbom.status).not.toBe('pass');
    expect(sbom.evidence).toContainEqual(
      expect.objectContaining({
        summary: expect.stringContaining('over the nesting depth budget for an SBOM'),
      }),
    );
  });
});

describe('a Compose file built to exhaust the parser', () => {
  it('5,000 aliases: refused over its budget, a finding on the file, and the check does not pass', () => {
    const bomb = `x: &a [1]\nservices:\n  s:\n    image: redis@sha256:${'a'.repeat(64)}\ny:\n${'  - *a\n'.repeat(5000)}`;
    const out = pinnedImages.run(checkContext(filesFromRecord({ 'compose.yaml': bomb }), TODAY));
    expect(out.findings.map((f) => [f.path, f.severity])).toEqual([['compose.yaml', 'low']]);
    expect(out.findings[0]!.message).toMatch(/anchors and aliases budget for a Docker Compose file/);
    expect(out.status).not.toBe('pass');
  });
});

describe('the pre-scan', () => {
  it('accepts every YAML and JSON fixture of the test suite (real files are far inside the budgets)', async () => {
    const over: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      for (const e of await fs.readdir(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) await walk(p);
        else if (/\.ya?ml$/.test(e.name)) {
          const o = yamlOverBudget(await fs.readFile(p, 'utf8'), BUDGETS.workflow);
          if (o) over.push(`${p}: ${o.message}`);
        } else if (e.name.endsWith('.json') && !e.name.includes('deep')) {
          const o = jsonOverBudget(await fs.readFile(p, 'utf8'), BUDGETS.manifestJson);
          if (o) over.push(`${p}: ${o.message}`);
        }
      }
    };
    await walk(fixtures);
    expect(over).toEqual([]);
  });

  it('does not count brackets, colons or ampersands in comments, quoted scalars and block scripts', () => {
    const script = '[[ -f x ]] && echo "[" && echo {{ a: b\n'.repeat(200);
    const text = [
      'on: push',
      '# [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[',
      `env: { A: "${'['.repeat(100)}", B: '${'{'.repeat(100)}' }`,
      'jobs:',
      '  b:',
      '    steps:',
      '      - run: |',
      ...script.split('\n').map((l) => `          ${l}`),
      `      - run: echo ${'a && b '.repeat(500)}`,
      '',
    ].join('\n');
    expect(yamlOverBudget(text, BUDGETS.workflow)).toBeUndefined();
  });

  it('a quote that is not one (inside a plain scalar, or a plain continuation) does not hide what follows', () => {
    const bomb = '['.repeat(1000);
    expect(yamlOverBudget(`a: b 'c\nx: ${bomb}'\n`, BUDGETS.workflow)?.budget).toBe('nesting depth');
    expect(yamlOverBudget(`a: b\n  'c\nx: ${bomb}'\n`, BUDGETS.workflow)?.budget).toBe('nesting depth');
    expect(yamlOverBudget(`a: |\n  text\nb: ${bomb}\n`, BUDGETS.workflow)?.budget).toBe('nesting depth');
  });

  it('counts compact nesting (`- - - x`) and deep indentation as depth', () => {
    expect(yamlOverBudget(`${'- '.repeat(1000)}x\n`, BUDGETS.workflow)?.budget).toBe('nesting depth');
    const stairs = Array.from({ length: 100 }, (_, i) => `${' '.repeat(i)}a:\n`).join('');
    expect(yamlOverBudget(stairs, BUDGETS.workflow)?.budget).toBe('nesting depth');
  });

  it('JSON: strings are skipped, depth and nodes counted', () => {
    expect(jsonOverBudget(`{"a": "${'['.repeat(1000)}"}`, BUDGETS.manifestJson)).toBeUndefined();
    expect(jsonOverBudget(`${'['.repeat(65)}${']'.repeat(65)}`, BUDGETS.manifestJson)?.budget).toBe(
      'nesting depth',
    );
    expect(jsonOverBudget(`[${'0,'.repeat(200_001)}0]`, BUDGETS.manifestJson)?.budget).toBe('nodes');
  });
});
