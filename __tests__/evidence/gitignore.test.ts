import { describe, expect, it } from '@jest/globals';
import { gitignoreRules, ignoringLine } from '../../src/evidence/gitignore.js';

function ignored(files: Record<string, string>, path: string): number | undefined {
  return ignoringLine(path, (file) => (file in files ? gitignoreRules(files[file]!) : undefined))?.line;
}

describe('ignoringLine', () => {
  it('matches a bare name at any depth and an anchored pattern only from its folder', () => {
    const files = { '.gitignore': '# build output\nCargo.lock\n/package-lock.json\n' };
    expect(ignored(files, 'crates/a/Cargo.lock')).toBe(2);
    expect(ignored(files, 'package-lock.json')).toBe(3);
    expect(ignored(files, 'web/package-lock.json')).toBeUndefined();
  });

  it('lets a later negation re-include, and reads nested .gitignore files after the root one', () => {
    expect(ignored({ '.gitignore': '*.lock\n!yarn.lock\n' }, 'yarn.lock')).toBeUndefined();
    expect(
      ignored({ '.gitignore': '*.lock\n', 'app/.gitignore': '!Cargo.lock\n' }, 'app/Cargo.lock'),
    ).toBeUndefined();
    expect(ignored({ 'app/.gitignore': 'Cargo.lock\n' }, 'lib/Cargo.lock')).toBeUndefined();
  });

  it('ignores a file under an ignored folder, and never a file by a folder-only pattern', () => {
    expect(ignored({ '.gitignore': 'build/\n' }, 'build/Cargo.lock')).toBe(1);
    expect(ignored({ '.gitignore': 'Cargo.lock/\n' }, 'Cargo.lock')).toBeUndefined();
  });

  it('reads ** and escaped characters', () => {
    expect(ignored({ '.gitignore': 'tools/**/uv.lock\n' }, 'tools/a/b/uv.lock')).toBe(1);
    expect(ignored({ '.gitignore': '\\#notes\n' }, '#notes')).toBe(1);
  });
});
