import { describe, expect, it } from '@jest/globals';
import picomatch from 'picomatch';
import { globMatcher } from '../src/glob.js';
import { seededChoices } from './support/seeded.js';

const GLOBS = [
  '**',
  '*',
  '**/*.md',
  'docs/**',
  'docs/*',
  '**/Dockerfile',
  '**/Dockerfile.*',
  '.github/**',
  '*.{yml,yaml}',
  'src/**/test?/*.ts',
  '!vendor/**',
  'a[b',
  '[ab]/c',
  '@(x|y)/z',
  '**/.hidden',
  'lib/*/index.js',
  'weird name/**',
  // Matched only as written: as a pattern it is a group, which matches `x/foobar`.
  'x/foo(bar)',
];

const SEGMENTS = ['docs', 'src', '.github', 'a', 'b', 'x', 'test1', 'vendor', 'lib', 'weird name', '.hidden'];
const NAMES = [
  'README.md',
  'Dockerfile',
  'Dockerfile.dev',
  'ci.yml',
  'c',
  'z',
  'index.js',
  'x.ts',
  '.hidden',
  'a[b',
  'foo(bar)',
  'foobar',
];

describe('globMatcher', () => {
  it('answers as picomatch with dot files on generated paths, one glob and several', () => {
    const next = seededChoices(7);
    const paths = ['', 'a[b', 'x/foo(bar)', '[ab]/c', 'b/c', 'docs', 'docs/', '.github'];
    for (let i = 0; i < 3000; i++) {
      const depth = next(4);
      const parts = Array.from({ length: depth }, () => SEGMENTS[next(SEGMENTS.length)]!);
      paths.push([...parts, NAMES[next(NAMES.length)]!].join('/'));
    }
    const sets = [...GLOBS.map((g) => [g]), ['docs/**', '**/*.md'], ['a[b', 'x/**'], GLOBS];
    let matched = 0;
    for (const globs of sets) {
      const ours = globMatcher(globs);
      const theirs = picomatch(globs, { dot: true });
      for (const path of paths) {
        const expected = Boolean(theirs(path));
        expect([globs, path, ours(path)]).toEqual([globs, path, expected]);
        if (expected) matched++;
      }
    }
    // Both answers occur, so agreement is not all-false.
    expect(matched).toBeGreaterThan(1000);
    expect(matched).toBeLessThan(sets.length * paths.length);
  });

  it('takes a single glob as a string', () => {
    expect(globMatcher('*.md')('README.md')).toBe(true);
    expect(globMatcher('*.md')('docs/README.md')).toBe(false);
  });
});
