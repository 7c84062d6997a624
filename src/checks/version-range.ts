/**
 * Action versions and the GitHub Advisory Database's ranges over them. A range is GitHub's format:
 * comparators joined by commas (`>= 1.0.0, < 1.2.3`, `<= 2.0`, `= 1.0.1`), not npm's; a version is
 * a release tag (`v4.1.0`) or a tag that moves with its line (`v4`, `v4.1`: the newest release of
 * that major or minor). Only that subset is read: the semver package is no dependency of sscop
 * (only of its development tools), and would not read GitHub's commas or a moving tag anyway.
 */

export interface Version {
  /** Major, minor, patch; a part not written is 0. */
  core: [number, number, number];
  /** Pre-release identifiers (`1.0.0-rc.1` → `['rc', '1']`); empty for a release. */
  pre: string[];
  /** How many of major, minor and patch were written. */
  written: 1 | 2 | 3;
}

type Operator = '<' | '<=' | '>' | '>=' | '=';
export type VersionRange = readonly { op: Operator; version: Version }[];

/** What a tag or version comment stands for: one release, or every release of a line. */
export type TaggedVersions = { exact: Version } | { from: Version; below: Version };

const VERSION =
  /^v?(\d{1,9})(?:\.(\d{1,9}))?(?:\.(\d{1,9}))?(?:-([0-9A-Za-z.-]{1,64}))?(?:\+[0-9A-Za-z.-]{1,64})?$/;
const COMPARATOR = /^(<=|>=|<|>|=)?\s*(\S+)$/;

export function parseVersion(text: string): Version | undefined {
  const m = VERSION.exec(text.trim());
  if (!m) return undefined;
  const written = m[3] !== undefined ? 3 : m[2] !== undefined ? 2 : 1;
  return {
    core: [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)],
    pre: m[4] ? m[4].split('.') : [],
    written,
  };
}

/** Semantic-versioning precedence: the numbers, then a pre-release before its release. */
export function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.core[i] !== b.core[i]) return a.core[i]! - b.core[i]!;
  if (!a.pre.length || !b.pre.length) return b.pre.length - a.pre.length;
  for (let i = 0; i < Math.min(a.pre.length, b.pre.length); i++) {
    const order = compareIdentifiers(a.pre[i]!, b.pre[i]!);
    if (order) return order;
  }
  return a.pre.length - b.pre.length;
}

/** Numeric identifiers compare as numbers and before alphanumeric ones, which compare as text. */
function compareIdentifiers(a: string, b: string): number {
  const [an, bn] = [/^\d+$/.test(a), /^\d+$/.test(b)];
  if (an && bn) return Number(a) - Number(b);
  if (an !== bn) return an ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** GitHub's `vulnerable_version_range`; undefined when a part is not a comparator it writes. */
export function parseRange(text: string): VersionRange | undefined {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length > 8) return undefined;
  const range: { op: Operator; version: Version }[] = [];
  for (const part of parts) {
    const m = COMPARATOR.exec(part);
    const version = m && parseVersion(m[2]!);
    if (!version) return undefined;
    range.push({ op: (m[1] ?? '=') as Operator, version });
  }
  return range;
}

export function inRange(v: Version, range: VersionRange): boolean {
  return range.every(({ op, version }) => {
    const order = compareVersions(v, version);
    return op === '<'
      ? order < 0
      : op === '<='
        ? order <= 0
        : op === '>'
          ? order > 0
          : op === '>='
            ? order >= 0
            : order === 0;
  });
}

/**
 * What a tag names: `v4.1.0` one release; `v4` and `v4.1` every release of their line, since the
 * maintainer moves them to each new one. A pre-release must be written in full.
 */
export function taggedVersions(tag: string): TaggedVersions | undefined {
  const v = parseVersion(tag);
  if (!v || (v.pre.length && v.written < 3)) return undefined;
  if (v.written === 3) return { exact: v };
  const [major, minor] = v.core;
  const line = (core: [number, number, number]): Version => ({ core, pre: [], written: 3 });
  return v.written === 1
    ? { from: line([major, 0, 0]), below: line([major + 1, 0, 0]) }
    : { from: line([major, minor, 0]), below: line([major, minor + 1, 0]) };
}

/**
 * Whether every release of [from, below) is in the range, so the tag is vulnerable whichever one
 * it points at now. An upper bound inside the line means a fixed release exists there.
 */
export function lineInRange(from: Version, below: Version, range: VersionRange): boolean {
  return range.every(({ op, version }) => {
    switch (op) {
      case '>=':
        return compareVersions(from, version) >= 0;
      case '>':
        return compareVersions(from, version) > 0;
      case '<':
      case '<=':
        return compareVersions(below, version) <= 0;
      default:
        return false;
    }
  });
}
