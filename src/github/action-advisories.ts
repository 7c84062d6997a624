/**
 * The GitHub Advisory Database's reviewed advisories about the actions a repository references:
 * `GET /advisories?ecosystem=actions&affects=<names>`, one request per batch of names (not one
 * per action), its pages followed through the `Link` header up to a small cap. Which reference is
 * vulnerable is decided by the check from the ranges kept here. A batch that fails (403, 5xx,
 * rate limit, time budget, more pages than the cap) leaves its names unanswered, with why: no
 * advisory is not the same as no answer.
 */
import * as z from 'zod';
import { errorMessage } from '../errors.js';
import { stripControl } from '../report/escape.js';
import { shorten } from '../shorten.js';
import type { GitHubClient } from './client.js';

/** Names asked per request; with GitHub's longest names the query stays within a few KB. */
export const ADVISORY_NAMES_PER_REQUEST = 50;
/** Characters of names per request, whatever their count. */
const MAX_AFFECTS_CHARS = 3000;
/** Distinct action names asked per scan; the rest are counted as not asked. */
export const MAX_ADVISORY_NAMES = 200;
/** Pages read per batch (100 advisories each); a batch with more is unanswered. */
export const MAX_ADVISORY_PAGES = 3;
/** An advisory's summary as shown in a finding: untrusted text, kept to one short line. */
const MAX_SUMMARY_CHARS = 120;
const GHSA_ID = /^GHSA(?:-[23456789cfghjmpqrvwx]{4}){3}$/;

export interface ActionVulnerability {
  /** The package name, lower case: `owner/repo`, or `owner/repo/path` for an action in a folder. */
  name: string;
  range: string;
  firstPatched?: string;
}

export interface ActionAdvisory {
  ghsaId: string;
  /** One line, control characters removed, cut short; still untrusted (the reports escape it). */
  summary: string;
  severity: string;
  vulnerabilities: ActionVulnerability[];
}

export interface AdvisoryLookup {
  /** Reviewed advisories not withdrawn, with their `actions` vulnerabilities only. */
  advisories: ActionAdvisory[];
  /** Names (lower case) whose advisories were read in full. */
  answered: string[];
  /** Names asked without a full answer, with GitHub's reason. */
  unanswered: { names: string[]; note: string }[];
  /** Distinct names left unasked because of the cap. */
  unasked: number;
  /** HTTP requests sent to `/advisories`, retries included. */
  requests: number;
}

const vulnerabilitySchema = z.object({
  package: z.object({ ecosystem: z.string(), name: z.string().nullable() }).nullable(),
  vulnerable_version_range: z.string().nullable(),
  first_patched_version: z.string().nullable(),
});
const advisorySchema = z.object({
  ghsa_id: z.string(),
  type: z.string(),
  summary: z.string(),
  severity: z.string(),
  withdrawn_at: z.string().nullable(),
  vulnerabilities: z.array(vulnerabilitySchema).nullable(),
});
const advisoriesSchema = z.array(advisorySchema);

/** Asks GitHub about `names` (action names as written), batched; never rejects. */
export async function lookupActionAdvisories(
  client: GitHubClient,
  names: readonly string[],
): Promise<AdvisoryLookup> {
  const distinct = [...new Set(names.map((n) => n.toLowerCase()))];
  const asked = distinct.slice(0, MAX_ADVISORY_NAMES);
  const before = client.requests.length;
  const batches = await Promise.all(batchesOf(asked).map((batch) => readBatch(client, batch)));
  const advisories = new Map<string, ActionAdvisory>();
  const lookup: AdvisoryLookup = {
    advisories: [],
    answered: [],
    unanswered: [],
    unasked: distinct.length - asked.length,
    requests: client.requests.slice(before).filter((r) => isAdvisoriesRequest(r.url)).length,
  };
  for (const b of batches) {
    if ('note' in b) lookup.unanswered.push({ names: b.names, note: b.note });
    else {
      lookup.answered.push(...b.names);
      for (const a of b.advisories) advisories.set(a.ghsaId, a);
    }
  }
  lookup.advisories = [...advisories.values()];
  return lookup;
}

/** Every name unanswered for one reason (no client could be made). */
export function unansweredAdvisories(names: readonly string[], note: string): AdvisoryLookup {
  const distinct = [...new Set(names.map((n) => n.toLowerCase()))];
  const asked = distinct.slice(0, MAX_ADVISORY_NAMES);
  return {
    advisories: [],
    answered: [],
    unanswered: asked.length ? [{ names: asked, note }] : [],
    unasked: distinct.length - asked.length,
    requests: 0,
  };
}

/** Consecutive groups of names, each within the count and the length a request may carry. */
function batchesOf(names: readonly string[]): string[][] {
  const batches: string[][] = [];
  let current: string[] = [];
  let chars = 0;
  for (const name of names) {
    if (
      current.length &&
      (current.length >= ADVISORY_NAMES_PER_REQUEST || chars + name.length > MAX_AFFECTS_CHARS)
    ) {
      batches.push(current);
      [current, chars] = [[], 0];
    }
    current.push(name);
    chars += name.length + 1;
  }
  if (current.length) batches.push(current);
  return batches;
}

type BatchAnswer = { names: string[]; advisories: ActionAdvisory[] } | { names: string[]; note: string };

async function readBatch(client: GitHubClient, names: string[]): Promise<BatchAnswer> {
  const pages = client.octokit.paginate.iterator('GET /advisories', {
    type: 'reviewed',
    ecosystem: 'actions',
    affects: names.join(','),
    per_page: 100,
  });
  const advisories: ActionAdvisory[] = [];
  let read = 0;
  try {
    for await (const page of pages) {
      const parsed = advisoriesSchema.safeParse(page.data);
      if (!parsed.success) return { names, note: "GitHub's list of advisories is not in the expected shape" };
      advisories.push(...parsed.data.flatMap(actionAdvisory));
      if (++read < MAX_ADVISORY_PAGES) continue;
      if (/<[^<>]+>;\s*rel="next"/.test(page.headers.link ?? '')) {
        return {
          names,
          note: `more than ${MAX_ADVISORY_PAGES * 100} advisories, the most sscop reads per request`,
        };
      }
      break;
    }
  } catch (error) {
    return { names, note: errorMessage(error).split('\n')[0]! };
  }
  return { names, advisories };
}

/** The advisory as the check needs it, or nothing when it is withdrawn, unreviewed or names no action. */
function actionAdvisory(a: z.infer<typeof advisorySchema>): ActionAdvisory[] {
  if (a.type !== 'reviewed' || a.withdrawn_at !== null || !GHSA_ID.test(a.ghsa_id)) return [];
  const vulnerabilities = (a.vulnerabilities ?? []).flatMap((v): ActionVulnerability[] => {
    if (v.package?.ecosystem !== 'actions' || !v.package.name || !v.vulnerable_version_range) return [];
    return [
      {
        name: v.package.name.trim().toLowerCase(),
        range: v.vulnerable_version_range,
        ...(v.first_patched_version ? { firstPatched: v.first_patched_version } : {}),
      },
    ];
  });
  if (!vulnerabilities.length) return [];
  const summary = shorten(stripControl(a.summary).replace(/\s+/g, ' ').trim(), MAX_SUMMARY_CHARS);
  return [{ ghsaId: a.ghsa_id, summary, severity: a.severity, vulnerabilities }];
}

function isAdvisoriesRequest(url: string): boolean {
  try {
    return new URL(url).pathname.endsWith('/advisories');
  } catch {
    return false;
  }
}
