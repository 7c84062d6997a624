/**
 * The change since an earlier roll-up (its `estate.json`, given as the baseline): how the estate
 * score and coverage moved, which repositories joined or left, which fell below the threshold or
 * rose above it, and how often each principle is not met now against then.
 */
import * as z from 'zod';
import { errorFirstLine, UserError } from '../errors.js';
import type { Rollup } from './rollup.js';

const previousSchema = z.object({
  schemaVersion: z.string().regex(/^1\.\d+$/, 'expected "1.x" (an estate.json from sscop org report)'),
  generatedAt: z.string().max(100),
  estate: z.object({
    repositories: z.number().int().min(0),
    score: z.number().min(0).max(100),
    coverage: z.object({ percent: z.number().min(0).max(100) }),
  }),
  principles: z.array(z.object({ id: z.string().max(20), notMet: z.number().int().min(0) })),
  repositories: z.array(
    z.object({ repository: z.string().max(300), score: z.number().min(0).max(100), passed: z.boolean() }),
  ),
});

export type PreviousRollup = z.infer<typeof previousSchema>;

export interface RepositoryMove {
  repository: string;
  before: number;
  after: number;
}

export interface RollupChange {
  since: string;
  score: { before: number; after: number };
  coveragePercent: { before: number; after: number };
  added: string[];
  removed: string[];
  /** Passed then, not now. */
  newlyFailing: RepositoryMove[];
  /** Failed then, pass now. */
  newlyPassing: RepositoryMove[];
  principles: { id: string; notMetBefore: number; notMetAfter: number }[];
}

/** Parses an earlier `estate.json`; `file` names it in errors. */
export function parsePreviousRollup(text: string, file: string): PreviousRollup {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new UserError(`${file}: the baseline is not valid JSON (${errorFirstLine(error)})`);
  }
  const parsed = previousSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(
      `${file}: not an estate.json from sscop org report: ${issue.path.join('.')}: ${errorFirstLine(issue.message)}`,
    );
  }
  return parsed.data;
}

export function rollupChange(previous: PreviousRollup, now: Rollup): RollupChange {
  const before = new Map(previous.repositories.map((r) => [r.repository.toLowerCase(), r]));
  const after = new Map(now.repositories.map((r) => [r.repository.toLowerCase(), r]));
  const newlyFailing: RepositoryMove[] = [];
  const newlyPassing: RepositoryMove[] = [];
  for (const [key, r] of after) {
    const was = before.get(key);
    if (!was || was.passed === r.passed) continue;
    (r.passed ? newlyPassing : newlyFailing).push({
      repository: r.repository,
      before: was.score,
      after: r.score,
    });
  }
  newlyFailing.sort((a, b) => a.after - a.before - (b.after - b.before));
  const notMetBefore = new Map(previous.principles.map((p) => [p.id, p.notMet]));
  return {
    since: previous.generatedAt,
    score: { before: previous.estate.score, after: now.estate.score },
    coveragePercent: { before: previous.estate.coverage.percent, after: now.estate.coverage.percent },
    added: [...after].filter(([key]) => !before.has(key)).map(([, r]) => r.repository),
    removed: [...before].filter(([key]) => !after.has(key)).map(([, r]) => r.repository),
    newlyFailing,
    newlyPassing,
    principles: now.principles.map((p) => ({
      id: p.id,
      notMetBefore: notMetBefore.get(p.id) ?? 0,
      notMetAfter: p.notMet,
    })),
  };
}
