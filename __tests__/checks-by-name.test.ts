/**
 * Nothing outside a check's own module and the registry knows a check by its id: what the engine
 * or a report needs of a check (its fix file, the pins it wants verified, its facts) is declared
 * by the check or its rule entry, so adding or renaming a check touches no other module.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRulePack } from '../src/rules/pack.js';

const SRC = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sourceFiles(path.join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [path.join(dir, e.name)]
        : [],
  );
}

describe('check ids in the source', () => {
  it('appear as string literals only in their own check module', () => {
    const ids = [...loadRulePack().checks.keys()];
    const misplaced: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const rel = path.relative(SRC, file).split(path.sep).join('/');
      const text = readFileSync(file, 'utf8');
      for (const id of ids) {
        if (rel === `checks/${id}.ts`) continue;
        if (text.includes(`'${id}'`) || text.includes(`"${id}"`)) misplaced.push(`${rel}: ${id}`);
      }
    }
    expect(misplaced).toEqual([]);
  });
});
