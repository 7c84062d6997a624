import { describe, expect, it } from '@jest/globals';
import { maintained } from '../../src/checks/maintained.js';
import { commitFacts, githubFacts, runApiCheck } from '../support/fake-github/facts.js';

describe('maintained', () => {
  it('grades the last commit: pass within 90 days, partial within a year, fail beyond', () => {
    expect(
      runApiCheck(maintained, githubFacts({ commits: commitFacts(3, () => true, '2026-06-01T00:00:00Z') }))
        .status,
    ).toBe('partial');
    expect(
      runApiCheck(maintained, githubFacts({ commits: commitFacts(3, () => true, '2025-06-01T00:00:00Z') }))
        .status,
    ).toBe('fail');
  });

  it('fails an archived repository whatever its history', () => {
    const facts = githubFacts();
    if ('value' in facts.repo) facts.repo.value.archived = true;
    expect(runApiCheck(maintained, facts)).toMatchObject({
      status: 'fail',
      claims: { '3.5.1': { status: 'fail' } },
    });
  });
});
