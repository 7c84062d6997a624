/**
 * Catastrophic backtracking. Every regular expression in the evidence modules and in the checks
 * whose owners are done is read from the source (support/regex-inventory.ts). One with only bounded
 * quantifiers ({m,n}) does at most a constant amount of work per input position, and repository
 * text is cut to a line limit before matching. Every one with an unbounded quantifier (*, +, {m,})
 * is checked with recheck (a ReDoS checker): it must be `safe`, or appear below with why its input
 * is bounded, or as a known problem reported to its owner. Then adversarial inputs go through the real checks and
 * the work must grow linearly (time for 4n against n, loosely: linear is 4×, quadratic 16×).
 *
 * `SSCOP_REDOS_ALL=1` also checks every module in src/checks (slow: about a minute).
 */
import { describe, expect, it } from '@jest/globals';
import { check as recheck } from 'recheck';
import { parseCodeowners } from '../../src/checks/codeowners.js';
import { checkContext } from '../../src/checks/check.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { callSummary, effectiveTriggers } from '../../src/evidence/local-workflows.js';
import { parseMarkdown, resolveRepoLink } from '../../src/evidence/markdown.js';
import { SUPPORT_PROSE } from '../../src/checks/support-policy.js';
import { parseWorkflow } from '../../src/evidence/workflows.js';
import { filesFromRecord } from '../../src/repo/files.js';
import { inventoryRegexes, sourceFiles, type RegexSite } from './support/regex-inventory.js';

const DONE_CHECKS = [
  'security-policy',
  'support-policy',
  'incident-communication',
  'vulnerability-management',
  'dependency-update-tool',
  'codeowners',
].map((id) => `src/checks/${id}.ts`);

/** Other modules whose patterns run over repository text: the report's credential redaction. */
const OTHER_FILES = ['src/report/redact.ts'];

const FILES = process.env.SSCOP_REDOS_ALL
  ? [...sourceFiles('src/evidence'), ...sourceFiles('src/checks'), ...OTHER_FILES]
  : [...sourceFiles('src/evidence'), ...DONE_CHECKS, ...OTHER_FILES];

/**
 * Reviewed: not `safe` by recheck, but the input is bounded where the regex is used (or recheck
 * timed out on a large bounded repetition). Keyed by `file /source/`.
 */
const BOUNDED: Record<string, string> = {
  'src/evidence/markdown-prose.ts /\\p{L}{1,40}/':
    'one character class, bounded: recheck times out expanding {1,40}',
  'src/checks/codeowners.ts /\\[[^\\]]*\\]/':
    'applied to a pattern of a line of at most MAX_LINE (4096) chars',
  'src/checks/codeowners.ts /^[^\\s@]{1,64}@[^\\s@]{1,255}\\.[^\\s@]{1,63}$/':
    'anchored, bounded classes, on one whitespace-free owner token',
  'src/checks/security-policy.ts /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63}){1,8}/':
    'bounded repetitions: at most 64 steps per start; lines are cut at 2000 characters',
  'src/evidence/ci-steps.ts /\\/+$/': 'the value is cut to MAX_LINE (2000) first',
};

/** Reported to the owner (see docs/threat-model.md, issue 9); remove the entry when fixed. */
const KNOWN: Record<string, string> = {
  'src/evidence/dockerfile.ts /@sha256:[0-9a-f]{64}$/':
    'isDigestPinned: bounded {64}, recheck reports polynomial; reference is one token',
};

const key = (s: RegexSite): string => `${s.file} /${s.source}/`;

/** Whether the pattern has a *, + or {m,} outside character classes (escapes and classes removed first). */
export function hasUnboundedQuantifier(source: string): boolean {
  const bare = source.replace(/\\[\s\S]/g, 'e').replace(/\[(?:[^\]\\]|\\.)*\]/g, 'c');
  return /[*+]|\{\d+,\}/.test(bare);
}

async function verdicts(
  sites: RegexSite[],
): Promise<Array<{ site: RegexSite; status: string; attack?: string }>> {
  const out: Array<{ site: RegexSite; status: string; attack?: string }> = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < sites.length) {
      const site = sites[next++]!;
      const flags = site.flags.replace(/[gy]/g, '');
      let r = await recheck(site.source, flags, { timeout: 3000 });
      // A verdict cut short by a busy machine (status unknown) is asked again with more time.
      if (r.status === 'unknown') r = await recheck(site.source, flags, { timeout: 30_000 });
      out.push({
        site,
        status: r.status,
        ...(r.status === 'vulnerable' ? { attack: r.attack.pattern } : {}),
      });
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}

describe('the regular expressions applied to repository content', () => {
  const sites = inventoryRegexes(FILES);

  it('are found in the sources (the inventory works)', () => {
    expect(sites.length).toBeGreaterThan(50);
    expect(sites.some((s) => s.file === 'src/checks/codeowners.ts')).toBe(true);
  });

  it('tell bounded from unbounded quantifiers', () => {
    expect(hasUnboundedQuantifier(String.raw`\bgo\s{1,4}test\b[^*+]{0,20}\+`)).toBe(false);
    expect(hasUnboundedQuantifier(String.raw`a\s+b`)).toBe(true);
    expect(hasUnboundedQuantifier(String.raw`a[^\]]*`)).toBe(true);
    expect(hasUnboundedQuantifier('a{2,}')).toBe(true);
  });

  it('with an unbounded quantifier: safe by recheck, or reviewed as bounded, or known and reported', async () => {
    const unbounded = sites.filter((s) => hasUnboundedQuantifier(s.source));
    const unsafe = (await verdicts(unbounded)).filter((v) => v.status !== 'safe');
    const unexplained = unsafe
      .filter((v) => !(key(v.site) in BOUNDED) && !(key(v.site) in KNOWN))
      .map(
        (v) =>
          `${v.site.file}:${v.site.line} /${v.site.source}/ ${v.status}${v.attack ? ` attack: ${v.attack}` : ''}`,
      );
    expect(unexplained).toEqual([]);
  }, 120_000);

  it('the reviewed and known lists name regexes that still exist', () => {
    const present = new Set(sites.map(key));
    const stale = [...Object.keys(BOUNDED), ...Object.keys(KNOWN)].filter(
      (k) => FILES.some((f) => k.startsWith(`${f} `)) && !present.has(k),
    );
    expect(stale).toEqual([]);
  });
});

