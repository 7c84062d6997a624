/**
 * The scan opens only the files some check declares it needs, each once (issue 8). Runs on a
 * generated small tree (bench/generate.ts), walked and as a git checkout. Not timed.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { generateTree, SIZES, type GeneratedTree } from '../../bench/generate.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { collectRepository } from '../../src/repo/collect.js';
import { readPlan } from '../../src/checks/read-plan.js';
import { scan } from '../../src/scan.js';

const TODAY = new Date('2026-11-22T00:00:00Z');

const plan = readPlan(ALL_CHECKS);

const work: string[] = [];
afterAll(async () => {
  await Promise.all(work.map((dir) => rm(dir, { recursive: true, force: true })));
});

describe.each([
  ['walked', false],
  ['a git checkout', true],
])('on a generated small tree (%s)', (_label, git) => {
  let tree: GeneratedTree;
  let needed: string[];

  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sscop-reads-'));
    work.push(dir);
    tree = await generateTree(path.join(dir, 'repo'), { ...SIZES.small, git });
    needed = tree.paths.filter((p) => plan.reads(p)).sort();
  });

  it('generates a tree with both needed and unneeded files', () => {
    expect(tree.paths.length).toBeGreaterThanOrEqual(SIZES.small.files);
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.length).toBeLessThan(tree.paths.length);
  });

  it("scan()'s readPaths are exactly the paths some check needs, none twice", async () => {
    const { report, readPaths } = await scan({ root: tree.root, today: TODAY });
    expect(report.metadata.listing).toBe(git ? 'git' : 'walk');
    expect(report.metadata.filesListed).toBe(tree.paths.length);
    expect(report.skippedFiles).toEqual([]);
    expect(readPaths.length).toBe(new Set(readPaths).size);
    expect([...readPaths].sort()).toEqual(needed);
    expect(report.metadata.filesRead).toBe(readPaths.length);
  });

  it('the collector reads each needed file once and keeps nothing of files no check keeps', async () => {
    const collected = await collectRepository(tree.root, plan.needOf, { visitors: plan.visitors });
    expect(collected.readPaths.length).toBe(new Set(collected.readPaths).size);
    expect([...collected.readPaths].sort()).toEqual(needed);
    expect([...collected.files.paths]).toEqual(tree.paths);
    let visitedOnly = 0;
    for (const p of tree.paths) {
      if (plan.needOf(p) !== undefined) continue;
      // Unneeded files, and files read only for a visitor (their text passed through it), hold nothing.
      if (plan.reads(p)) visitedOnly++;
      expect({ path: p, text: collected.files.text(p), head: collected.files.head(p) }).toEqual({
        path: p,
        text: undefined,
        head: undefined,
      });
    }
    expect(visitedOnly).toBeGreaterThan(0);
    // What checks loop over instead of every path: exactly the paths some check declared a need for.
    expect(collected.files.needed()).toEqual(tree.paths.filter((p) => plan.needOf(p) !== undefined));
    for (const visitor of plan.visitors) {
      expect(collected.files.visited(visitor).files).toBe(tree.paths.filter((p) => visitor.wants(p)).length);
    }
  });
});
