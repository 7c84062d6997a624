/** Properties every API check shares. */
import { describe, expect, it } from '@jest/globals';
import type { ApiCheck } from '../../src/checks/check.js';
import { API_CHECKS } from '../../src/checks/index.js';
import type { GitHubFacts } from '../../src/github/facts.js';
import { githubFacts, runApiCheck } from '../support/fake-github/facts.js';

const apiChecks = API_CHECKS.map((c) => [c.id, c as ApiCheck] as const);
/** Fields of the facts object that are not facts (every check may read them). */
const NOT_FACTS = new Set(['repository', 'branch', 'pullNumber', 'apiRequests', 'actionPins']);

describe('every API check', () => {
  it.each(API_CHECKS.map((c) => [c.id, c]))(
    '%s is unknown offline and passes a well-configured repository',
    (_id, check) => {
      const api = check as ApiCheck;
      expect(runApiCheck(api, undefined)).toMatchObject({
        status: 'unknown',
        unknown: { reason: 'offline scan' },
      });
      expect(runApiCheck(api, githubFacts()).status).toBe('pass');
    },
  );

  it.each(apiChecks)('%s reads only the GitHub facts it declares', (_id, check) => {
    const read = new Set<string>();
    const facts = new Proxy(
      githubFacts({
        pullCommits: { value: [] },
        branchSummary: { value: { protected: true, requiredStatusChecks: [] } },
      }),
      {
        get(target, key, receiver) {
          if (typeof key === 'string' && !NOT_FACTS.has(key)) read.add(key);
          return Reflect.get(target, key, receiver) as unknown;
        },
      },
    );
    runApiCheck(check, facts);
    expect(read.size).toBeGreaterThan(0);
    expect([...read].filter((k) => !check.facts.includes(k as never))).toEqual([]);
    for (const judged of check.judges?.facts ?? []) expect(check.facts).toContain(judged);
  });

  it.each(apiChecks.filter(([, c]) => c.judges))(
    "%s is not run when none of the facts it judges was observed: unknown, with the first one's reason",
    (_id, check) => {
      const hidden = Object.fromEntries(
        check.judges!.facts.map((key) => [
          key,
          { unknown: { reason: `${key} hidden`, howToObserve: `grant ${key}` } },
        ]),
      ) as Partial<GitHubFacts>;
      const out = runApiCheck(check, githubFacts(hidden));
      const first = check.judges!.facts[0]!;
      expect(out).toEqual({
        status: 'unknown',
        summary: expect.stringMatching(/could (not )?be (observed|read)\./),
        findings: [],
        evidence: [],
        unknown: { reason: `${first} hidden`, howToObserve: `grant ${first}` },
      });
    },
  );
});
