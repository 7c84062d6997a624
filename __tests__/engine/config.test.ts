import { describe, expect, it } from '@jest/globals';
import { ignoreEntryLine, parseConfig } from '../../src/config/config.js';
import { ConfigError } from '../../src/errors.js';
import { loadRulePack } from '../../src/rules/pack.js';

const pack = loadRulePack();
const parse = (text: string) => parseConfig(text, '.github/sscop.yml', pack);

function errorOf(text: string): ConfigError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('parseConfig', () => {
  it('accepts a full configuration', () => {
    const config = parse(`threshold: 75
fail-on: ['3.2', security-policy]
exclude: ['vendor/**']
checks:
  codeowners:
    enabled: false
    reason: single-maintainer project
attestations:
  - claims: ['1.1.2']
    note: Developers complete secure development training every year.
    url: https://example.org/training
not-applicable:
  - claims: ['2.1.2']
    reason: no build environment of our own
`);
    expect(config.threshold).toBe(75);
    expect(config.checks?.codeowners?.enabled).toBe(false);
    expect(config.attestations?.[0]?.claims).toEqual(['1.1.2']);
  });

  it('treats an empty file as an empty configuration', () => {
    expect(parse('')).toEqual({});
  });

  it('names file, line and column for invalid YAML', () => {
    const error = errorOf('threshold: 70\nchecks: [\n');
    expect(error.message).toMatch(/^\.github\/sscop\.yml:3:1: invalid YAML/);
  });

  it('names file, line and key for an unknown key', () => {
    const error = errorOf('threshold: 70\nthreshhold: 80\n');
    expect(error.message).toBe(
      '.github/sscop.yml:2:1: threshhold: unknown key (expected one of: threshold, fail-on, exclude, checks, attestations, not-applicable, ignore)',
    );
  });

  it('names file, line and key for a wrong type', () => {
    const error = errorOf('checks:\n  codeowners:\n    weight: heavy\n    reason: x\n');
    expect(error).toMatchObject({ line: 3, key: 'checks.codeowners.weight' });
  });

  it('requires a reason for every check override', () => {
    const error = errorOf('checks:\n  codeowners:\n    enabled: false\n');
    expect(error).toMatchObject({ line: 2, key: 'checks.codeowners.reason' });
  });

  it('rejects an unknown check id, claim id, or fail-on id at its line', () => {
    expect(errorOf('checks:\n  nope:\n    enabled: false\n    reason: r\n')).toMatchObject({
      line: 2,
      key: 'checks.nope',
    });
    expect(errorOf('attestations:\n  - claims: ["9.9.9"]\n    note: n\n    path: x.md\n').message).toMatch(
      /:2:.*unknown claim id 9\.9\.9/,
    );
    expect(errorOf('fail-on: ["7.7"]\n')).toMatchObject({ line: 1, key: 'fail-on.0' });
  });

  it('requires an attestation to point at its evidence', () => {
    expect(errorOf('attestations:\n  - claims: ["1.1.2"]\n    note: trained\n').message).toMatch(
      /url or a path/,
    );
  });

  it('stops an alias bomb with an error instead of expanding it', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]']
      .concat(
        Array.from(
          { length: 8 },
          (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`,
        ),
      )
      .join('\n');
    expect(errorOf(bomb).message).toMatch(/invalid YAML/);
  });
});

describe('parseConfig attestation links', () => {
  it('rejects a non-web attestation URL, which reports would render as a link', () => {
    expect(() =>
      parse('attestations:\n  - claims: ["1.1.2"]\n    note: n\n    url: "javascript:alert(1)"\n'),
    ).toThrow(/attestations\.0\.url: expected an http\(s\) URL/);
  });
});

describe('parseConfig ignore entries', () => {
  it('accepts an entry with check, path glob, line, fingerprint, reason, expiry and owner, and keeps its line', () => {
    const config = parse(`threshold: 60
ignore:
  - check: pinned-actions
    path: .github/workflows/*.yml
    line: 12
    fingerprint: ${'a'.repeat(32)}:1
    reason: the action is ours, pinned by tag on purpose
    expires: 2027-01-31
    owner: '@acme/platform'
`);
    const entry = config.ignore![0]!;
    expect(entry).toEqual({
      check: 'pinned-actions',
      path: '.github/workflows/*.yml',
      line: 12,
      fingerprint: `${'a'.repeat(32)}:1`,
      reason: 'the action is ours, pinned by tag on purpose',
      expires: '2027-01-31',
      owner: '@acme/platform',
    });
    expect(ignoreEntryLine(entry)).toBe(3);
  });

  it.each([
    [
      'a missing reason',
      '  - check: pinned-actions\n    path: "**"\n',
      /ignore\.0\.reason: required: say why the finding is accepted/,
    ],
    [
      'an empty reason',
      '  - check: pinned-actions\n    path: "**"\n    reason: " "\n',
      /ignore\.0\.reason: give a reason/,
    ],
    [
      'an unknown check',
      '  - check: pinned-action\n    path: "**"\n    reason: typo\n',
      /:2:5: ignore\.0\.check: unknown check id/,
    ],
    ['a missing path', '  - check: pinned-actions\n    reason: all of them\n', /ignore\.0\.path: /],
    [
      'a date that is not in the calendar',
      '  - check: pinned-actions\n    path: "**"\n    reason: why not\n    expires: 2026-02-30\n',
      /ignore\.0\.expires: not a date in the calendar/,
    ],
    [
      'a date in another form',
      '  - check: pinned-actions\n    path: "**"\n    reason: why not\n    expires: 31/01/2027\n',
      /ignore\.0\.expires: expected a date as YYYY-MM-DD/,
    ],
    [
      'a line that is not a number',
      '  - check: pinned-actions\n    path: "**"\n    reason: why not\n    line: top\n',
      /ignore\.0\.line: /,
    ],
    [
      'a malformed fingerprint',
      '  - check: pinned-actions\n    path: "**"\n    reason: why not\n    fingerprint: abc\n',
      /ignore\.0\.fingerprint: expected a finding's fingerprint/,
    ],
    [
      'an unknown key',
      '  - check: pinned-actions\n    path: "**"\n    reason: why not\n    until: 2027-01-01\n',
      /ignore\.0\.until: unknown key \(expected one of: check, path, line, fingerprint, reason, expires, owner\)/,
    ],
  ])('rejects %s with file, line and key', (_name, entry, expected) => {
    const error = errorOf(`ignore:\n${entry}`);
    expect(error.message).toMatch(/^\.github\/sscop\.yml:\d+:\d+: /);
    expect(error.message).toMatch(expected);
  });
});
