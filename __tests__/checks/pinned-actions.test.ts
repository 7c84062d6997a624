import { beforeAll, describe, expect, it } from '@jest/globals';
import { classifyUses, pinnedActions } from '../../src/checks/pinned-actions.js';
import type { CheckOutcome, Finding } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const CI = '.github/workflows/ci.yml';

function at(outcome: CheckOutcome, path: string, line: number): Finding[] {
  return outcome.findings.filter((f) => f.path === path && f.line === line);
}

describe('pinned-actions on a workflow mixing pins, tags, aliases and styles', () => {
  let outcome: CheckOutcome;
  beforeAll(async () => {
    outcome = await runCheckOnDir(pinnedActions, fixture('pinned-actions', 'mixed'));
  });

  it('reports a tag pin at the column of its ref, with a SHA-and-comment remediation', () => {
    const [f] = at(outcome, CI, 11);
    expect(f).toMatchObject({ column: 32, severity: 'low' });
    expect(f!.message).toMatch(/actions\/checkout@v4.*tag or branch/);
    expect(f!.remediation).toContain('uses: actions/checkout@<sha> # v4');
  });

  it('reports a step repeated through a YAML alias at the alias too', () => {
    const checkout = outcome.findings.filter((f) => f.message.includes('actions/checkout@v4'));
    expect(checkout.map((f) => [f.line, f.column])).toEqual([
      [11, 32],
      [21, 9],
    ]);
  });

  it('accepts a double-quoted SHA pin followed by a version comment', () => {
    expect(at(outcome, CI, 12)).toEqual([]);
  });

  it('flags a single-quoted SHA pin with no version comment, as info', () => {
    expect(at(outcome, CI, 15)).toMatchObject([
      { severity: 'info', message: expect.stringMatching(/without a version comment/) },
    ]);
  });

  it('flags a SHA pin whose comment names no version, as info', () => {
    expect(at(outcome, CI, 16)).toMatchObject([
      { severity: 'info', message: expect.stringMatching(/names no version/) },
    ]);
  });

  it('accepts local actions and local reusable workflows', () => {
    expect(at(outcome, CI, 17)).toEqual([]);
    expect(at(outcome, CI, 27)).toEqual([]);
  });

  it('leaves docker:// steps to pinned-images, which reports them once with the digest advice', () => {
    expect(at(outcome, CI, 18)).toEqual([]);
    expect(at(outcome, CI, 19)).toEqual([]);
    expect(outcome.evidence[0]!.summary).toMatch(/2 docker:\/\/ step\(s\) left to pinned-images$/);
  });

  it('reports an expression that makes the ref unpinnable', () => {
    expect(at(outcome, CI, 20)).toMatchObject([{ column: 27, message: expect.stringMatching(/expression/) }]);
  });

  it('reads uses: in flow-style steps', () => {
    expect(at(outcome, CI, 22)).toMatchObject([
      { column: 43, message: expect.stringMatching(/actions\/cache@v4.0.2/) },
    ]);
  });

  it('does not take a short SHA for a pin', () => {
    expect(at(outcome, CI, 23)).toMatchObject([{ message: expect.stringMatching(/short SHA/) }]);
  });

  it('checks reusable workflow calls at job level', () => {
    expect(at(outcome, CI, 25)).toMatchObject([
      { severity: 'medium', message: expect.stringMatching(/release\.yml@main/) },
    ]);
  });

  it('checks composite action steps in action.yml anywhere in the tree', () => {
    const path = 'actions/setup/action.yml';
    expect(at(outcome, path, 6)).toMatchObject([{ message: expect.stringMatching(/setup-python@v5/) }]);
    expect(at(outcome, path, 7)).toEqual([]);
  });

  it('counts pinned and total references in the evidence and is partial', () => {
    expect(outcome.status).toBe('partial');
    expect(outcome.evidence[0]!.summary).toMatch(/^6 of 13 uses: pinned/);
  });
});