/** Time of `work(n)` and `work(4n)`, best of three; the ratio must look linear, not quadratic. */
function expectLinear(work: (n: number) => void, n: number): void {
  const best = (m: number): number => {
    let min = Infinity;
    for (let i = 0; i < 3; i++) {
      // CPU time of this process: other test workers running beside it do not inflate it.
      const t0 = process.cpuUsage();
      work(m);
      const d = process.cpuUsage(t0);
      min = Math.min(min, (d.user + d.system) / 1000);
    }
    return min;
  };
  best(n); // warm up
  const small = best(n);
  const large = best(4 * n);
  expect(large).toBeLessThan(8 * small + 50);
}

const runAll = (files: Record<string, string>): void => {
  const ctx = checkContext(filesFromRecord(files), new Date('2026-11-22T00:00:00Z'));
  for (const c of ALL_CHECKS) if (c.source === 'files') c.run(ctx);
};

describe('adversarial inputs through the real code', () => {
  it('CODEOWNERS: "#" after whitespace, many times, before a U+2028 line separator', () => {
    expectLinear((n) => parseCodeowners('CODEOWNERS', `#${'\t#'.repeat(n)}\u2028#`), 50_000);
  });

  it('Markdown link: a URL of many "#" then a line separator', () => {
    expectLinear(
      (n) => resolveRepoLink('README.md', `docs/a.md${'#'.repeat(n)}\u2028#`, new Set(['docs/a.md'])),
      50_000,
    );
  });

  it('SECURITY.md: long runs that almost make e-mail addresses and URLs', () => {
    expectLinear(
      (n) =>
        runAll({
          'SECURITY.md': `# Security\n${'.-'.repeat(n)}\n${'a@b.'.repeat(n / 4)}\n${'security.'.repeat(n / 8)}\n`,
        }),
      20_000,
    );
  });

  it('support and incident policies: words that start every alternative, never completing one', () => {
    const words = 'release update patch version fix incident security monitor dependabot mailing status ';
    expectLinear(
      (n) =>
        runAll({
          'SUPPORT.md': `# Support\n${words.repeat(n / 80)}\n`,
          'docs/incident-response.md': `# Incidents\n${words.repeat(n / 80)}\n`,
        }),
      40_000,
    );
  });

  it('reusable-workflow call: a block-scalar `uses:` of many "@" then a line break (calleePath)', () => {
    const caller = (n: number) =>
      parseWorkflow(
        '.github/workflows/caller.yml',
        `on: pull_request\njobs:\n  call:\n    uses: |\n      ./${'@'.repeat(n)}\n      x\n`,
        'workflow',
      );
    const workflows = [caller(60_000)]; // under the line-length budget, so the job is parsed
    // Backtracking from every "@" to the line break cost seconds here (V8 keeps the growth under 16×
    // per 4× of input, so the ratio test alone does not show it); a linear scan costs microseconds.
    const t0 = process.cpuUsage();
    effectiveTriggers(workflows.map(callSummary));
    const d = process.cpuUsage(t0);
    expect((d.user + d.system) / 1000).toBeLessThan(200);
    expect(workflows[0]!.jobs[0]?.uses).toBeDefined();
    expectLinear((n) => effectiveTriggers([callSummary(caller(n))]), 15_000);
  });

  it('Markdown parsing: emphasis beside tildes through one long paragraph', () => {
    // `*` next to `~` may open and close emphasis in GFM; micromark took over 10 s on 80 KB of this.
    const paragraph = (n: number): string => `${'*a ~'.repeat(400)}\n`.repeat(Math.ceil(n / 1600));
    const t0 = process.cpuUsage();
    const doc = parseMarkdown('README.md', paragraph(200_000));
    const d = process.cpuUsage(t0);
    expect((d.user + d.system) / 1000).toBeLessThan(3000);
    expect(doc.blocks).toHaveLength(1);
    expectLinear((n) => parseMarkdown('README.md', paragraph(n)), 20_000);
  });

  it('an upgrade guide read for the support policy: link-like markup and marks that never close', () => {
    // Each paragraph, list item and table row is tested for the policy's words before any parse.
    const guide = (n: number): string =>
      `# Upgrading\n\n${'[sup](x '.repeat(n / 8)}\n\n- ${'](port'.repeat(n / 12)}\n\n| a |\n|---|\n| ${'*_`'.repeat(n / 6)} |\n`;
    const read = (n: number) => parseMarkdown('docs/guides/upgrading.md', guide(n), SUPPORT_PROSE);
    expect(read(2_000).blocks.map((b) => b.kind)).toEqual([
      'heading',
      'paragraph',
      'list-item',
      'table-row',
      'table-row',
    ]);
    expectLinear(read, 20_000);
  });

  it('Markdown parsing: deeply nested lists, quotes and emphasis', () => {
    expectLinear(
      (n) =>
        parseMarkdown(
          'README.md',
          `${'> '.repeat(n / 20)}x\n${'- '.repeat(n / 20)}y\n${'*a '.repeat(n / 4)}\n`,
        ),
      20_000,
    );
  });
});
