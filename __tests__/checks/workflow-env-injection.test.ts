import { describe, expect, it } from '@jest/globals';
import { workflowEnvInjection } from '../../src/checks/workflow-env-injection.js';
import { runCheckOnFiles } from '../support/run-check.js';

const run = (files: Record<string, string>) => runCheckOnFiles(workflowEnvInjection, files);
const rules = (workflow: string) =>
  run({ '.github/workflows/w.yml': workflow }).findings.map((f) => [
    f.rule,
    f.severity,
    f.confidence,
    f.line,
    f.column,
  ]);

const PRT = `on: pull_request_target
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: |
          echo "building"
          echo "TITLE=\${{ github.event.pull_request.title }}" >> "$GITHUB_ENV"
`;

describe('workflow-env-injection: github-env', () => {
  it('reports a pull request title written to GITHUB_ENV on pull_request_target, at the line', () => {
    const out = run({ '.github/workflows/w.yml': PRT });
    expect(out.status).toBe('fail');
    expect(rules(PRT)).toEqual([['github-env', 'high', 'high', 8, 11]]);
    expect(out.findings[0]!.related?.[0]).toMatchObject({ line: 1 });
  });

  it('follows the text through a step, job or workflow env: variable, and rates GITHUB_OUTPUT medium', () => {
    const wf = `on: issues
env:
  BODY: \${{ github.event.issue.body }}
jobs:
  a:
    runs-on: ubuntu-latest
    env:
      TITLE: \${{ github.event.issue.title }}
    steps:
      - run: echo "$TITLE" | tee -a $GITHUB_PATH
      - run: echo "body=\${BODY}" >> $GITHUB_OUTPUT
`;
    expect(rules(wf)).toEqual([
      ['github-env', 'high', 'high', 10, 14],
      ['github-env', 'medium', 'medium', 11, 14],
    ]);
  });

  it('rates a branch name (which cannot hold a newline) medium, and does not report it as a command argument', () => {
    const wf = `on: workflow_run
jobs:
  a:
    runs-on: ubuntu-latest
    env:
      BRANCH: \${{ github.event.workflow_run.head_branch }}
    steps:
      - run: echo "BRANCH=$BRANCH" >> "$GITHUB_ENV"
      - run: gh pr view "$BRANCH" --json number --jq '"number=\\(.number)"' >> "$GITHUB_OUTPUT"
`;
    expect(rules(wf)).toEqual([['github-env', 'medium', 'medium', 8, 14]]);
  });

  it('does not report the same write on pull_request, a trusted value, or a step that overrides the variable', () => {
    expect(rules(PRT.replace('pull_request_target', 'pull_request'))).toEqual([]);
    expect(rules(PRT.replace('github.event.pull_request.title', 'github.event.pull_request.number'))).toEqual(
      [],
    );
    const shadowed = `on: issues
env:
  TITLE: \${{ github.event.issue.title }}
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: echo "TITLE=$TITLE" >> $GITHUB_ENV
        env:
          TITLE: fixed
`;
    expect(rules(shadowed)).toEqual([]);
  });
});

describe('workflow-env-injection: insecure-commands', () => {
  it('reports ACTIONS_ALLOW_UNSECURE_COMMANDS at any level, in workflows and composite actions', () => {
    const wf = `on: push
env:
  ACTIONS_ALLOW_UNSECURE_COMMANDS: true
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - run: make
        env:
          ACTIONS_ALLOW_UNSECURE_COMMANDS: \${{ inputs.legacy }}
`;
    expect(rules(wf)).toEqual([
      ['insecure-commands', 'high', 'high', 3, 36],
      ['insecure-commands', 'high', 'medium', 10, 44],
    ]);
    const action = `runs:
  using: composite
  steps:
    - run: make
      shell: bash
      env:
        ACTIONS_ALLOW_UNSECURE_COMMANDS: 'true'
`;
    expect(run({ 'action.yml': action }).findings.map((f) => [f.rule, f.path, f.line])).toEqual([
      ['insecure-commands', 'action.yml', 7],
    ]);
  });

  it('does not report the variable set to false', () => {
    expect(rules('on: push\nenv:\n  ACTIONS_ALLOW_UNSECURE_COMMANDS: false\njobs: {}\n')).toEqual([]);
  });
});
