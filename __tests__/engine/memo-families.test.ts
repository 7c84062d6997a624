import { describe, expect, it } from '@jest/globals';
import { runCheck, type Check } from '../../src/checks/check.js';
import { ALL_CHECKS } from '../../src/checks/index.js';
import { memoReleases } from '../../src/checks/memo-release.js';
import { createScanMemo, type EvidenceContext } from '../../src/evidence/context.js';
import { MARKDOWN_MEMO } from '../../src/evidence/markdown.js';
import { filesFromRecord } from '../../src/repo/files.js';

// A repository whose pages every Markdown-reading check has a reason to open.
const FILES: Record<string, string> = {
  'README.md': '# Widget\n\n## Support\n\nSee [the support policy](docs/support.md).\n',
  'SECURITY.md':
    '# Security Policy\n\n## Supported Versions\n\n| Version | Supported |\n| --- | --- |\n| 2.x | yes |\n\n## Reporting\n\nEmail security@example.org. We publish advisories and scan dependencies weekly.\n\n## Threat model\n\nAttackers may send hostile input.\n',
  'SUPPORT.md': '# Support\n\nEach release is supported for a year.\n',
  'docs/support.md': '# Support policy\n\nVersion 1 reaches end of life on 2027-01-31.\n',
  'docs/upgrading.md': '# Upgrading\n\nRead the notes before you upgrade.\n',
  'docs/incident-response.md': '# Incident response\n\nWe tell customers within a day.\n',
  'docs/threat-model.md': '# Threat model\n\nAssets, attackers and mitigations.\n',
  '.github/workflows/ci.yml':
    'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm ci && npm test\n',
  'package.json': '{"name":"widget","version":"1.0.0"}\n',
};

/** The families a check reads from a memo of its own, running alone on FILES. */
function familiesRead(check: Check): Set<string> {
  const read = new Set<string>();
  const { memo } = createScanMemo();
  const recording: EvidenceContext['memo'] = (key, compute) => {
    read.add(key.split(':')[0]!);
    return memo(key, compute);
  };
  runCheck(check, {
    files: filesFromRecord(FILES),
    today: new Date('2026-11-22T00:00:00Z'),
    memo: recording,
  });
  return read;
}

const declared = (check: Check): readonly string[] =>
  check.source === 'files' ? (check.memoFamilies ?? []) : [];

describe('memo families a check names', () => {
  it('are named by every check that reads them, so none is dropped before its last reader', () => {
    const named = new Set(ALL_CHECKS.flatMap(declared));
    expect([...named].sort()).toEqual([...MARKDOWN_MEMO].sort());
    const readers: string[] = [];
    for (const check of ALL_CHECKS) {
      const read = [...familiesRead(check)].filter((f) => named.has(f));
      if (read.length) readers.push(check.id);
      expect({ check: check.id, read }).toEqual({
        check: check.id,
        read: read.filter((f) => declared(check).includes(f)),
      });
    }
    // The files above make the policy checks read Markdown: the test is not passing on nothing.
    expect(readers).toEqual(
      expect.arrayContaining(['security-policy', 'support-policy', 'incident-communication', 'threat-model']),
    );
  });

  it('are dropped after the last check, in running order, that names them', () => {
    const check = (id: string, memoFamilies?: string[]): Check => ({
      id,
      source: 'files',
      needs: () => undefined,
      run: () => ({ status: 'pass', summary: '', findings: [], evidence: [] }),
      ...(memoFamilies ? { memoFamilies } : {}),
    });
    const [a, b, c, d] = [
      check('a', ['markdown']),
      check('b', ['markdown', 'json']),
      check('c'),
      check('d', ['json']),
    ];
    const releases = memoReleases([a!, b!, c!, d!]);
    expect(releases.get(b!)).toEqual(['markdown']);
    expect(releases.get(d!)).toEqual(['json']);
    expect(releases.has(a!)).toBe(false);
    expect(releases.has(c!)).toBe(false);
  });

  it('forget drops one family and leaves the others', () => {
    const { memo, forget } = createScanMemo();
    let computed = 0;
    const value = (key: string) => memo(key, () => ({ key, n: ++computed }));
    const doc = value('markdown:README.md');
    const json = value('json:package.json');
    expect(value('markdown:README.md')).toBe(doc);
    forget('markdown');
    expect(value('markdown:README.md')).not.toBe(doc);
    expect(value('markdown:README.md')).toEqual({ key: 'markdown:README.md', n: 3 });
    expect(value('json:package.json')).toBe(json);
  });
});
