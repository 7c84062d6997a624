/**
 * The planner that runs the fact table: priorities within the request budget, follow-ups after
 * the answers they depend on, no request that an earlier refusal proved would be refused, and for
 * every fact not asked the reason why. GitHub is replaced by canned answers keyed by what is asked.
 */
import { describe, expect, it } from '@jest/globals';
import type { Answer } from '../../src/github/facts/answers.js';
import { runFactPlan, type PlanInput } from '../../src/github/facts/planner.js';
import { FACT_TABLE } from '../../src/github/facts/table.js';
import type { FactEntry, FactKey, PlanContext, Question } from '../../src/github/facts/types.js';
import type { Fact } from '../../src/github/fact.js';

const OK: Answer = { ok: true, status: 200, data: [] };
const NOT_ACCESSIBLE: Answer = { ok: false, status: 403, message: 'Resource not accessible by integration' };

const context: PlanInput['context'] = {
  owner: 'acme',
  repo: 'widgets',
  branch: 'main',
  repository: {
    owner: 'acme',
    name: 'widgets',
    fullName: 'acme/widgets',
    ownerType: 'Organization',
    defaultBranch: 'main',
    archived: false,
    disabled: false,
    fork: false,
    private: false,
    visibility: 'public',
    pushedAt: null,
    htmlUrl: 'https://github.com/acme/widgets',
    admin: undefined,
  },
  repoAnswer: {
    name: 'widgets',
    full_name: 'acme/widgets',
    owner: { login: 'acme', type: 'Organization' },
    default_branch: 'main',
    archived: false,
    fork: false,
    private: false,
    pushed_at: null,
    html_url: 'https://github.com/acme/widgets',
  },
};

/** A question that reads any answer as known(what was asked), or the refusal as unknown. */
function question(what: string): Question<unknown> {
  return {
    what,
    request: () => Promise.reject(new Error('not sent in this test')),
    read: (a): Fact<unknown> =>
      a.ok ? { value: what } : { unknown: { reason: `${what}: refused`, howToObserve: '-' } },
  };
}

/** A table entry under a real key (the planner does not look at what a key means). */
function entry(
  key: FactKey,
  priority: number,
  permission: FactEntry['permission'],
  asks: string[] | ((ctx: PlanContext) => string[]),
  after: FactKey[] = [],
): FactEntry {
  return {
    key,
    priority,
    permission,
    after,
    schema: FACT_TABLE[key].schema,
    plan: (ctx: PlanContext) => ({
      ask: (typeof asks === 'function' ? asks(ctx) : asks).map(question),
      combine: (results: readonly Fact<unknown>[]) => ({ value: results }),
    }),
  } as unknown as FactEntry;
}

/** Runs the planner with canned answers (default 200), recording what was sent, in order. */
async function plan(entries: FactEntry[], budget: number, answers: Record<string, Answer> = {}, spent = 0) {
  const sent: string[] = [];
  const result = await runFactPlan({
    entries,
    context,
    budget,
    spent: () => spent + sent.length,
    send: async (q) => {
      sent.push(q.what);
      return answers[q.what] ?? OK;
    },
  });
  return { sent, result };
}

