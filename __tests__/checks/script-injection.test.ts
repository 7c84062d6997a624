import { describe, expect, it } from '@jest/globals';
import { scriptInjection } from '../../src/checks/script-injection.js';
import { contextRefs } from '../../src/evidence/ci-steps.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (name: string) => runCheckOnDir(scriptInjection, fixture('script-injection', name));

describe('script-injection', () => {
  it('reports an issue title expanded into run: on an issues trigger as high, at the expression', async () => {
    const out = await run('issue-title-run');
    expect(out.status).toBe('fail');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      severity: 'high',
      path: '.github/workflows/triage.yml',
      line: 11,
      column: 30,
    });
    expect(out.findings[0]!.message).toContain('github.event.issue.title');
  });

  it('does not report values passed through env:, expressions in if:, or safe contexts in comments', async () => {
    const out = await run('env-safe');
    expect(out.status).toBe('pass');
    expect(out.findings).toEqual([]);
  });

  it('points at each expression inside a block scalar, without spaces inside the braces too', async () => {
    const out = await run('block-scalar');
    expect(out.findings.map((f) => [f.line, f.column, f.severity])).toEqual([
      [12, 18, 'high'],
      [13, 19, 'high'],
    ]);
  });

  it('reports a comment body expanded into github-script code but not one read from process.env', async () => {
    const out = await run('github-script');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ line: 13, severity: 'medium' });
    expect(out.findings[0]!.remediation).toMatch(/process\.env/);
  });

  it('understands index syntax, toJSON of an event object and array indices, and ignores SHAs and ids', async () => {
    const out = await run('bracket-index');
    expect(out.findings.map((f) => f.message.match(/\(([^)]+)\)/)?.[1])).toEqual([
      'github.event.workflow_run.head_branch',
      'github.event.workflow_run',
      'github.event.commits.*.message',
    ]);
    expect(out.findings.map((f) => f.line)).toEqual([7, 7, 9]);
    // workflow_run is privileged; commits are not in a workflow_run payload, so that one is low.
    expect(out.findings.map((f) => f.severity)).toEqual(['high', 'high', 'low']);
  });

  it('rates a commit message on push as medium and a context the triggers never fill as low', async () => {
    const out = await run('push-only');
    expect(out.findings.map((f) => f.severity)).toEqual(['medium', 'low']);
    expect(out.status).toBe('fail');
  });

  it('reports a step reused through a YAML alias once, at the anchored text', async () => {
    const out = await run('anchors');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ line: 11, column: 16, severity: 'high' });
  });

  it('checks composite actions, where callers decide the event', () => {
    const out = runCheckOnFiles(scriptInjection, {
      'action.yml': [
        'name: greet',
        'runs:',
        '  using: composite',
        '  steps:',
        '    - run: echo "${{ github.event.pull_request.body }}"',
        '      shell: bash',
        '    - run: echo "$TITLE"',
        '      shell: bash',
        '      env:',
        '        TITLE: ${{ github.event.pull_request.title }}',
      ].join('\n'),
    });
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({ path: 'action.yml', line: 5, column: 18, severity: 'medium' });
  });

  it('does not throw on malformed YAML or binary garbage, and says what it could not read', () => {
    const out = runCheckOnFiles(scriptInjection, {
      '.github/workflows/bad.yml': 'on: [push\njobs: {',
      '.github/workflows/bin.yml': 'PK\u0003\u0004\u0000\u0000',
    });
    expect(out.status).toBe('pass');
    expect(out.evidence.map((e) => e.summary).join('\n')).toMatch(/could not be parsed/);
  });

  it('is not applicable without workflows', () => {
    expect(runCheckOnFiles(scriptInjection, { 'README.md': '# hi' }).status).toBe('not-applicable');
  });

  it('stays linear on a huge expression', () => {
    const huge = `on: issues\njobs:\n  a:\n    steps:\n      - run: echo "\${{ ${'github.event.'.repeat(20000)}issue.title }}"\n`;
    const started = Date.now();
    runCheckOnFiles(scriptInjection, { '.github/workflows/huge.yml': huge });
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('script-injection: injection reach', () => {
  const inject = (files: Record<string, string>) => runCheckOnFiles(scriptInjection, files);
  const rows = (out: ReturnType<typeof inject>) =>
    out.findings.map((f) => [f.rule, f.severity, f.path, f.line, f.related?.[0]?.line]);

  it('follows a matrix filled from the event into run:, by axis, whole or through include', () => {
    const wf = `on: issue_comment
jobs:
  a:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        target: \${{ fromJSON(github.event.comment.body) }}
        os: [ubuntu-latest]
    steps:
      - run: make \${{ matrix.target }} on \${{ matrix.os }}
  b:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        include: \${{ fromJSON(github.event.comment.body).targets }}
    steps:
      - run: echo \${{ matrix.name }}
`;
    const out = inject({ '.github/workflows/w.yml': wf });
    expect(rows(out)).toEqual([
      ['matrix-injection', 'high', '.github/workflows/w.yml', 10, 7],
      ['matrix-injection', 'high', '.github/workflows/w.yml', 17, 15],
    ]);
    expect(out.findings[0]!.message).toContain('through `matrix.target`');
    expect(out.findings[0]!.confidence).toBe('high');
  });

  it('does not report a literal matrix, or an axis the event does not fill', () => {
    const wf = `on: issue_comment
jobs:
  a:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        target: [lint, test]
        tag: ['\${{ github.event.comment.body }}']
        extra: \${{ fromJSON(vars.TARGETS) }}
    steps:
      - run: make \${{ matrix.target }} \${{ matrix.extra }}
`;
    expect(inject({ '.github/workflows/w.yml': wf }).findings).toEqual([]);
  });

  it('follows attacker text a caller passes as an input into a local reusable workflow’s run:', () => {
    const caller = `on: pull_request_target
jobs:
  call:
    uses: ./.github/workflows/greet.yml
    with:
      title: \${{ github.event.pull_request.title }}
      safe: \${{ github.event.pull_request.number }}
`;
    const callee = `on:
  workflow_call:
    inputs:
      title: { type: string }
      safe: { type: string }
jobs:
  greet:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "\${{ inputs.safe }}"
          echo "\${{ inputs.TITLE }}"
`;
    const out = inject({ '.github/workflows/caller.yml': caller, '.github/workflows/greet.yml': callee });
    expect(rows(out)).toEqual([['input-injection', 'high', '.github/workflows/greet.yml', 12, 6]]);
    expect(out.findings[0]!.related?.[0]?.path).toBe('.github/workflows/caller.yml');
    expect(out.findings[0]!.message).toContain('called by `.github/workflows/caller.yml` › job `call`');
    // Without a caller that passes attacker text, the reusable workflow alone is clean.
    expect(inject({ '.github/workflows/greet.yml': callee }).findings).toEqual([]);
  });

  it('follows attacker text into a local composite action’s run:, once per caller even through an alias', () => {
    const caller = `on: issues
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - &label
        uses: ./.github/actions/label
        with: { text: '\${{ github.event.issue.title }}' }
      - *label
      - uses: ./.github/actions/label
        with: { text: fixed }
`;
    const action = `inputs:
  text: { required: true }
runs:
  using: composite
  steps:
    - shell: bash
      run: gh issue edit --add-label "\${{ inputs.text }}"
`;
    const out = inject({ '.github/workflows/w.yml': caller, '.github/actions/label/action.yml': action });
    expect(rows(out)).toEqual([['input-injection', 'high', '.github/actions/label/action.yml', 7, 8]]);
  });
});

describe('contextRefs', () => {
  it('normalises index syntax, whitespace and case', () => {
    expect(contextRefs("GitHub.event [ 'issue' ]['title']").map((r) => r.path)).toEqual([
      'github.event.issue.title',
    ]);
  });

  it('skips string literals and function names, and marks toJSON arguments', () => {
    expect(contextRefs("format('{0} github.event.issue.body', toJSON(github.event))")).toEqual([
      { path: 'github.event', serialized: true },
    ]);
  });
});
