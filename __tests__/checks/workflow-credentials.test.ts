import { describe, expect, it } from '@jest/globals';
import { workflowCredentials } from '../../src/checks/workflow-credentials.js';
import { runCheckOnFiles } from '../support/run-check.js';

const run = (workflow: string, path = '.github/workflows/w.yml') =>
  runCheckOnFiles(workflowCredentials, { [path]: workflow });
const rules = (workflow: string) =>
  run(workflow).findings.map((f) => [f.rule, f.severity, f.confidence, f.line]);

const UPLOAD_WORKSPACE = `on: push
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: make
      - uses: actions/upload-artifact@v3
        with:
          path: .
`;

describe('workflow-credentials: artipacked', () => {
  it('reports uploading the workspace after a checkout that kept its token, at the path', () => {
    const out = run(UPLOAD_WORKSPACE);
    expect(out.status).toBe('fail');
    expect(out.findings).toHaveLength(1);
    expect(out.findings[0]).toMatchObject({
      checkId: 'workflow-credentials',
      rule: 'artipacked',
      severity: 'high',
      confidence: 'high',
      line: 10,
    });
    expect(out.findings[0]!.message).toContain('.git/config');
  });

  it('does not report the same upload when the checkout sets persist-credentials: false', () => {
    const safe = UPLOAD_WORKSPACE.replace(
      'actions/checkout@v4\n',
      'actions/checkout@v4\n        with:\n          persist-credentials: false\n',
    );
    expect(run(safe).findings).toEqual([]);
    expect(run(safe).status).toBe('pass');
  });

  it('does not report uploading only the build output', () => {
    expect(run(UPLOAD_WORKSPACE.replace('path: .', 'path: dist/')).findings).toEqual([]);
  });

  it('rates an upload-artifact that leaves hidden files out lower, and one that includes them high', () => {
    expect(rules(UPLOAD_WORKSPACE.replace('upload-artifact@v3', 'upload-artifact@v4'))).toEqual([
      ['artipacked', 'low', 'medium', 10],
    ]);
    const hidden = UPLOAD_WORKSPACE.replace('upload-artifact@v3', 'upload-artifact@v4').replace(
      'path: .',
      'path: .\n          include-hidden-files: true',
    );
    expect(rules(hidden)).toEqual([['artipacked', 'high', 'high', 10]]);
    const pinned = UPLOAD_WORKSPACE.replace('upload-artifact@v3', `upload-artifact@${'a'.repeat(40)}`);
    expect(rules(pinned)).toEqual([['artipacked', 'medium', 'medium', 10]]);
  });

  it('follows a checkout step defined once as an anchor and reused by alias', () => {
    const anchored = `on: push
jobs:
  a:
    runs-on: ubuntu-latest
    steps:
      - &checkout
        uses: actions/checkout@v4
      - run: true
  b:
    runs-on: ubuntu-latest
    steps:
      - *checkout
      - uses: actions/upload-artifact@v3
        with:
          path: \${{ github.workspace }}
`;
    expect(rules(anchored)).toEqual([['artipacked', 'high', 'high', 15]]);
  });
});

const RELEASE_WITH_CACHE = `on:
  push:
    tags: ['v*']
jobs:
  release:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: { persist-credentials: false }
      - uses: actions/setup-node@v4
        with:
          cache: npm
      - run: npm ci && npm publish
`;

describe('workflow-credentials: cache-poisoning', () => {
  it('reports a cache restored in a workflow that runs on tags', () => {
    const out = run(RELEASE_WITH_CACHE);
    expect(out.findings.map((f) => [f.rule, f.severity, f.confidence, f.line])).toEqual([
      ['cache-poisoning', 'high', 'medium', 10],
    ]);
    expect(out.findings[0]!.related?.[0]).toMatchObject({ line: 2 });
  });

  it('reports a job that publishes on a branch push, and setup-go caching by default with low confidence', () => {
    const publishing = `on: push
jobs:
  ship:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/setup-go@v5
      - run: goreleaser release
      - uses: softprops/action-gh-release@v2
`;
    expect(rules(publishing)).toEqual([['cache-poisoning', 'high', 'low', 6]]);
  });

  it('is of low confidence for a job of a tag workflow that does not publish itself, and takes a dry run for no publish', () => {
    const tests = RELEASE_WITH_CACHE.replace('npm ci && npm publish', 'npm test');
    expect(rules(tests)).toEqual([['cache-poisoning', 'high', 'low', 10]]);
    const dryRun = `on: push
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: Swatinem/rust-cache@v2
      - run: cargo publish --dry-run
`;
    expect(rules(dryRun)).toEqual([]);
  });

  it('does not report caching in a test workflow, or a release job with caching turned off', () => {
    expect(
      run(
        RELEASE_WITH_CACHE.replace(/on:\n {2}push:\n {4}tags: \['v\*'\]/, 'on: pull_request').replace(
          'npm ci && npm publish',
          'npm test',
        ),
      ).findings,
    ).toEqual([]);
    expect(run(RELEASE_WITH_CACHE.replace('cache: npm', "cache: ''")).findings).toEqual([]);
  });
});

const WORKFLOW_RUN = `on:
  workflow_run:
    workflows: [CI]
    types: [completed]
jobs:
  comment:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/download-artifact@v4
        with:
          run-id: \${{ github.event.workflow_run.id }}
          github-token: \${{ secrets.GITHUB_TOKEN }}
          path: pr
      - run: |
          echo "reading the report"
          bash pr/comment.sh
`;

describe('workflow-credentials: artifact-poisoning', () => {
  it('reports a workflow_run job executing a script from the triggering run’s artifact, at the command', () => {
    const out = run(WORKFLOW_RUN);
    expect(out.findings.map((f) => [f.rule, f.severity, f.confidence, f.line, f.column])).toEqual([
      ['artifact-poisoning', 'critical', 'high', 16, 11],
    ]);
    expect(out.findings[0]!.related?.[0]).toMatchObject({ line: 2 });
  });

  it('reports a gh run download into the workspace and a file sourced from it with medium confidence', () => {
    const gh = `on: pull_request_target
jobs:
  x:
    runs-on: ubuntu-latest
    steps:
      - run: gh run download "$RUN"
      - run: source ./vars.env
`;
    expect(rules(gh)).toEqual([['artifact-poisoning', 'high', 'medium', 7]]);
  });

  it('does not report reading the artifact as data, or executing a script outside the download directory', () => {
    expect(run(WORKFLOW_RUN.replace('bash pr/comment.sh', 'jq .count pr/report.json')).findings).toEqual([]);
    expect(run(WORKFLOW_RUN.replace('bash pr/comment.sh', 'bash scripts/comment.sh')).findings).toEqual([]);
  });

  it('does not report the same steps in a plain pull_request workflow', () => {
    expect(run(WORKFLOW_RUN.replace(/on:\n[\s\S]*?jobs:/, 'on: pull_request\njobs:')).findings).toEqual([]);
  });
});

describe('workflow-credentials: outcome', () => {
  it('is not applicable without workflows and passes an unparsable file without throwing', () => {
    expect(runCheckOnFiles(workflowCredentials, {}).status).toBe('not-applicable');
    const out = run('\u0000garbage');
    expect(out.status).toBe('pass');
    expect(out.evidence.at(-1)!.summary).toMatch(/1 could not be parsed/);
  });
});
