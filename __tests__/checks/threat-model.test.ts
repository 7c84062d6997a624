import { describe, expect, it } from '@jest/globals';
import { threatModel, threatModelKind } from '../../src/checks/threat-model.js';
import type { CheckOutcome } from '../../src/model/types.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';

const run = (c: string): Promise<CheckOutcome> => runCheckOnDir(threatModel, fixture('threat-model', c));

describe('threat-model', () => {
  it('passes a dedicated threat model document', async () => {
    const outcome = await run('dedicated-doc');
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence).toEqual([
      {
        summary: expect.stringMatching(/^threat model document \(\d+ words\)$/),
        path: 'docs/threat-model.md',
        line: 1,
      },
    ]);
  });

  it('passes a "Threat model" section of SECURITY.md, pointing at its heading', async () => {
    const outcome = await run('security-section');
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence[0]).toMatchObject({ path: 'SECURITY.md', line: 5, quote: 'Threat model' });
  });

  it('reads an OWASP Threat Dragon model and counts its threats', async () => {
    const outcome = await run('threat-dragon');
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence[0]).toMatchObject({
      summary: 'OWASP Threat Dragon model (1 diagram(s), 1 threat(s))',
      path: 'threat-model/payments.json',
    });
  });

  it('recognises a Threagile model by its content', async () => {
    const outcome = await run('threagile');
    expect(outcome.evidence).toEqual([
      { summary: 'Threagile threat model', path: 'threagile.yaml', line: 1 },
    ]);
  });

  it('takes a Microsoft Threat Modeling Tool file by its presence, without reading it', async () => {
    expect(threatModel.needs('design/service.tm7')).toBeUndefined();
    const outcome = await run('tmt');
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence[0]).toMatchObject({
      summary: 'Microsoft Threat Modeling Tool model',
      path: 'design/service.tm7',
    });
  });

  it('is partial, with a finding, for a threat model that is only a stub', async () => {
    const outcome = await run('stub');
    expect(outcome.status).toBe('partial');
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({ severity: 'low', path: 'THREAT_MODEL.md', line: 1 });
    expect(outcome.findings[0]?.message).toMatch(/^The threat model has only \d+ words of prose/);
  });

  it('is unknown, not failed, when no threat model is found, and says how to attest one', async () => {
    const outcome = await run('none');
    expect(outcome.status).toBe('unknown');
    expect(outcome.findings).toEqual([]);
    expect(outcome.unknown?.howToObserve).toContain('attest claim 1.4.1 in .github/sscop.yml');
  });

  it('ignores JSON under a threat folder that is not a Threat Dragon model, and pytm-named files without pytm', () => {
    const outcome = runCheckOnFiles(threatModel, {
      'threat-intel/feeds.json': '{"feeds": []}',
      'tools/tm.py': 'print("tm")\n',
      'threat-intel/broken.json': '{',
    });
    expect(outcome.status).toBe('unknown');
  });

  it('recognises a pytm model by its import', () => {
    const outcome = runCheckOnFiles(threatModel, {
      'security/tm.py': '#!/usr/bin/env python3\nfrom pytm import TM, Server\n',
    });
    expect(outcome.evidence).toEqual([
      { summary: 'pytm threat model (threats as code)', path: 'security/tm.py', line: 2 },
    ]);
  });

  it('does not take threat models in test data or vendored code as the project’s', () => {
    expect(threatModelKind('test/fixtures/threat-model.md')).toBeUndefined();
    expect(threatModelKind('vendor/lib/THREAT_MODEL.md')).toBeUndefined();
    expect(threatModelKind('docs/security/threats.md')).toBe('readable-document');
  });

  it('does not take the documentation of a threat-model check or rule for a threat model', () => {
    expect(threatModelKind('docs/checks/threat-model.md')).toBeUndefined();
    expect(threatModelKind('rules/threat-model.yml')).toBeUndefined();
  });
});
