/**
 * codeowners: a CODEOWNERS file where GitHub reads it, free of the syntax GitHub rejects, whose
 * rules give every file in the tree an owner.
 */
import type { CheckOutcome, Evidence, Finding } from '../model/types.js';
import { globMatcher } from '../glob.js';
import { quote, splitLines } from '../evidence/locate.js';
import { findingAt, type FileCheck } from './check.js';
import { unknown } from './outcome.js';

const ID = 'codeowners';

/** GitHub's order of precedence: the first of these that exists is the one it uses. */
const LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
const LOCATIONS_LOWER = LOCATIONS.map((l) => l.toLowerCase());

/** GitHub ignores CODEOWNERS files larger than 3 MB. */
const MAX_BYTES = 3 * 1024 * 1024;

const USER_OR_TEAM = /^@[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\/[A-Za-z0-9._-]{1,100})?$/;
const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{1,63}$/;

/** Lines longer than this are reported, not matched, bounding the work per line. */
const MAX_LINE = 4096;

interface Rule {
  line: number;
  pattern: string;
  owners: string[];
  matches: (path: string) => boolean;
}

export const codeowners: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => (LOCATIONS.includes(path) ? 'text' : undefined),
  run: ({ files }) => {
    const present = LOCATIONS.filter((p) => files.has(p));
    const path = present[0];
    if (!path) {
      const wrongCase = files.paths.find((p) => LOCATIONS_LOWER.includes(p.toLowerCase()));
      return {
        status: 'fail',
        summary: 'No CODEOWNERS file: no one is named as responsible for reviewing changes.',
        findings: [
          findingAt(ID, wrongCase ? { path: wrongCase, line: 1 } : undefined, {
            severity: 'low',
            message: wrongCase
              ? `${wrongCase} is not used by GitHub: the file must be named CODEOWNERS exactly.`
              : 'No CODEOWNERS file in .github/, the root or docs/.',
          }),
        ],
        evidence: [],
      };
    }
    const text = files.text(path);
    const size = files.size(path) ?? 0;
    if (text === undefined || size > MAX_BYTES) {
      return unknown(
        `${path} could not be read.`,
        {
          reason: size > MAX_BYTES ? `${path} is over GitHub's 3 MB limit` : `${path} could not be read`,
          howToObserve: 'keep CODEOWNERS a regular file under 3 MB',
        },
        { evidence: [{ summary: 'CODEOWNERS present', path }] },
      );
    }
    const outcome = assess(path, text, files.paths);
    for (const other of present.slice(1)) {
      outcome.findings.push(
        findingAt(
          ID,
          { path: other, line: 1 },
          {
            severity: 'info',
            message: `GitHub uses ${path} and ignores this file.`,
          },
        ),
      );
    }
    return outcome;
  },
};

/** Parses CODEOWNERS lines; returns the usable rules and a finding per line GitHub would reject. */
export function parseCodeowners(path: string, text: string): { rules: Rule[]; errors: Finding[] } {
  const rules: Rule[] = [];
  const errors: Finding[] = [];
  splitLines(text).forEach((raw, i) => {
    const line = i + 1;
    // [\s\S]*, not .*: `.` stops at U+2028, and `(^|\s)#.*$` then backtracks quadratically.
    const content = raw.replace(/(^|\s)#[\s\S]*$/, '').trim();
    if (!content) return;
    const bad = (message: string, column = 1): void => {
      errors.push(
        findingAt(ID, { path, line, column }, { severity: 'low', message: `${message}: ${quote(raw, 80)}` }),
      );
    };
    if (raw.length > MAX_LINE) return bad('line too long to be a rule');
    const [pattern, ...owners] = content.split(/\s+/);
    if (!pattern) return;
    if (pattern.startsWith('!')) return bad('negated patterns (!) are not supported by CODEOWNERS');
    if (/\[[^\]]*\]/.test(pattern)) return bad('character ranges ([ ]) are not supported by CODEOWNERS');
    const invalid = owners.find((o) => !USER_OR_TEAM.test(o) && !EMAIL.test(o));
    if (invalid)
      return bad(`"${invalid}" is not a @user, @org/team or email owner`, raw.indexOf(invalid) + 1);
    rules.push({ line, pattern, owners, matches: compilePattern(pattern) });
  });
  return { rules, errors };
}

