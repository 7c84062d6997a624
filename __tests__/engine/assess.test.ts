import { describe, expect, it } from '@jest/globals';
import { assess } from '../../src/assess/assess.js';
import type { CheckResult, CheckStatus } from '../../src/model/types.js';
import { loadRulePack } from '../../src/rules/pack.js';

const pack = loadRulePack();

function check(id: string, status: CheckStatus, claimIds: string[], weight = 1): CheckResult {
  return {
    id,
    status,
    summary: `${id} is ${status}`,
    findings: [],
    evidence: [],
    title: id,
    severity: 'medium',
    weight,
    source: 'files',
    principles: [],
    claimIds,
    docs: '',
    remediation: '',
    enabled: true,
  };
}

const options = { threshold: 50, failOn: [] };
const claim = (a: ReturnType<typeof assess>, id: string) =>
  a.principles.flatMap((p) => p.claims).find((c) => c.id === id)!;

describe('assess', () => {
  it('reports all 14 principles and 45 claims, unknown where nothing was observed', () => {
    const a = assess(pack, [], {}, options);
    expect(a.principles).toHaveLength(14);
    expect(a.principles.flatMap((p) => p.claims)).toHaveLength(45);
    expect(a.coverage).toMatchObject({ observed: 0, total: 45, unknown: 45 });
    expect(a.gate.passed).toBe(false);
    expect(a.gate.reasons[0]).toMatch(/no check could be observed/);
  });

  it('never counts unknown as met: it stays out of the score and lowers coverage', () => {
    const a = assess(
      pack,
      [check('a', 'pass', ['3.2.1']), check('b', 'unknown', ['3.2.2'], 10)],
      {},
      options,
    );
    expect(a.score).toBe(100);
    expect(claim(a, '3.2.2').status).toBe('unknown');
    expect(a.principles.find((p) => p.id === '3.2')!.status).toBe('partially-met');
    expect(a.coverage).toMatchObject({ observed: 1, checksObserved: 1, checksTotal: 2 });
  });

  it('weights the score by check weight (pass 1, partial ½, fail 0)', () => {
    const a = assess(
      pack,
      [
        check('a', 'pass', ['1.1.3'], 3),
        check('b', 'partial', ['1.2.5'], 2),
        check('c', 'fail', ['1.2.2'], 5),
      ],
      {},
      options,
    );
    expect(a.score).toBe(40);
    expect(a.gate).toMatchObject({ passed: false, reasons: ['score 40 is below the threshold 50'] });
  });

  it('uses a per-claim verdict over the check status', () => {
    const c = check('sp', 'partial', ['3.2.1', '3.2.2']);
    c.claims = {
      '3.2.1': { status: 'pass', note: 'published' },
      '3.2.2': { status: 'fail', note: 'public only' },
    };
    const a = assess(pack, [c], {}, options);
    expect(claim(a, '3.2.1').status).toBe('met');
    expect(claim(a, '3.2.2').status).toBe('not-met');
  });

  it('reports attestations as attested, never as met, and observed evidence wins over them', () => {
    const config = {
      attestations: [{ claims: ['1.1.2', '3.2.1'], note: 'training records', path: 'docs/training.md' }],
    };
    const a = assess(pack, [check('a', 'fail', ['3.2.1'])], config, options);
    expect(claim(a, '1.1.2').status).toBe('attested');
    expect(claim(a, '3.2.1').status).toBe('not-met');
    expect(a.coverage.attested).toBe(1);
  });

  it('takes not-applicable claims out of scope', () => {
    const a = assess(
      pack,
      [],
      { 'not-applicable': [{ claims: ['2.1.2'], reason: 'no build environment' }] },
      options,
    );
    expect(claim(a, '2.1.2').status).toBe('not-applicable');
    expect(a.coverage.total).toBe(44);
  });

  it('fails the gate when a required principle or check is not met, whatever the score', () => {
    const checks = [check('a', 'pass', ['3.2.1']), check('b', 'fail', ['3.2.2'], 0)];
    const a = assess(pack, checks, {}, { threshold: 0, failOn: ['3.2', 'b'] });
    expect(a.gate.reasons).toEqual(['required principle 3.2 is partially-met', 'required check b is fail']);
  });
});
