/**
 * A baseline artifact's zip is untrusted: a bomb, a size that lies, thousands of entries or none
 * that is a report each end in one line saying what is wrong, within the caps, never a crash.
 */
import { describe, expect, it } from '@jest/globals';
import { strToU8, zipSync } from 'fflate';
import { MAX_ZIP_ENTRIES, readBaselineFromZip } from '../../src/baseline-file.js';
import { UserError } from '../../src/errors.js';
import { MAX_BASELINE_BYTES } from '../../src/report/baseline.js';

const REPORT = JSON.stringify({
  schemaVersion: '1.5',
  tool: { name: 'sscop', version: '1.0.0' },
  repository: 'acme/widgets',
  commit: null,
  generatedAt: '2026-01-01T00:00:00Z',
  score: 50,
  coverage: { observed: 1, total: 1, attested: 0, unknown: 0 },
  principles: [
    { id: '1.1', title: 't', status: 'met', score: 100, claims: [{ id: '1.1.1', status: 'met' }] },
  ],
  checks: [{ id: 'pinned-actions', findings: [{ checkId: 'pinned-actions', message: 'm', path: 'a.yml' }] }],
});

function failure(zip: Uint8Array, entry = 'r.json'): string {
  try {
    readBaselineFromZip(zip, entry, 'artifact');
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
}

/** Sets every size field of the zip's first entry to `size` (local header and central directory). */
function declareSize(zip: Uint8Array, size: number): Uint8Array {
  const out = zip.slice();
  const view = new DataView(out.buffer);
  for (let i = 0; i + 4 <= out.length; i++) {
    const sig = view.getUint32(i, true);
    if (sig === 0x04034b50) view.setUint32(i + 22, size, true);
    if (sig === 0x02014b50) view.setUint32(i + 24, size, true);
  }
  return out;
}

describe('a baseline artifact zip', () => {
  it('reads the report named by the report-file, or the only JSON file', () => {
    expect(readBaselineFromZip(zipSync({ 'r.json': strToU8(REPORT) }), 'r.json', 'a').score).toBe(50);
    const other = zipSync({ 'out.json': strToU8(REPORT), 'log.txt': strToU8('x') });
    expect(readBaselineFromZip(other, 'r.json', 'a').score).toBe(50);
  });

  it('refuses a bomb: an entry inflating past the report cap is never inflated', () => {
    const bomb = zipSync({ 'r.json': new Uint8Array(MAX_BASELINE_BYTES + 1).fill(0x20) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(failure(bomb)).toMatch(/artifact: the baseline is larger than 32 MiB/);
  });

  it('stops at the declared size when an entry lies about it: what it inflates is cut there', () => {
    const padded = zipSync({ 'r.json': strToU8(REPORT + ' '.repeat(10_000_000)) }, { level: 9 });
    expect(failure(declareSize(padded, 100))).toMatch(/not valid JSON/);
  });

  it('refuses more entries than an upload of one report has', () => {
    const many = Object.fromEntries(
      Array.from({ length: MAX_ZIP_ENTRIES + 1 }, (_, i) => [`f${i}.txt`, strToU8('x')]),
    );
    expect(failure(zipSync(many))).toMatch(/more than 100 files/);
  });

  it('says when there is no report, or several JSON files and none named as the report-file', () => {
    expect(failure(zipSync({ 'a.txt': strToU8('x') }))).toMatch(/has no r\.json and no JSON file/);
    const two = zipSync({ 'a.json': strToU8(REPORT), 'b.json': strToU8(REPORT) });
    expect(failure(two)).toMatch(/has no r\.json and more than one JSON file/);
  });

  it('refuses what is not a zip, a truncated zip, and text that is not UTF-8', () => {
    expect(failure(strToU8('PK not really'))).toMatch(/not a readable zip archive/);
    const zip = zipSync({ 'r.json': strToU8(REPORT) });
    expect(failure(zip.subarray(0, zip.length - 30))).toMatch(/not a readable zip archive/);
    expect(failure(zipSync({ 'r.json': new Uint8Array([0xff, 0xfe, 0x7b]) }))).toMatch(/not UTF-8 text/);
  });
});