describe('pinned-actions verdicts', () => {
  it('passes when every use is a SHA with a version comment or local', async () => {
    const outcome = await runCheckOnDir(pinnedActions, fixture('pinned-actions', 'all-pinned'));
    expect(outcome).toMatchObject({ status: 'pass', findings: [] });
  });

  it('does not pass while a file does not parse, and leaves its finding to workflow-syntax', async () => {
    const outcome = await runCheckOnDir(pinnedActions, fixture('pinned-actions', 'broken'));
    expect(outcome.findings.filter((f) => f.path === '.github/workflows/bad.yml')).toEqual([]);
    expect(outcome.status).toBe('partial');
  });

  it('fails when no use is pinned', () => {
    const outcome = runCheckOnFiles(pinnedActions, {
      [CI]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n',
    });
    expect(outcome.status).toBe('fail');
  });

  it('fails when no remote use is pinned, whatever local actions there are', () => {
    const outcome = runCheckOnFiles(pinnedActions, {
      [CI]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: ./.github/actions/build\n  b:\n    uses: ./.github/workflows/reusable.yml\n',
    });
    expect(outcome.status).toBe('fail');
  });

  it('is not applicable without workflows or actions', () => {
    expect(runCheckOnFiles(pinnedActions, { 'README.md': '# hi' }).status).toBe('not-applicable');
  });

  it('does not read a # inside a value as a comment', () => {
    const outcome = runCheckOnFiles(pinnedActions, {
      [CI]: 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: a/b@3d3c42e5aac5ba805825da76410c181273ba90b1 # v1.2.3\n',
    });
    expect(outcome.findings).toEqual([]);
  });
});

describe('pinned-actions and the SLSA generator, which must be referenced by release tag', () => {
  const GENERATOR = 'slsa-framework/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml';
  const calling = (ref: string) =>
    runCheckOnFiles(pinnedActions, {
      [CI]: `on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1 # v4.2.2\n  provenance:\n    uses: ${GENERATOR}@${ref}\n`,
    });

  it('takes the full release tag for the pin, and says so in the evidence', () => {
    const outcome = calling('v2.1.0');
    expect(outcome).toMatchObject({ status: 'pass', findings: [] });
    expect(outcome.evidence[0]!.summary).toMatch(
      /^2 of 2 uses: pinned.*1 SLSA generator workflow\(s\) by release tag/,
    );
  });

  it.each([
    ['a commit SHA', 'f7dd8c54c2067bafc12ca7a55595d5ee9b75204a'],
    ['a shorter tag', 'v2'],
    ['a branch', 'main'],
  ])('reports %s as failing the build, and never advises a SHA', (_name, ref) => {
    const { findings } = calling(ref);
    expect(findings).toEqual([
      expect.objectContaining({
        line: 8,
        severity: 'medium',
        message: expect.stringMatching(/SLSA generator verifies its own ref/),
        remediation: expect.stringContaining(`uses: ${GENERATOR}@vX.Y.Z`),
      }),
    ]);
    expect(findings[0]!.remediation).not.toMatch(/<sha>|commit SHA of a release/);
  });
});

describe('classifyUses', () => {
  it.each([
    ['actions/checkout@3d3c42e5aac5ba805825da76410c181273ba90b1', 'sha'],
    ['actions/checkout@v4', 'mutable'],
    ['actions/checkout@main', 'mutable'],
    ['actions/checkout@3d3c42e', 'short-sha'],
    ['owner/repo/path/to/action@deadbeef1', 'short-sha'],
    ['./local', 'local'],
    ['docker://ghcr.io/o/i:1', 'docker-unpinned'],
    ['actions/checkout', 'no-ref'],
    ['o/r@${{ inputs.ref }}', 'expression'],
  ])('%s is %s', (value, kind) => {
    expect(classifyUses(value).kind).toBe(kind);
  });
});

describe('pinned-actions through YAML aliases', () => {
  it('reports a uses: reached through an alias at the alias as well as at the anchor', () => {
    const out = runCheckOnFiles(pinnedActions, {
      '.github/workflows/ci.yml': [
        'on: push',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - &step',
        '        uses: &co actions/checkout@v4',
        '      - uses: *co',
        '      - *step',
        '',
      ].join('\n'),
    });
    expect(out.findings.map((f) => [f.line, f.column, f.severity])).toEqual([
      [7, 36, 'low'],
      [8, 15, 'low'],
      [9, 9, 'low'],
    ]);
    expect(out.evidence[0]!.summary).toMatch(/^0 of 3 uses: pinned/);
  });
});
