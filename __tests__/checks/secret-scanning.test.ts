import { describe, expect, it } from '@jest/globals';
import { secretScanning } from '../../src/checks/secret-scanning.js';
import { githubFacts, hidden, runApiCheck } from '../support/fake-github/facts.js';

describe('secret-scanning', () => {
  it('is partial without push protection, fails when off, unknown when hidden', () => {
    expect(
      runApiCheck(
        secretScanning,
        githubFacts({
          securityAndAnalysis: { value: { secretScanning: 'enabled', pushProtection: 'disabled' } },
        }),
      ).status,
    ).toBe('partial');
    expect(
      runApiCheck(
        secretScanning,
        githubFacts({ securityAndAnalysis: { value: { secretScanning: 'disabled' } } }),
      ).status,
    ).toBe('fail');
    const hiddenOut = runApiCheck(secretScanning, githubFacts({ securityAndAnalysis: hidden() }));
    expect(hiddenOut).toMatchObject({
      status: 'unknown',
      unknown: { howToObserve: 'needs a token with Administration: read' },
    });
  });
});
