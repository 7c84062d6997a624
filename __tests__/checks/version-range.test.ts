/**
 * GitHub's advisory ranges (`>= 1.0.0, < 1.2.3`) over action versions and tags, including tags
 * that move with their line (`v4`): what is in a range, and when a whole line is.
 */
import { describe, expect, it } from '@jest/globals';
import {
  compareVersions,
  inRange,
  lineInRange,
  parseRange,
  parseVersion,
  taggedVersions,
} from '../../src/checks/version-range.js';

const v = (text: string) => parseVersion(text)!;
const range = (text: string) => parseRange(text)!;

describe('versions', () => {
  it('orders by number, a pre-release before its release, numeric identifiers before words', () => {
    const sorted = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0',
      '1.2',
      'v1.10.0',
      '2',
    ];
    for (let i = 1; i < sorted.length; i++) {
      expect(compareVersions(v(sorted[i - 1]!), v(sorted[i]!))).toBeLessThan(0);
    }
    expect(compareVersions(v('v4.1.0'), v('4.1.0+build.7'))).toBe(0);
  });

  it('reads no name that is not a version', () => {
    for (const text of ['main', 'release-1.0', 'v1.2.3.4', '1.x', '', 'v', '1.0.0-', `1${'0'.repeat(12)}`]) {
      expect(parseVersion(text)).toBeUndefined();
    }
  });
});

describe("GitHub's ranges", () => {
  it.each([
    ['>= 1.0.0, < 1.2.3', '1.0.0', true],
    ['>= 1.0.0, < 1.2.3', '1.2.2', true],
    ['>= 1.0.0, < 1.2.3', '1.2.3', false],
    ['>= 1.0.0, < 1.2.3', '0.9.9', false],
    ['<= 2.0', '2.0.0', true],
    ['<= 2.0', '2.0.1', false],
    ['= 1.0.1', 'v1.0.1', true],
    ['= 1.0.1', '1.0.2', false],
    ['> 3.1.0', '3.1.0', false],
    ['< 46.0.1', '46.0.0', true],
    ['< 1.0.0', '1.0.0-rc.1', true],
  ])('%s contains %s: %s', (text, version, expected) => {
    expect(inRange(v(version), range(text))).toBe(expected);
  });

  it('reads nothing it does not understand', () => {
    for (const text of ['~> 1.0', '^1.2.3', '>= 1.0 || < 0.5', '!= 1.0.0', '>= latest', '']) {
      expect(parseRange(text)).toBeUndefined();
    }
  });
});

describe('tags', () => {
  it('names one release when written in full, a whole line when not', () => {
    expect(taggedVersions('v4.1.0')).toEqual({ exact: v('4.1.0') });
    expect(taggedVersions('v4')).toEqual({ from: v('4.0.0'), below: v('5.0.0') });
    expect(taggedVersions('v4.1')).toEqual({ from: v('4.1.0'), below: v('4.2.0') });
    expect(taggedVersions('v4-beta')).toBeUndefined();
    expect(taggedVersions('main')).toBeUndefined();
  });

  it.each([
    ['v4', '< 5.0.0', true],
    ['v4', '>= 4.0.0, < 5.0.0', true],
    ['v4', '<= 4.9.9', false],
    ['v4', '< 4.1.7', false],
    ['v4', '>= 4.2.0', false],
    ['v4', '= 4.0.0', false],
    ['v4.1', '>= 4.0.0, < 4.2.0', true],
    ['v4.1', '>= 4.1.1, < 4.2.0', false],
  ])('every release of %s is in %s: %s', (tag, text, expected) => {
    const line = taggedVersions(tag) as { from: ReturnType<typeof v>; below: ReturnType<typeof v> };
    expect(lineInRange(line.from, line.below, range(text))).toBe(expected);
  });
});
