/**
 * Runs the fact table within a request budget. Entries are planned in waves: an entry waits for
 * the facts it is `after` (a follow-up needs their answers to know whether and what to ask);
 * each wave's requests go out at once. Within a wave the highest-priority requests take the
 * budget; a request whose permission an earlier answer already refused is not sent. Every fact
 * not asked says why, in words a user can act on.
 */
import type { Unknown } from '../../model/types.js';
import { unobserved, type Fact } from '../fact.js';
import { PERMISSIONS } from '../permissions.js';
import { refusesPermission, type Answer } from './answers.js';
import type { FactEntry, FactKey, PlanContext, Question, TableFacts } from './types.js';

export interface PlanInput {
  entries: readonly FactEntry[];
  /** The scan's context without the facts (the planner adds those). */
  context: Omit<PlanContext, 'fact' | 'answers'>;
  /** Requests the scan may make in all, and how many it has made so far (retries included). */
  budget: number;
  spent(): number;
  /** Sends one request; only a fatal error (401) may reject. */
  send(question: Question<unknown>): Promise<Answer>;
}

/** A request that was not sent, and why. */
export interface NotAsked {
  key: FactKey;
  what: string;
  cause: 'budget' | 'permission';
  why: Unknown;
}

export interface PlanResult {
  fact<K extends FactKey>(key: K): Fact<TableFacts[K]> | undefined;
  notAsked: NotAsked[];
  /** Facts that do not apply to this scan, and why. */
  absent: { key: FactKey; why: string }[];
}

type Value = TableFacts[FactKey];
interface Pending {
  entry: FactEntry;
  questions: readonly Question<Value>[];
  combine?: (results: readonly Fact<Value>[]) => Fact<Value>;
  results: Fact<Value>[];
}

export async function runFactPlan(input: PlanInput): Promise<PlanResult> {
  const facts = new Map<FactKey, Fact<Value>>();
  const answers = new Map<FactKey, Answer[]>();
  /** The first refusal of each permission: later requests needing it are not sent. */
  const refused = new Map<string, string>();
  const result: PlanResult = {
    fact: <K extends FactKey>(key: K) => facts.get(key) as Fact<TableFacts[K]> | undefined,
    notAsked: [],
    absent: [],
  };
  const context: PlanContext = {
    ...input.context,
    fact: result.fact,
    answers: (key) => answers.get(key) ?? [],
  };
  let waiting = [...input.entries].sort((a, b) => b.priority - a.priority);
  const settled = new Set<FactKey>();
  while (waiting.length) {
    const wave = waiting.filter((e) =>
      e.after.every((k) => settled.has(k) || !waiting.some((w) => w.key === k)),
    );
    if (!wave.length) throw new Error(`fact table: a cycle among ${waiting.map((e) => e.key).join(', ')}`);
    waiting = waiting.filter((e) => !wave.includes(e));

    const pending: Pending[] = [];
    for (const entry of wave) {
      const plan = entry.plan(context);
      if ('absent' in plan) result.absent.push({ key: entry.key, why: plan.absent });
      else if ('settled' in plan) facts.set(entry.key, plan.settled);
      else pending.push({ entry, questions: plan.ask, combine: plan.combine, results: [] });
    }
    const sends: { pending: Pending; index: number; question: Question<Value> }[] = [];
    let room = Math.max(0, input.budget - input.spent());
    for (const p of pending) {
      p.questions.forEach((question, index) => {
        const proof = refused.get(p.entry.permission);
        const skip = (cause: NotAsked['cause'], why: { unknown: Unknown }) => {
          result.notAsked.push({ key: p.entry.key, what: question.what, cause, why: why.unknown });
          p.results[index] = question.unasked?.(why) ?? why;
        };
        if (proof) skip('permission', refusedWhy(question.what, proof, p.entry));
        else if (room <= 0) skip('budget', overBudget(question.what, input.budget));
        else {
          room--;
          sends.push({ pending: p, index, question });
        }
      });
    }
    await Promise.all(
      sends.map(async ({ pending: p, index, question }) => {
        const answer = await input.send(question);
        const list = answers.get(p.entry.key) ?? [];
        list[index] = answer;
        answers.set(p.entry.key, list);
        if (!answer.ok && refusesPermission(answer) && !refused.has(p.entry.permission))
          refused.set(p.entry.permission, `${question.what} with ${answer.status} (${answer.message})`);
        p.results[index] = question.read(answer);
      }),
    );
    for (const p of pending) {
      facts.set(p.entry.key, p.combine ? p.combine(p.results) : p.results[0]!);
    }
    for (const e of wave) settled.add(e.key);
  }
  return result;
}

function overBudget(what: string, budget: number): { unknown: Unknown } {
  return unobserved(
    `${what}: not asked: the scan's budget of ${budget} API requests was spent on facts that decide more`,
    'a token that can read Administration and Dependabot alerts needs fewer follow-up requests; otherwise review this on GitHub',
  );
}

function refusedWhy(what: string, proof: string, entry: FactEntry): { unknown: Unknown } {
  return unobserved(
    `${what}: not asked: GitHub refused ${proof}, which needs the same permission`,
    `needs a token with ${PERMISSIONS[entry.permission]}`,
  );
}
