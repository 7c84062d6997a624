/** Which OSPS Baseline controls the claims support: every mapped claim met, some, none, or unobserved. */
import { describe, expect, it } from '@jest/globals';
import type { PrincipleAssessment } from '../../src/assess/assess.js';
import { assessOspsControls } from '../../src/assess/osps.js';
import type { ClaimStatus } from '../../src/model/types.js';
import type { Crosswalk } from '../../src/rules/crosswalk.js';

const source = {
  title: 'OSPS Baseline',
  publisher: 'OpenSSF',
  repository: 'https://github.com/ossf/security-baseline',
  files: 'baseline/OSPS-*.yaml',
  commit: '0'.repeat(40),
  url: 'https://baseline.openssf.org/',
};

/** One principle 1.1 with claims 1.1.1–1.1.3 in the given statuses, and the principle's status. */
function principles(principle: ClaimStatus, claims: ClaimStatus[]): PrincipleAssessment[] {
  return [
    {
      id: '1.1',
      title: 'P',
      theme: '1',
      themeTitle: 'T',
      status: principle,
      score: null,
      claims: claims.map((status, i) => ({ id: `1.1.${i + 1}`, text: 'C', status, evidence: [] })),
    },
  ];
}

const crosswalk = (claims: string[], principleIds: string[] = []): Crosswalk => ({
  source,
  controls: [{ id: 'OSPS-XX-01', title: 'X', principles: principleIds, claims }],
});

const statusOf = (p: PrincipleAssessment[], c: Crosswalk) => assessOspsControls(p, c).controls[0]!.status;

describe('assessOspsControls', () => {
  it('calls a control supported only when every claim it maps to is met', () => {
    expect(statusOf(principles('met', ['met', 'met']), crosswalk(['1.1.1', '1.1.2']))).toBe('supported');
  });

  it('calls it partially supported when some mapped claims are met or partly met', () => {
    expect(statusOf(principles('partially-met', ['met', 'not-met']), crosswalk(['1.1.1', '1.1.2']))).toBe(
      'partially-supported',
    );
    expect(
      statusOf(principles('partially-met', ['partially-met', 'unknown']), crosswalk(['1.1.1', '1.1.2'])),
    ).toBe('partially-supported');
  });

  it('calls it not supported when what was observed is not met', () => {
    expect(statusOf(principles('not-met', ['not-met', 'unknown']), crosswalk(['1.1.1', '1.1.2']))).toBe(
      'not-supported',
    );
  });

  it('never counts attested or unknown claims as support: not observed', () => {
    expect(statusOf(principles('attested', ['attested', 'unknown']), crosswalk(['1.1.1', '1.1.2']))).toBe(
      'not-observed',
    );
    expect(statusOf(principles('met', ['met', 'attested']), crosswalk(['1.1.1', '1.1.2']))).toBe(
      'partially-supported',
    );
  });

  it('leaves not-applicable claims out, and is not applicable when nothing else is mapped', () => {
    expect(statusOf(principles('met', ['met', 'not-applicable']), crosswalk(['1.1.1', '1.1.2']))).toBe(
      'supported',
    );
    expect(statusOf(principles('not-applicable', ['not-applicable']), crosswalk(['1.1.1']))).toBe(
      'not-applicable',
    );
  });

  it("judges a mapped principle by the principle's status, and lists every reference with its status", () => {
    const result = assessOspsControls(
      principles('partially-met', ['met', 'not-met']),
      crosswalk(['1.1.1'], ['1.1']),
    );
    expect(result.controls[0]).toEqual({
      id: 'OSPS-XX-01',
      title: 'X',
      status: 'partially-supported',
      mappedTo: [
        { kind: 'principle', id: '1.1', status: 'partially-met' },
        { kind: 'claim', id: '1.1.1', status: 'met' },
      ],
    });
    expect(result.catalog).toBe(source);
  });
});