describe('the fact planner', () => {
  it('spends the budget on the highest-priority requests of a wave, whatever the table order', async () => {
    const { sent, result } = await plan(
      [
        entry('releases', 10, 'contents', ['releases']),
        entry('commits', 90, 'contents', ['commits']),
        entry('advisories', 50, 'advisories', ['advisories']),
      ],
      2,
    );
    expect(sent).toEqual(['commits', 'advisories']);
    expect(result.notAsked).toEqual([
      {
        key: 'releases',
        what: 'releases',
        cause: 'budget',
        why: {
          reason:
            "releases: not asked: the scan's budget of 2 API requests was spent on facts that decide more",
          howToObserve: expect.stringMatching(
            /needs fewer follow-up requests; otherwise review this on GitHub/,
          ),
        },
      },
    ]);
    expect(result.fact('releases')).toEqual({
      value: [
        { unknown: expect.objectContaining({ reason: expect.stringMatching(/^releases: not asked/) }) },
      ],
    });
  });

  it('counts the requests already made (the repository, retries) against the budget', async () => {
    const { sent } = await plan(
      [entry('commits', 90, 'contents', ['commits']), entry('releases', 10, 'contents', ['releases'])],
      3,
      {},
      2,
    );
    expect(sent).toEqual(['commits']);
  });

  it('plans a follow-up only once the facts it is after are in, and gives it their values', async () => {
    const { sent } = await plan(
      [
        entry('rulesets', 99, 'metadata', (ctx) => [`after ${JSON.stringify(ctx.fact('branchRules'))}`], [
          'branchRules',
        ]),
        entry('branchRules', 1, 'metadata', ['rules']),
      ],
      15,
    );
    // The follow-up outranks the rules, yet waits for them.
    expect(sent).toEqual(['rules', 'after {"value":[{"value":"rules"}]}']);
  });

  it('does not send a request whose permission an earlier answer refused, and names that refusal', async () => {
    const { sent, result } = await plan(
      [
        entry('classicProtection', 95, 'administration', ['classic protection']),
        entry('dependabotAlerts', 80, 'dependabot', ['alerts']),
        entry('dependabotAlertsEnabled', 78, 'administration', ['alerts setting'], ['classicProtection']),
        entry('selectedActions', 20, 'administration', ['allowed actions'], ['dependabotAlerts']),
        entry('branchSummary', 88, 'contents', ['branch'], ['classicProtection']),
      ],
      15,
      { 'classic protection': NOT_ACCESSIBLE },
    );
    expect(sent).toEqual(['classic protection', 'alerts', 'branch']);
    expect(result.notAsked.map((n) => [n.what, n.cause])).toEqual([
      ['alerts setting', 'permission'],
      ['allowed actions', 'permission'],
    ]);
    expect(result.notAsked[0]!.why).toEqual({
      reason:
        'alerts setting: not asked: GitHub refused classic protection with 403 (Resource not accessible by integration), which needs the same permission',
      howToObserve: expect.stringMatching(/^needs a token with Administration: read/),
    });
  });

  it('takes a 403 that is not about the token (a disabled feature) as no proof', async () => {
    const { sent, result } = await plan(
      [
        entry('dependabotAlerts', 80, 'administration', ['alerts']),
        entry('dependabotAlertsEnabled', 78, 'administration', ['alerts setting'], ['dependabotAlerts']),
      ],
      15,
      { alerts: { ok: false, status: 403, message: 'Dependabot alerts are disabled for this repository.' } },
    );
    expect(sent).toEqual(['alerts', 'alerts setting']);
    expect(result.notAsked).toEqual([]);
  });

  it('says why for every request it did not send, budget and permission alike', async () => {
    const { sent, result } = await plan(
      [
        entry('actionsPermissions', 65, 'administration', ['actions']),
        entry('rulesets', 30, 'metadata', ['ruleset 1', 'ruleset 2', 'ruleset 3'], ['actionsPermissions']),
        entry('selectedActions', 20, 'administration', ['allowed actions'], ['actionsPermissions']),
      ],
      2,
      { actions: NOT_ACCESSIBLE },
    );
    expect(sent).toEqual(['actions', 'ruleset 1']);
    const whys = result.notAsked.map(
      (n) => `${n.what} → ${n.cause}: ${n.why.reason} / ${n.why.howToObserve}`,
    );
    expect(whys).toEqual([
      expect.stringMatching(/^ruleset 2 → budget: ruleset 2: not asked: the scan's budget of 2 API requests/),
      expect.stringMatching(/^ruleset 3 → budget: ruleset 3: not asked: the scan's budget of 2 API requests/),
      expect.stringMatching(
        /^allowed actions → permission: allowed actions: not asked: GitHub refused actions with 403.* \/ needs a token with Administration: read/,
      ),
    ]);
  });
});

describe('the fact table under the planner', () => {
  const table = Object.values(FACT_TABLE) as FactEntry[];
  const send =
    (refuse: Set<string>, sent: string[]) =>
    async (q: Question<unknown>): Promise<Answer> => {
      sent.push(q.what);
      return [...refuse].some((r) => q.what.startsWith(r)) ? NOT_ACCESSIBLE : OK;
    };

  it('asks whether Dependabot alerts are on before it reads ruleset details', async () => {
    const sent: string[] = [];
    const refuse = new Set(['open Dependabot alerts']);
    // Three rulesets apply; the budget leaves room for four follow-ups after the first wave (ten
    // requests: the Actions settings wait for classic protection, which needs the same permission).
    const rules = [1, 2, 3].map((id) => ({ type: 'deletion', ruleset_id: id }));
    const result = await runFactPlan({
      entries: table,
      context,
      budget: 1 + 10 + 4,
      spent: () => 1 + sent.length,
      send: async (q) => {
        const answer = await send(refuse, sent)(q);
        return q.what === 'rulesets for main' ? { ok: true, status: 200, data: rules } : answer;
      },
    });
    expect(sent.slice(10)).toEqual([
      'whether Dependabot alerts are enabled',
      'Actions permissions',
      'default workflow permissions',
      'ruleset 1',
    ]);
    expect(result.fact('dependabotAlertsEnabled')).toEqual({ value: true });
    expect(result.notAsked.map((n) => n.what)).toEqual(['ruleset 2', 'ruleset 3']);
  });

  it('leaves out what does not apply: no pull request, classic protection read, actions not "selected"', async () => {
    const notProtected: Answer = { ok: false, status: 404, message: 'Branch not protected' };
    const result = await runFactPlan({
      entries: table,
      context,
      budget: 15,
      spent: () => 0,
      send: async (q) => (q.what === 'classic branch protection for main' ? notProtected : OK),
    });
    expect(result.absent.map((a) => a.key).sort()).toEqual([
      'branchSummary',
      'pullCommits',
      'selectedActions',
    ]);
    expect(result.notAsked).toEqual([]);
  });
});
