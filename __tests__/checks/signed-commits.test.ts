import { describe, expect, it } from '@jest/globals';
import { signedCommits } from '../../src/checks/signed-commits.js';
import {
  commitFacts,
  githubFacts,
  hidden,
  pr,
  rulesetFacts,
  runApiCheck,
} from '../support/fake-github/facts.js';

const noSignatureRule = { value: { rules: [pr(1)], rulesets: [rulesetFacts(1, 'main')] } };

describe('signed-commits', () => {
  it('is unknown offline', () => {
    expect(runApiCheck(signedCommits, undefined).unknown?.reason).toBe('offline scan');
  });

  it('passes when a ruleset requires signatures, citing it, with the verified share', () => {
    const out = runApiCheck(signedCommits, githubFacts());
    expect(out.status).toBe('pass');
    expect(out.evidence).toEqual([
      { summary: 'signed commits are required', source: 'ruleset "main" (id 1)' },
      {
        summary: '30 of the last 30 commits on main have a verified signature',
        source: 'commit verification (GitHub)',
      },
    ]);
  });

  it('is partial when every commit is signed but nothing requires it', () => {
    expect(runApiCheck(signedCommits, githubFacts({ branchRules: noSignatureRule })).status).toBe('partial');
  });

  it('fails when unsigned commits land and signing is not required, naming them', () => {
    const out = runApiCheck(
      signedCommits,
      githubFacts({ branchRules: noSignatureRule, commits: commitFacts(10, (i) => i !== 3) }),
    );
    expect(out.status).toBe('fail');
    expect(out.findings[0]?.message).toMatch(
      /1 of the last 10 commits on main are not verified: ccccccc \(dev\)\./,
    );
  });

  it('accepts classic protection as the source of the requirement', () => {
    const out = runApiCheck(
      signedCommits,
      githubFacts({
        branchRules: noSignatureRule,
        classicProtection: {
          value: {
            pullRequestReviews: null,
            requiredStatusChecks: null,
            enforceAdmins: true,
            allowForcePushes: false,
            allowDeletions: false,
            requiredSignatures: true,
            restrictions: null,
          },
        },
      }),
    );
    expect(out.status).toBe('pass');
    expect(out.evidence[0]?.source).toBe('classic branch protection');
  });

  it('is unknown when the requirement cannot be observed', () => {
    const out = runApiCheck(
      signedCommits,
      githubFacts({ branchRules: noSignatureRule, classicProtection: hidden() }),
    );
    expect(out.status).toBe('unknown');
    expect(out.unknown?.howToObserve).toMatch(/Administration: read/);
  });

  it('judges what the history shows when the requirement cannot be read: unverified commits are partial, none verified fail', () => {
    const unreadable = { branchRules: noSignatureRule, classicProtection: hidden() };
    const some = runApiCheck(
      signedCommits,
      githubFacts({ ...unreadable, commits: commitFacts(10, (i) => i % 3 !== 1) }),
    );
    expect(some.status).toBe('partial');
    expect(some.unknown).toBeUndefined();
    expect(some.summary).toMatch(/^7 of the last 10 commits are verified on main; whether it requires/);
    expect(some.findings[0]?.message).toMatch(/3 of the last 10 commits on main are not verified/);
    expect(some.evidence[0]?.summary).toMatch(/not observable: GitHub answered 403 .*Administration: read/);
    const none = runApiCheck(
      signedCommits,
      githubFacts({ ...unreadable, commits: commitFacts(4, () => false) }),
    );
    expect(none.status).toBe('fail');
  });

  it("names each unsigned commit of a pull request with GitHub's reason", () => {
    const pull = commitFacts(3, (i) => i !== 1);
    if ('value' in pull)
      pull.value[1] = {
        ...pull.value[1]!,
        sha: 'deadbeef'.padEnd(40, '0'),
        subject: 'sneaky',
        author: 'mallory',
        reason: 'unknown_key',
      };
    const out = runApiCheck(signedCommits, githubFacts({ pullNumber: 7, pullCommits: pull }));
    expect(out.findings).toEqual([
      expect.objectContaining({
        severity: 'high',
        message: expect.stringMatching(
          /^Commit deadbeef0000 "sneaky" by mallory in pull request #7 is not verified \(unknown_key\); main requires signed commits/,
        ),
      }),
    ]);
  });
});