/** The matcher of a pattern that owns the whole tree. */
const MATCHES_ALL = (): boolean => true;

/** Compiles a CODEOWNERS (gitignore-style) pattern to a path matcher. */
export function compilePattern(pattern: string): (path: string) => boolean {
  let p = pattern.replace(/\\#/g, '#');
  const anchored = p.startsWith('/') || p.slice(0, -1).includes('/');
  p = p.replace(/^\//, '');
  const dirOnly = p.endsWith('/');
  p = p.replace(/\/$/, '');
  if (p === '' || p === '*' || p === '**') return MATCHES_ALL;
  const base = anchored ? p : `**/${p}`;
  // A pattern naming a directory also owns everything below it; one ending in a wildcard segment
  // (`docs/*`) owns only direct children, as GitHub documents.
  const lastSegment = p.slice(p.lastIndexOf('/') + 1);
  const globs = dirOnly ? [`${base}/**`] : lastSegment.includes('*') ? [base] : [base, `${base}/**`];
  return globMatcher(globs);
}

/**
 * The paths no rule gives an owner: the last matching rule wins, and one without owners leaves its
 * paths unowned. Rules before the last that matches everything never win, and when it and every
 * rule after it name owners, every path has one, with no path to test.
 */
function unownedPaths(rules: readonly Rule[], paths: readonly string[]): string[] {
  const start = rules.findLastIndex((r) => r.matches === MATCHES_ALL);
  const deciding = rules.slice(Math.max(start, 0)).reverse();
  if (start >= 0 && deciding.every((r) => r.owners.length > 0)) return [];
  const unowned: string[] = [];
  for (const file of paths) {
    const rule = deciding.find((r) => r.matches(file));
    if (!rule || rule.owners.length === 0) unowned.push(file);
  }
  return unowned;
}

function assess(path: string, text: string, paths: readonly string[]): CheckOutcome {
  const { rules, errors } = parseCodeowners(path, text);
  const evidence: Evidence[] = [{ summary: `${rules.length} ownership rules`, path, line: 1 }];
  if (rules.length === 0) {
    return {
      status: 'fail',
      summary: `${path} has no valid rules.`,
      findings: [
        ...errors,
        findingAt(ID, { path, line: 1 }, { severity: 'low', message: `${path} assigns no owners.` }),
      ],
      evidence,
    };
  }
  const unowned = unownedPaths(rules, paths);
  const catchAll = rules.find(
    (r) => r.owners.length > 0 && ['*', '/*', '**', '/**', '/'].includes(r.pattern),
  );
  if (catchAll)
    evidence.push({
      summary: 'default owners for the whole tree',
      path,
      line: catchAll.line,
      quote: `${catchAll.pattern} ${catchAll.owners.join(' ')}`,
    });
  const findings = [...errors];
  if (unowned.length) {
    findings.push(
      findingAt(
        ID,
        { path, line: 1 },
        {
          severity: 'low',
          message: `${unowned.length} of ${paths.length} files have no owner (e.g. ${unowned.slice(0, 3).join(', ')}).`,
          remediation: 'Add a first rule `* @owner` so every path has a default owner.',
        },
      ),
    );
  }
  const status = unowned.length === 0 && errors.length === 0 ? 'pass' : 'partial';
  return {
    status,
    summary:
      unowned.length === 0
        ? `${path} gives every file an owner${errors.length ? `, but ${errors.length} line(s) are invalid` : ''}.`
        : `${path} leaves ${unowned.length} of ${paths.length} files without an owner.`,
    findings,
    evidence,
  };
}
