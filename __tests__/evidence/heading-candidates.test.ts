import { describe, expect, it } from '@jest/globals';
import { headingCandidatesIn } from '../../src/evidence/markdown-sections.js';
import { MAX_LINE } from '../../src/evidence/markdown-document.js';
import { seededChoices } from '../support/seeded.js';

/**
 * The rules read the plain way, every line as a string and every pattern tried on it: the pre-test
 * that passes over most lines by their first characters must find exactly these candidates.
 */
function everyLineRead(text: string): Array<{ index: number; text: string }> {
  const lines = text.split('\n');
  const fenced = new Array<boolean>(lines.length).fill(false);
  let closer: RegExp | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '').slice(0, MAX_LINE);
    if (line.includes('\r')) break;
    if (closer) {
      fenced[i] = true;
      if (closer.test(line)) closer = undefined;
      continue;
    }
    if (/^ {0,3}<|^ {1,3}(?:`{3}|~{3})/.test(line)) break;
    const open = /^(?:(`{3,})[^`]*|(~{3,})(?!~).*)$/.exec(line);
    if (!open) continue;
    fenced[i] = true;
    closer = new RegExp(`^ {0,3}${open[1] ? '`' : '~'}{${(open[1] ?? open[2])!.length},}[ \\t]*$`);
  }
  const out: Array<{ index: number; text: string }> = [];
  for (let i = 0; i < lines.length; i++) {
    if (fenced[i]) continue;
    const line = lines[i]!.slice(0, 1000);
    let heading: string | undefined;
    const atx = /^ {0,3}#{1,6}(?:[ \t]|$)/.exec(line);
    if (atx) heading = line.slice(atx[0].length);
    else if (/<h[1-6]\b/i.test(line)) heading = line.replace(/<[^>]{0,200}>/g, ' ');
    else if (line.trim() !== '' && /^ {0,3}(?:=+|-+)[ \t]*\r?$/.test(lines[i + 1] ?? '')) heading = line;
    if (heading !== undefined) out.push({ index: i, text: heading.trim() });
  }
  return out;
}

// Lines that open, close or doubt fences, headings of every kind, their near misses, carriage
// returns in and at the end of lines, and lines long enough to be cut.
const LINES = [
  '# Support',
  '   ### Upgrading',
  '    # four spaces',
  '#no space',
  '## ',
  '\t# tab',
  '```',
  '```sh',
  '````',
  '```a`b',
  '~~~',
  '~~~~yaml',
  '  ```',
  '   ~~~',
  '<div>',
  '<h2 id="x">Security</h2>',
  'text with <H3>inline</H3>',
  'a < b',
  'plain prose about support',
  '',
  '   ',
  '---',
  '===',
  '   ---',
  '    ---',
  '---\r',
  '== \t',
  '-=-',
  '--- x',
  '- item',
  '> # quoted',
  'a\rb',
  'ends in a return\r',
  '# Windows heading\r',
  '```\r',
  `${'x'.repeat(995)}<h1>late</h1>`,
  `${'y'.repeat(MAX_LINE + 5)}\r z`,
  '## Security incidents',
];

describe('headingCandidatesIn', () => {
  it('finds what reading every line finds, on generated pages', () => {
    const next = seededChoices(5);
    for (let page = 0; page < 4000; page++) {
      const lines: string[] = [];
      for (let n = next(30); n > 0; n--)
        lines.push(next(3) === 0 ? LINES[next(LINES.length)]! : 'Some prose.');
      const text = lines.join('\n') + (next(2) ? '\n' : '');
      expect([text, headingCandidatesIn(text)]).toEqual([text, everyLineRead(text)]);
    }
  });

  it('gives each candidate its line index as split at line feeds', () => {
    expect(headingCandidatesIn('intro\n\n# One\ntext\nTwo\n---\n```\n# not\n```\n<h4>Four</h4>')).toEqual([
      { index: 2, text: 'One' },
      { index: 4, text: 'Two' },
      { index: 9, text: 'Four' },
    ]);
  });
});
