/**
 * Whether an action's name imitates a popular one: for workflow-references. Only an owner can
 * create repositories under its name, so a slip in the repository part under the real owner
 * (`actions/chekout`) fails to resolve and harms nobody; the squat is a look-alike owner with the
 * popular repository's name (`actons/checkout`, `action/checkout`, `acti0ns/checkout`).
 */
import type { ReferenceTables } from '../rules/action-references.js';

/** GitHub owners are at most 39 characters and repositories 100; anything longer is not compared. */
const MAX_COMPARED = 100;

/** The popular action `name` (`owner/repo`, lower-case) imitates, if any. */
export function looksAlike(name: string, tables: ReferenceTables): string | undefined {
  if (tables.popular.has(name)) return undefined;
  const slash = name.indexOf('/');
  const owner = name.slice(0, slash);
  const repo = name.slice(slash + 1);
  if (tables.knownOwners.has(owner) || name.length > MAX_COMPARED) return undefined;
  for (const popular of tables.popular) {
    const cut = popular.indexOf('/');
    const popularOwner = popular.slice(0, cut);
    const popularRepo = popular.slice(cut + 1);
    if (!sameRepository(repo, popularRepo)) continue;
    if (closeOwner(owner, popularOwner)) return popular;
  }
  return undefined;
}

function sameRepository(repo: string, popular: string): boolean {
  if (repo === popular || skeleton(repo) === skeleton(popular)) return true;
  return popular.length >= 6 && editDistance(repo, popular, 1) <= 1;
}

/** One edit from a short owner, two from a longer one, or the same once look-alike characters are folded. */
function closeOwner(owner: string, popular: string): boolean {
  if (skeleton(owner) === skeleton(popular)) return true;
  const allowed = popular.length <= 6 ? 1 : 2;
  return editDistance(owner, popular, allowed) <= allowed;
}

/** The name with characters that pass for one another folded together (`0`/`o`, `1`/`l`/`i`, `rn`/`m`…). */
export function skeleton(name: string): string {
  return name
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w')
    .replace(/[01i5_.]/g, (c) => ({ '0': 'o', '1': 'l', i: 'l', '5': 's', _: '-', '.': '-' })[c] ?? c);
}

/**
 * The optimal string alignment distance (insertions, deletions, substitutions, transpositions of
 * neighbours) between `a` and `b`, or `limit + 1` as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, before[j - 2]! + 1);
      current.push(d);
      best = Math.min(best, d);
    }
    if (best > limit) return limit + 1;
    before = previous;
    previous = current;
  }
  return Math.min(previous[b.length]!, limit + 1);
}
