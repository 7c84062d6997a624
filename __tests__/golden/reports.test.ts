/**
 * Golden reports: every fixture tree's full JSON report, reduced to a digest, must stay the same
 * across a refactoring. A change that alters what a report says updates the golden file on purpose
 * (`SSCOP_UPDATE_GOLDEN=1 npm run jest -- __tests__/golden`) and says why in its commit; the
 * per-check statuses and finding counts kept beside each digest show where a difference lies.
 */
import { describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulePack } from '../../src/rules/pack.js';
import { scan } from '../../src/scan.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const FIXTURES = path.join(HERE, '..', 'fixtures');
const GOLDEN = path.join(HERE, 'reports.json');
const TODAY = new Date('2026-11-22T00:00:00Z');

interface Golden {
  digest: string;
  checks: Record<string, string>;
}

/** Every fixture tree: `fixtures/<group>/<case>`. */
function fixtureTrees(): string[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((group) => group.isDirectory())
    .flatMap((group) =>
      readdirSync(path.join(FIXTURES, group.name), { withFileTypes: true })
        .filter((tree) => tree.isDirectory())
        .map((tree) => `${group.name}/${tree.name}`),
    )
    .sort();
}

/** The report without what changes from run to run (time, duration, where the tree is). */
function normalised(report: Record<string, unknown>): string {
  const metadata = { ...(report.metadata as Record<string, unknown>) };
  delete metadata.durationMs;
  delete metadata.root;
  return JSON.stringify({ ...report, generatedAt: null, metadata });
}

type Report = Awaited<ReturnType<typeof scan>>['report'];

/** A tree's golden entry; a tree whose scan is refused (an invalid config) keeps the error. */
async function goldenOf(tree: string): Promise<{ golden: Golden; report?: Report }> {
  let report: Report;
  try {
    ({ report } = await scan({
      root: path.join(FIXTURES, tree),
      today: TODAY,
      repository: 'o/r',
      commit: '0'.repeat(40),
    }));
  } catch (error) {
    const message = String((error as Error).message);
    return { golden: { digest: sha256(message), checks: { error: message } } };
  }
  const checks = Object.fromEntries(report.checks.map((c) => [c.id, `${c.status} ${c.findings.length}`]));
  return {
    golden: { digest: sha256(normalised(report as unknown as Record<string, unknown>)), checks },
    report,
  };
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('golden reports of the fixture trees', () => {
  const trees = fixtureTrees();
  const update = process.env.SSCOP_UPDATE_GOLDEN === '1';
  const stored: Record<string, Golden> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};
  const pack = loadRulePack();

  it('has a golden entry for every fixture tree, and none for a tree that is gone', () => {
    if (update) return;
    expect(Object.keys(stored).sort()).toEqual(trees);
  });

  it('gives every tree the report it gave before', async () => {
    const fresh: Record<string, Golden> = {};
    for (const tree of trees) {
      const { golden, report } = await goldenOf(tree);
      fresh[tree] = golden;
      // Per-claim verdicts name only the claims their check's rule maps it to.
      for (const check of report?.checks ?? [])
        for (const claim of Object.keys(check.claimVerdicts ?? {}))
          expect({
            check: check.id,
            claim,
            known: pack.checks.get(check.id)!.claims.includes(claim),
          }).toEqual({
            check: check.id,
            claim,
            known: true,
          });
    }
    if (update) {
      writeFileSync(GOLDEN, `${JSON.stringify(fresh, null, 1)}\n`);
      return;
    }
    const changed = trees.filter((tree) => fresh[tree]!.digest !== stored[tree]?.digest);
    for (const tree of changed)
      expect({ tree, checks: fresh[tree]!.checks }).toEqual({ tree, checks: stored[tree]?.checks });
    expect(changed).toEqual([]);
  }, 120_000);
});
