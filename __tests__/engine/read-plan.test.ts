/**
 * The read plan asks every path of the checkout what the checks need, so its cost per path is
 * what a large tree pays 200,000 times: each distinct `needs` once, and no second round for the
 * visitors that ask whether a path is read.
 */
import { describe, expect, it } from '@jest/globals';
import type { Check, FileCheck } from '../../src/checks/check.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { readPlan } from '../../src/checks/read-plan.js';
import type { FileNeed } from '../../src/repo/files.js';

function counted(answer: (path: string) => FileNeed | undefined): {
  needs: (path: string) => FileNeed | undefined;
  asked: string[];
} {
  const asked: string[] = [];
  return {
    asked,
    needs: (path) => {
      asked.push(path);
      return answer(path);
    },
  };
}

function fileCheck(id: string, needs: FileCheck['needs']): Check {
  return {
    id,
    source: 'files',
    needs,
    run: () => ({ status: 'pass', summary: '', findings: [], evidence: [] }),
  };
}

describe('the read plan', () => {
  it('asks a needs function that several checks share once per path', () => {
    const shared = counted((p) => (p.endsWith('.yml') ? 'text' : undefined));
    const plan = readPlan([
      fileCheck('a', shared.needs),
      fileCheck('b', shared.needs),
      fileCheck('c', shared.needs),
    ]);
    expect(plan.needOf('ci.yml')).toBe('text');
    expect(plan.needOf('main.go')).toBeUndefined();
    expect(shared.asked).toEqual(['ci.yml', 'main.go']);
  });

  it('answers whether a path is read from the need it has just worked out', () => {
    const needs = counted((p) => (p === 'Dockerfile' ? 'head' : undefined));
    const plan = readPlan([fileCheck('a', needs.needs)]);
    expect(plan.needOf('Dockerfile')).toBe('head');
    expect(plan.reads('Dockerfile')).toBe(true);
    expect(plan.reads('main.go')).toBe(false);
    expect(plan.needOf('main.go')).toBeUndefined();
    expect(needs.asked).toEqual(['Dockerfile', 'main.go']);
  });

  it('still lets a text need win over a head need, whatever the order of the checks', () => {
    const head = counted(() => 'head');
    const text = counted(() => 'text');
    expect(readPlan([fileCheck('h', head.needs), fileCheck('t', text.needs)]).needOf('x')).toBe('text');
    expect(readPlan([fileCheck('t', text.needs), fileCheck('h', head.needs)]).needOf('x')).toBe('text');
  });

  it('costs the same per path however many workflow-walk checks there are', () => {
    // Checks judged from their walk alone (walkCheck) read the workflows, or workflows and actions.
    const walkOnly = [
      'dangerous-workflow',
      'script-injection',
      'workflow-permissions',
      'workflow-credentials',
      'workflow-secrets',
      'workflow-runners',
      'workflow-env-injection',
      'workflow-conditions',
      'workflow-references',
    ];
    const needs = ALL_CHECKS.filter((c) => walkOnly.includes(c.id)).map((c) => c.needs);
    expect(needs).toHaveLength(walkOnly.length);
    expect(new Set(needs).size).toBe(2);
  });
});
