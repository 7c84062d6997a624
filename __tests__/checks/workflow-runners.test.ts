import { describe, expect, it } from '@jest/globals';
import { workflowRunners } from '../../src/checks/workflow-runners.js';
import { checkContext, runCheck } from '../../src/checks/check.js';
import type { GitHubFacts } from '../../src/github/facts.js';
import { filesFromRecord } from '../../src/repo/files.js';
import { runCheckOnFiles } from '../support/run-check.js';

const PR_ON_SELF_HOSTED = `on: pull_request
jobs:
  test:
    runs-on: [self-hosted, linux]
    steps:
      - run: make test
`;

const run = (workflow: string) => runCheckOnFiles(workflowRunners, { '.github/workflows/w.yml': workflow });

/** Runs the check as an online scan would, with the repository's visibility known. */
function runWithVisibility(workflow: string, isPrivate: boolean) {
  const ctx = checkContext(filesFromRecord({ '.github/workflows/w.yml': workflow }));
  const github = { repo: { value: { private: isPrivate } } } as unknown as GitHubFacts;
  return runCheck(workflowRunners, { ...ctx, github });
}

describe('workflow-runners: self-hosted-runner', () => {
  it('reports a pull request job on a self-hosted runner offline with low confidence, saying why, at runs-on', () => {
    const out = run(PR_ON_SELF_HOSTED);
    expect(out.findings.map((f) => [f.rule, f.severity, f.confidence, f.line, f.column])).toEqual([
      ['self-hosted-runner', 'high', 'low', 4, 14],
    ]);
    expect(out.findings[0]!.message).toMatch(/if the repository is public \(an offline scan cannot tell\)/);
    expect(out.status).toBe('partial');
  });

  it('is sure when GitHub says the repository is public, and reports nothing when it is private', () => {
    const pub = runWithVisibility(PR_ON_SELF_HOSTED, false);
    expect(pub.findings.map((f) => [f.severity, f.confidence])).toEqual([['high', 'high']]);
    expect(pub.status).toBe('fail');
    const priv = runWithVisibility(PR_ON_SELF_HOSTED, true);
    expect(priv.findings).toEqual([]);
    expect(priv.summary).toMatch(/private/);
  });

  it('does not report a self-hosted runner that only push events reach, or a GitHub-hosted one on pull requests', () => {
    expect(run(PR_ON_SELF_HOSTED.replace('on: pull_request', 'on: push')).findings).toEqual([]);
    expect(run(PR_ON_SELF_HOSTED.replace('[self-hosted, linux]', 'ubuntu-latest')).findings).toEqual([]);
  });

  it('reads the labels form and a runs-on anchor (each job reported, at the anchor), and lowers a same-repository-only job to low', () => {
    const wf = `on: [pull_request_target]
jobs:
  a:
    runs-on: &runner
      labels: [self-hosted, gpu]
    steps: [{ run: make }]
  b:
    if: github.event.pull_request.head.repo.full_name == github.repository
    runs-on: *runner
    steps: [{ run: make }]
`;
    expect(run(wf).findings.map((f) => [f.severity, f.line])).toEqual([
      ['high', 5],
      ['low', 5],
    ]);
  });
});
