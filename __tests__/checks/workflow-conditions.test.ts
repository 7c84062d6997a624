import { describe, expect, it } from '@jest/globals';
import { workflowConditions } from '../../src/checks/workflow-conditions.js';
import { runCheckOnFiles } from '../support/run-check.js';

const run = (workflow: string) =>
  runCheckOnFiles(workflowConditions, { '.github/workflows/w.yml': workflow });
const rules = (workflow: string) =>
  run(workflow).findings.map((f) => [f.rule, f.severity, f.confidence, f.line, f.column]);

describe('workflow-conditions: unsound-condition', () => {
  it('reports two expressions joined outside ${{ }} and a block scalar that keeps its newline', () => {
    const wf = `on: push
jobs:
  a:
    if: \${{ github.ref == 'refs/heads/main' }} && \${{ github.event_name == 'push' }}
    runs-on: ubuntu-latest
    steps:
      - if: |
          \${{ false }}
        run: make
`;
    expect(rules(wf)).toEqual([
      ['unsound-condition', 'high', 'high', 4, 9],
      ['unsound-condition', 'high', 'high', 7, 13],
    ]);
    expect(run(wf).status).toBe('fail');
  });

  it('does not report one whole expression, a bare condition, or a block scalar that strips its newline', () => {
    const wf = `on: push
jobs:
  a:
    if: \${{ github.ref == 'refs/heads/main' && github.event_name == 'push' }}
    runs-on: ubuntu-latest
    steps:
      - if: github.event_name == 'push'
        run: make
      - if: |-
          \${{ false }}
        run: make
`;
    expect(rules(wf)).toEqual([]);
    expect(run(wf).status).toBe('pass');
  });
});

describe('workflow-conditions: bot-conditions', () => {
  const PRT = `on: pull_request_target
jobs:
  merge:
    if: github.actor == 'dependabot[bot]'
    runs-on: ubuntu-latest
    steps:
      - run: gh pr merge --auto "$PR"
`;
  it('reports github.actor compared to a bot on pull_request_target, at the comparison', () => {
    expect(rules(PRT)).toEqual([['bot-conditions', 'high', 'high', 4, 9]]);
  });

  it('does not report the pull request author check, or the same condition on pull_request', () => {
    expect(rules(PRT.replace('github.actor', 'github.event.pull_request.user.login'))).toEqual([]);
    expect(rules(PRT.replace('pull_request_target', 'pull_request'))).toEqual([]);
  });

  it('reports a step condition from an anchor once, and the reversed and triggering_actor forms', () => {
    const wf = `on: workflow_run
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - &gate
        if: \${{ 'renovate[bot]' == github.triggering_actor }}
        run: ./automerge
      - *gate
`;
    expect(rules(wf)).toEqual([['bot-conditions', 'high', 'high', 7, 17]]);
  });
});

describe('workflow-conditions: unsound-contains', () => {
  it('reports contains() on a string with an attacker-chosen needle high, and github.ref medium', () => {
    const wf = `on: pull_request
jobs:
  a:
    if: contains('main develop', github.head_ref)
    runs-on: ubuntu-latest
    steps:
      - if: \${{ contains('refs/heads/main refs/heads/release', github.ref) }}
        run: ./deploy
`;
    expect(rules(wf)).toEqual([
      ['unsound-contains', 'high', 'high', 4, 9],
      ['unsound-contains', 'medium', 'medium', 7, 17],
    ]);
  });

  it('does not report contains() on a list, or on a context the workflow controls', () => {
    const wf = `on: push
jobs:
  a:
    if: contains(fromJSON('["refs/heads/main"]'), github.ref) && contains('push schedule', github.event_name)
    runs-on: ubuntu-latest
    steps: [{ run: make }]
`;
    expect(rules(wf)).toEqual([]);
  });
});
