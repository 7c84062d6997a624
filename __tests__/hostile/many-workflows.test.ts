/**
 * A flood of workflows (a generated or hostile tree): every finding is still reported, each with its
 * own path, while the per-file evidence of the workflow checks is listed up to a cap and the rest
 * counted in one entry; and the parsed model of a workflow stays small, since a scan holds every
 * workflow's model at once.
 */
import { describe, expect, it } from '@jest/globals';
import v8 from 'node:v8';
import vm from 'node:vm';
import { checkContext, EVIDENCE_LIST_CAP } from '../../src/checks/check.js';
import { ciTests } from '../../src/checks/ci-tests.js';
import { pinnedActions } from '../../src/checks/pinned-actions.js';
import { scriptInjection } from '../../src/checks/script-injection.js';
import { workflowPermissions } from '../../src/checks/workflow-permissions.js';
import { parseWorkflow, type Workflow } from '../../src/evidence/workflows.js';
import { filesFromRecord } from '../../src/repo/files.js';

const TODAY = new Date('2026-11-22T00:00:00Z');

/** Two jobs; an unpinned action, a SHA pin, a test run and an injection in each workflow. */
function workflow(i: number): string {
  return `name: wf ${i}
on: [push, pull_request, issues]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@1d0ff469b7ec7b3cb9d8673fde0c81c44821de2a # v4.2.0
      - run: npm test
      - run: echo "\${{ github.event.issue.title }}"
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/cache@v4
      - name: Lint
        env:
          CI: "true"
        run: npm run lint
`;
}

function manyWorkflows(count: number): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++)
    files[`.github/workflows/wf-${String(i).padStart(4, '0')}.yml`] = workflow(i);
  return files;
}

describe('a tree of many workflows', () => {
  const count = EVIDENCE_LIST_CAP * 3;
  const ctx = checkContext(filesFromRecord(manyWorkflows(count)), TODAY);

  it('keeps every pinned-actions finding and counts the unlisted files in one evidence entry', () => {
    const outcome = pinnedActions.run(ctx);
    // Two unpinned actions per workflow, each a finding at its own file and line.
    expect(outcome.findings).toHaveLength(count * 2);
    expect(new Set(outcome.findings.map((f) => `${f.path}:${f.line}`)).size).toBe(count * 2);
    const perFile = outcome.evidence.filter((e) => e.path);
    expect(perFile).toHaveLength(EVIDENCE_LIST_CAP);
    expect(outcome.evidence.map((e) => e.summary)).toContain(
      `${(count - EVIDENCE_LIST_CAP).toLocaleString('en-GB')} more files not listed one by one (counted in the total; every finding is listed)`,
    );
    // The total still counts every file.
    expect(outcome.evidence[0]!.summary).toMatch(/^600 of 1800 uses: pinned/);
  });

  it('keeps every script-injection finding while capping its evidence', () => {
    const outcome = scriptInjection.run(ctx);
    expect(outcome.findings).toHaveLength(count);
    expect(outcome.findings.every((f) => f.severity === 'high')).toBe(true);
    expect(outcome.evidence).toHaveLength(EVIDENCE_LIST_CAP + 1);
    expect(outcome.evidence.at(-1)!.summary).toBe(
      `${(count - EVIDENCE_LIST_CAP).toLocaleString('en-GB')} more expansions not listed here (each is a finding)`,
    );
  });

  it('keeps every workflow-permissions finding while capping its evidence', () => {
    const outcome = workflowPermissions.run(ctx);
    // No permissions anywhere: one finding per workflow.
    expect(outcome.findings).toHaveLength(count);
    expect(outcome.evidence).toHaveLength(EVIDENCE_LIST_CAP + 1);
    expect(outcome.evidence.at(-1)!.summary).toMatch(/^400 more workflows not listed one by one/);
  });

  it('caps the ci-tests evidence and still passes on the tests it found', () => {
    const outcome = ciTests.run(ctx);
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toHaveLength(EVIDENCE_LIST_CAP + 1);
    expect(outcome.evidence.at(-1)!.summary).toBe('400 more test steps not listed one by one');
  });

  it('lists every entry, with no summary, up to the cap', () => {
    const small = checkContext(filesFromRecord(manyWorkflows(EVIDENCE_LIST_CAP)), TODAY);
    const outcome = pinnedActions.run(small);
    expect(outcome.evidence.filter((e) => e.path)).toHaveLength(EVIDENCE_LIST_CAP);
    expect(outcome.evidence.some((e) => e.summary.includes('not listed'))).toBe(false);
  });
});

describe('the workflow model', () => {
  it('shares one empty map for the with:, env: and services: a file does not have', () => {
    const wf = parseWorkflow('.github/workflows/a.yml', workflow(1), 'workflow');
    const [test, lint] = wf.jobs;
    expect(test!.steps[0]!.with).toBe(lint!.services);
    expect(test!.steps[0]!.with.size).toBe(0);
    expect(lint!.steps[1]!.env.get('CI')?.value).toBe('true');
    expect(() => (test!.steps[0]!.with as Map<string, unknown>).set('x', 1)).toThrow(TypeError);
  });

  it('holds a small workflow in well under 9 KB of heap', () => {
    // The heap after a full collection, before and after parsing 5,000 workflows kept alive: about
    // 5 KB each; 9 KB with an empty Map per missing with:/env: and a Position and range per value.
    v8.setFlagsFromString('--expose-gc');
    const gc = vm.runInNewContext('gc') as () => void;
    const texts = Array.from({ length: 5000 }, (_, i) => workflow(i));
    gc();
    const before = v8.getHeapStatistics().used_heap_size;
    const models: Workflow[] = texts.map((text, i) =>
      parseWorkflow(`.github/workflows/wf-${i}.yml`, text, 'workflow'),
    );
    gc();
    const perWorkflow = (v8.getHeapStatistics().used_heap_size - before) / models.length;
    expect(models).toHaveLength(texts.length);
    expect(perWorkflow).toBeLessThan(6500);
  });
});
