/**
 * Reads the per-repository JSON reports of an organisation-wide scan (`sscop scan --format json`,
 * one per repository, downloaded as artifacts) one at a time, keeping of each only what the
 * roll-up needs: memory stays flat however many there are. A file that is not a report is named
 * with the reason, never a crash.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import * as z from 'zod';
import { errorFirstLine } from '../errors.js';
import { CHECK_STATUSES, CLAIM_STATUSES, type ClaimStatus } from '../model/types.js';
import { MAX_BASELINE_BYTES } from '../report/baseline.js';

const count = z.number().int().min(0);
// Only the fields the roll-up reads are validated; a later 1.x report with more still rolls up.
const reportSchema = z.object({
  schemaVersion: z.string().regex(/^1\.\d+$/, 'expected "1.x" (a JSON report from sscop 1.x)'),
  tool: z.object({ name: z.literal('sscop') }),
  repository: z.string().max(300).nullable(),
  generatedAt: z.string().max(100),
  score: z.number().min(0).max(100),
  threshold: z.number().min(0).max(100),
  passed: z.boolean(),
  coverage: z.object({ observed: count, total: count, unknown: count }),
  principles: z
    .array(
      z.object({
        id: z.string().regex(/^\d+\.\d+$/, 'expected a principle id'),
        title: z.string().max(500),
        status: z.enum(CLAIM_STATUSES),
        score: z.number().min(0).max(100).nullable(),
      }),
    )
    .min(1)
    .max(100),
  checks: z
    .array(
      z.object({
        id: z.string().max(100),
        enabled: z.boolean().optional(),
        status: z.enum(CHECK_STATUSES),
        findings: z.array(z.object({ suppressed: z.literal(true).optional() })),
        unknown: z.object({ reason: z.string(), howToObserve: z.string() }).optional(),
      }),
    )
    .max(1000),
});

/** An unknown check of one repository: what was not observed and what would reveal it. */
export interface UnobservedCheck {
  checkId: string;
  reason: string;
  howToObserve: string;
}

/** What the roll-up keeps of one repository's report. */
export interface RepositorySummary {
  repository: string;
  file: string;
  generatedAt: string;
  score: number;
  threshold: number;
  passed: boolean;
  coverage: { observed: number; total: number; unknown: number };
  principles: { id: string; title: string; status: ClaimStatus; score: number | null }[];
  /** Findings not suppressed, over the enabled checks. */
  findings: number;
  unobserved: UnobservedCheck[];
}

export type ReadOutcome = { summary: RepositorySummary } | { file: string; problem: string };

/** One report file's summary, or why it is not one. */
export async function readRepositoryReport(file: string, display: string): Promise<ReadOutcome> {
  try {
    const st = await fs.stat(file);
    if (!st.isFile()) return { file: display, problem: 'not a regular file' };
    if (st.size > MAX_BASELINE_BYTES)
      return { file: display, problem: `larger than ${MAX_BASELINE_BYTES / 1024 / 1024} MiB` };
    return summarise(await fs.readFile(file, 'utf8'), display);
  } catch (error) {
    return { file: display, problem: `cannot read it (${(error as NodeJS.ErrnoException).code ?? 'error'})` };
  }
}

/** The summary of a report's text (pure). */
export function summarise(text: string, display: string): ReadOutcome {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    return { file: display, problem: `not valid JSON (${errorFirstLine(error)})` };
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    return { file: display, problem: `not an sscop JSON report: ${where}${errorFirstLine(issue.message)}` };
  }
  const r = parsed.data;
  const enabled = r.checks.filter((c) => c.enabled !== false);
  return {
    summary: {
      repository: r.repository ?? `(unnamed: ${display})`,
      file: display,
      generatedAt: r.generatedAt,
      score: r.score,
      threshold: r.threshold,
      passed: r.passed,
      coverage: r.coverage,
      principles: r.principles.map(({ id, title, status, score }) => ({ id, title, status, score })),
      findings: enabled.reduce((n, c) => n + c.findings.filter((f) => !f.suppressed).length, 0),
      unobserved: enabled.flatMap((c) =>
        c.status === 'unknown' && c.unknown
          ? [{ checkId: c.id, reason: c.unknown.reason, howToObserve: c.unknown.howToObserve }]
          : [],
      ),
    },
  };
}

/**
 * The report files named on the command line: a folder is searched (depth-first, sorted, as
 * downloaded artifacts lay them out: one folder per artifact) for `*.json`; files are taken as given.
 */
export async function* reportFiles(inputs: readonly string[], cwd: string): AsyncGenerator<string> {
  for (const input of inputs) {
    const full = path.resolve(cwd, input);
    const st = await fs.lstat(full).catch(() => undefined);
    if (st?.isDirectory()) yield* jsonFilesUnder(full);
    else yield full;
  }
}

async function* jsonFilesUnder(dir: string): AsyncGenerator<string> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    // Links are not followed: a folder of downloaded artifacts holds none, and a loop would never end.
    if (entry.isDirectory()) yield* jsonFilesUnder(full);
    else if (entry.isFile() && entry.name.endsWith('.json')) yield full;
  }
}
