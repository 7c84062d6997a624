import { describe, expect, it } from '@jest/globals';
import { load as loadYaml } from 'js-yaml';
import { workflowReferences } from '../../src/checks/workflow-references.js';
import { editDistance, looksAlike } from '../../src/checks/typosquats.js';
import { parseReferenceTables, referenceTables } from '../../src/rules/action-references.js';
import { runCheckOnFiles } from '../support/run-check.js';

const SHA = 'b4ffde65f46336ab88eb53be808477a3936bae11';

const steps = (...uses: string[]) =>
  `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
${uses.map((u) => `      - uses: ${u}`).join('\n')}
`;

const run = (workflow: string, extra: Record<string, string> = {}) =>
  runCheckOnFiles(workflowReferences, { '.github/workflows/ci.yml': workflow, ...extra });
const rows = (out: ReturnType<typeof run>) =>
  out.findings.map((f) => [f.rule, f.severity, f.confidence, f.line]);

describe('workflow-references: typosquat-action', () => {
  it('reports a look-alike owner of a popular action, at its uses:', () => {
    const out = run(steps(`actons/checkout@${SHA}`, 'action/checkout@v4', 'acti0ns/setup-node@v4'));
    expect(rows(out)).toEqual([
      ['typosquat-action', 'high', 'medium', 6],
      ['typosquat-action', 'high', 'medium', 7],
      ['typosquat-action', 'high', 'medium', 8],
    ]);
    expect(out.findings[0]!.message).toMatch(/`actons\/checkout`.*`actions\/checkout`/);
    expect(out.status).toBe('fail');
  });

  it('does not report the popular action itself, a typo under the real owner, another owner’s own name, or a known look-alike owner', () => {
    const out = run(
      steps(
        'actions/checkout@v4',
        'actions/chekout@v4',
        'someone/checkout@v1',
        'actions-rust-lang/setup-rust-toolchain@v1',
        'docker/login-action@v3',
      ),
    );
    expect(out.findings).toEqual([]);
    expect(out.status).toBe('pass');
  });

  it('reads reusable-workflow calls and composite actions, and a step reused through an alias once', () => {
    const wf = `on: push
jobs:
  call:
    uses: slsa-framewrok/slsa-github-generator/.github/workflows/generator_generic_slsa3.yml@v2.0.0
  build:
    runs-on: ubuntu-latest
    steps:
      - &co { uses: actoins/checkout@v4 }
      - *co
`;
    const action = `runs:
  using: composite
  steps:
    - uses: dockr/login-action@v3
`;
    const out = run(wf, { 'tools/action.yml': action });
    expect(out.findings.map((f) => [f.path, f.line])).toEqual([
      ['.github/workflows/ci.yml', 4],
      ['.github/workflows/ci.yml', 8],
      ['.github/workflows/ci.yml', 9],
      ['tools/action.yml', 4],
    ]);
  });

  it('bounds the edit distance and folds look-alike characters', () => {
    expect(editDistance('actions', 'actoins', 2)).toBe(1);
    expect(editDistance('actions', 'abcdefgh', 2)).toBe(3);
    const tables = referenceTables();
    expect(looksAlike('docker/login-action', tables)).toBeUndefined();
    expect(looksAlike('g1thub/codeql-action', tables)).toBe('github/codeql-action');
    expect(looksAlike('gradel/actions', tables)).toBe('gradle/actions'); // neighbours swapped
    expect(looksAlike('grails/actions', tables)).toBeUndefined(); // two edits from a six-letter owner
  });
});

describe('workflow-references: impostor-reference', () => {
  it('reports a ref that passes for a SHA and one with hidden or foreign characters', () => {
    const out = run(
      steps(
        `actions/checkout@${SHA.slice(0, 39)}o`,
        `actions/cache@${SHA}a`,
        'аctions/checkout@v4',
        'actions/checkout@v4\u200b',
      ),
    );
    expect(rows(out)).toEqual([
      ['impostor-reference', 'high', 'high', 6],
      ['impostor-reference', 'high', 'high', 7],
      ['impostor-reference', 'high', 'high', 8],
      ['impostor-reference', 'high', 'high', 9],
    ]);
    expect(out.findings[2]!.message).toContain('<U+0430>');
  });

  it('leaves a full SHA, an abbreviated SHA and an ordinary tag to pinned-actions', () => {
    expect(
      run(steps(`actions/checkout@${SHA}`, 'actions/checkout@b4ffde65', 'actions/checkout@v4.1.1')).findings,
    ).toEqual([]);
  });
});

describe('workflow-references: setup-version-unpinned', () => {
  const setup = (body: string) =>
    `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
${body}`;

  it('reports a moving version value (high confidence) and an unset version that defaults to latest (medium)', () => {
    const out = run(
      setup(`      - uses: actions/setup-node@v4
        with: { node-version: latest }
      - uses: hashicorp/setup-terraform@v3
      - uses: actions/setup-go@v5
        with:
          go-version: stable
`),
    );
    expect(rows(out)).toEqual([
      ['setup-version-unpinned', 'low', 'high', 7],
      ['setup-version-unpinned', 'low', 'medium', 8],
      ['setup-version-unpinned', 'low', 'high', 11],
    ]);
    expect(out.status).toBe('partial');
  });

  it('does not report an exact version, a version file, an expression, or an unset version that falls back to the project', () => {
    const out = run(
      setup(`      - uses: actions/setup-node@v4
        with: { node-version: 22.11.0 }
      - uses: actions/setup-node@v4
        with: { node-version-file: .nvmrc }
      - uses: hashicorp/setup-terraform@v3
        with: { terraform_version: '\${{ matrix.tf }}' }
      - uses: actions/setup-python@v5
      - uses: azure/setup-helm@v4
        with: { version: v3.16.2 }
`),
    );
    expect(out.findings).toEqual([]);
  });

  it('reads a with: block shared through an anchor', () => {
    const out = run(
      setup(`      - uses: azure/setup-helm@v4
        with: &latest { version: latest }
      - uses: azure/setup-kubectl@v4
        with: *latest
`),
    );
    expect(rows(out)).toEqual([
      ['setup-version-unpinned', 'low', 'high', 7],
      ['setup-version-unpinned', 'low', 'high', 9],
    ]);
  });
});

describe('rules/action-references.yml', () => {
  it('refuses a repeated entry and a name that is not lower-case owner/name', () => {
    const parseTables = (text: string) => parseReferenceTables(loadYaml(text));
    expect(() =>
      parseTables(
        'popular: [a/b, a/b]\nlookalikes: []\nsetup: [{uses: x/y, inputs: [v], files: [], moving: [], unset: other, source: "https://x.test"}]',
      ),
    ).toThrow(/twice/);
    expect(() => parseTables('popular: [Actions/Checkout]\nlookalikes: []\nsetup: []')).toThrow();
  });
});
