/** Properties every API check shares. */
import { describe, expect, it } from '@jest/globals';
import type { ApiCheck } from '../../src/checks/check.js';
import { API_CHECKS } from '../../src/checks/index.js';
import { githubFacts, runApiCheck } from '../support/fake-github/facts.js';

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
});
