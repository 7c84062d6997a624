import { describe, expect, it } from '@jest/globals';
import { findExpressions } from '../../src/evidence/expressions.js';
import { parseWorkflow, stepsOf } from '../../src/evidence/workflows.js';

const WORKFLOW = `name: CI
on:
  pull_request:
    branches: [main]
  push:
permissions:
  contents: read
jobs:
  test:
    runs-on: ubuntu-latest
    permissions: { contents: read, pull-requests: write }
    container: node:20
    services:
      db:
        image: postgres:16
    steps:
      - &checkout
        uses: actions/checkout@v4
      - name: Greet
        run: |
          echo "hello"
          echo "\${{ github.event.pull_request.title }}"
        env:
          TITLE: \${{ github.event.pull_request.title }}
  again:
    uses: ./.github/workflows/reusable.yml
    steps:
      - *checkout
`;

describe('parseWorkflow', () => {
  const wf = parseWorkflow('.github/workflows/ci.yml', WORKFLOW, 'workflow');

  it('reads triggers in map form with their positions', () => {
    expect([...wf.triggers.keys()]).toEqual(['pull_request', 'push']);
    expect(wf.triggers.get('push')?.line).toBe(5);
  });

  it('reads permissions at workflow and job level, including flow style', () => {
    expect(wf.permissions?.kind).toBe('map');
    const job = wf.jobs[0]!;
    expect(job.permissions?.kind === 'map' && job.permissions.scopes.get('pull-requests')?.value).toBe(
      'write',
    );
  });

  it('gives each uses: its exact line and column, and a use through an alias the alias’s own', () => {
    const uses = [...stepsOf(wf)].map(({ step }) => step.uses).filter(Boolean);
    expect(uses.map((u) => [u!.value, u!.pos.line, u!.pos.column, wf.positionAt(u!.range[0]).line])).toEqual([
      ['actions/checkout@v4', 18, 15, 18],
      ['actions/checkout@v4', 28, 9, 18],
    ]);
    expect(uses.map((u) => u!.alias !== undefined)).toEqual([false, true]);
    expect(wf.jobs[1]!.uses?.value).toBe('./.github/workflows/reusable.yml');
  });

  it('reads container and service images', () => {
    expect(wf.jobs[0]!.container?.value).toBe('node:20');
    expect(wf.jobs[0]!.services.get('db')?.value).toBe('postgres:16');
  });

  it('locates an expression inside a block scalar on its own line', () => {
    const run = wf.jobs[0]!.steps[1]!.run!;
    const [expr] = findExpressions(wf, run);
    expect(expr).toMatchObject({ expression: 'github.event.pull_request.title', line: 22, column: 17 });
  });

  it('reports a parse error with its position instead of throwing', () => {
    const bad = parseWorkflow('.github/workflows/bad.yml', 'on: push\njobs:\n  a: [\n', 'workflow');
    expect(bad.error?.line).toBeGreaterThan(1);
    expect(bad.jobs).toEqual([]);
  });

  it('treats binary content as a parse error', () => {
    expect(parseWorkflow('x.yml', 'a\u0000b', 'workflow').error?.message).toMatch(/binary/);
  });

  it('reads composite action steps as one job', () => {
    const action = parseWorkflow(
      'action.yml',
      'name: a\nruns:\n  using: composite\n  steps:\n    - uses: actions/setup-node@v4\n    - run: echo hi\n      shell: bash\n',
      'action',
    );
    expect(action.runsUsing).toBe('composite');
    expect(action.jobs[0]!.steps.map((s) => s.uses?.value ?? s.run?.value)).toEqual([
      'actions/setup-node@v4',
      'echo hi',
    ]);
  });

  it('does not expand an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]']
      .concat(
        Array.from(
          { length: 9 },
          (_, i) =>
            `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10)
              .fill(`*${String.fromCharCode(97 + i)}`)
              .join(',')}]`,
        ),
      )
      .concat(['on: push', 'jobs:', '  j:', '    steps: *j'])
      .join('\n');
    const parsed = parseWorkflow('.github/workflows/bomb.yml', bomb, 'workflow');
    expect(parsed.jobs[0]?.steps).toEqual([]);
  });
});

describe('parseWorkflow with YAML merge keys', () => {
  it('applies `<<: *anchor` to steps, env and with, own keys first', () => {
    const wf = parseWorkflow(
      '.github/workflows/merge.yml',
      [
        'on: push',
        'x-base: &base',
        '  uses: actions/setup-node@v4',
        '  with: { node-version: 20 }',
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - <<: *base',
        '        name: Setup',
        '      - <<: *base',
        '        uses: actions/setup-node@v5',
      ].join('\n'),
      'workflow',
    );
    const steps = wf.jobs[0]!.steps;
    expect(steps.map((s) => s.uses?.value)).toEqual(['actions/setup-node@v4', 'actions/setup-node@v5']);
    expect(steps[0]!.name).toBe('Setup');
    expect(steps[0]!.with.get('node-version')?.value).toBe('20');
    // The merged `uses:` is used at the merge key's alias; its text stays at the anchor.
    expect(steps[0]!.uses?.pos.line).toBe(9);
    expect(wf.positionAt(steps[0]!.uses!.range[0]).line).toBe(3);
  });
});

describe('parseWorkflow with YAML aliases', () => {
  const wf = parseWorkflow(
    '.github/workflows/alias.yml',
    [
      'on: push',
      'jobs:',
      '  a:',
      '    runs-on: ubuntu-latest',
      '    steps:',
      '      - uses: &co actions/checkout@v4',
      '      - uses: *co',
      '        with: &w { fetch-depth: 0 }',
      '      - uses: actions/cache@v4',
      '        with: *w',
      '  b: &job',
      '    runs-on: ubuntu-latest',
      '    steps: &steps',
      '      - uses: actions/setup-node@v4',
      '      - run: npm test',
      '  c: *job',
      '  d:',
      '    runs-on: ubuntu-latest',
      '    steps: *steps',
    ].join('\n'),
    'workflow',
  );
  const at = (v: { pos: { line: number; column: number } } | undefined) => v && [v.pos.line, v.pos.column];

  it('places a scalar alias and a map alias where the alias stands', () => {
    const [first, second, third] = wf.jobs[0]!.steps;
    expect([at(first!.uses), at(second!.uses)]).toEqual([
      [6, 19],
      [7, 15],
    ]);
    expect(at(third!.with.get('fetch-depth'))).toEqual([10, 15]);
    expect(third!.with.get('fetch-depth')?.value).toBe('0');
  });

  it('places the steps of an aliased job or step list at the alias, each step keeping its own text', () => {
    const [, b, c, d] = wf.jobs;
    expect(b!.steps.map((s) => at(s.uses ?? s.run))).toEqual([
      [14, 15],
      [15, 14],
    ]);
    expect(c!.steps.map((s) => at(s.uses ?? s.run))).toEqual([
      [16, 6],
      [16, 6],
    ]);
    expect(d!.steps.map((s) => at(s.uses ?? s.run))).toEqual([
      [19, 12],
      [19, 12],
    ]);
    expect(d!.steps.map((s) => s.run?.value ?? s.uses?.value)).toEqual(['actions/setup-node@v4', 'npm test']);
  });
});
