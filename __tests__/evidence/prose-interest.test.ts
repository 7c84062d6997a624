import { describe, expect, it } from '@jest/globals';
import {
  parseMarkdown,
  type MarkdownDocument,
  type ProseInterest,
  type TextBlock,
} from '../../src/evidence/markdown-document.js';
import { mayMention } from '../../src/evidence/markdown-inline.js';
import { seededChoices } from '../support/seeded.js';

const WORDS = /support|month|eol/i;

/** The text a full parse gives a one-paragraph page. */
function paragraphText(source: string): string {
  return parseMarkdown('page.md', source).blocks.find((b) => b.kind === 'paragraph')?.text ?? '';
}

// Markup that moves letters, hides them or spells them otherwise, around and inside the words.
const FRAGMENTS = [
  'sup',
  '[sup',
  'port',
  '](x)port',
  'support',
  'mon',
  'th',
  'eol',
  'e',
  'ol',
  ' ',
  'lorem',
  '**',
  '*',
  '_',
  '__',
  '~~',
  '`',
  '[',
  ']',
  '(',
  ')',
  '](x)',
  '](support)',
  '](a b)',
  '](<s>)',
  '![',
  '[^1]',
  '][ref]',
  '<b>',
  '</b>',
  '<https://eol.example>',
  '&#115;',
  '&amp;',
  '\\*',
  '\\',
  '\n',
  'https://x.example/support',
  'www.example.com/mon',
  '|',
];

describe('mayMention', () => {
  it('never says no of inline Markdown whose text holds one of the words', () => {
    const next = seededChoices(7);
    let holding = 0;
    let told = 0;
    for (let n = 0; n < 6000; n++) {
      const parts = Array.from({ length: 1 + next(9) }, () => FRAGMENTS[next(FRAGMENTS.length)]!);
      // A definition for the full references, so that some of them are links.
      const source = `${parts.join('').replace(/^\s+/, '')}\n\n[ref]: https://x.example/${n}\n[^1]: note\n`;
      const text = paragraphText(source);
      if (!WORDS.test(text)) continue;
      holding++;
      const inline = source.slice(0, source.indexOf('\n\n[ref]'));
      expect({ inline, text, may: mayMention(inline, WORDS) }).toEqual({ inline, text, may: true });
      told++;
    }
    expect(told).toBe(holding);
    expect(holding).toBeGreaterThan(1000);
  });

  it('says no of markup around other words, so that it leaves something out', () => {
    for (const source of [
      'Use `--flag` and see [the guide](../reference/page-12.md).',
      '- **item 3.4**: lorem ipsum ([link](https://example.invalid/4))',
      '| `option1.2` | string | `"value-2"` | dolor sit amet |',
      'sup port, mon th',
    ])
      expect(mayMention(source, WORDS)).toBe(false);
  });

  it('reads a word split by emphasis, code or a link destination, and one that only looks like a link', () => {
    for (const source of ['sup**port**', 'sup`port`', '[sup](x)port', '![mo](i.png)nth', '`x]`(support)'])
      expect(mayMention(source, WORDS)).toBe(true);
  });
});

/** An interest in paragraphs that may mention WORDS, and in tables whose header says "Version". */
const INTEREST: ProseInterest = {
  name: 'the test reader',
  mayHold: (source) => mayMention(source, WORDS),
  wholeTable: (header) => header.some((cell) => /version/i.test(cell)),
};

const PAGE = [
  '# Upgrading',
  '',
  'Lorem ipsum with `code` and [a link](https://x.example).',
  '',
  'Each release is **supp**orted for 18 months.',
  '',
  '- lorem [item](y)',
  '- the eol of 1.x',
  '',
  '| Name | Default |',
  '|---|---|',
  '| `a` | lorem |',
  '| `b` | support |',
  '',
  '| Version | Until |',
  '|---|---|',
  '| 1.x | `2027-01-01` |',
  '',
  '## Notes [docs](z)',
  '',
  'More lorem.',
].join('\n');

describe('parseMarkdown with a reader’s interest', () => {
  const full = parseMarkdown('docs/page.md', PAGE);
  const read = parseMarkdown('docs/page.md', PAGE, INTEREST);
  const shape = (doc: MarkdownDocument) =>
    doc.blocks.map((b) => [b.kind, b.line, b.endLine, b.section?.line]);

  it('keeps every block where it stands, and the headings and sections as a full parse reads them', () => {
    expect(shape(read)).toEqual(shape(full));
    expect(read.sections).toEqual(full.sections);
  });

  it('reads the blocks that may hold the words as a full parse does, and leaves the others without text', () => {
    const byLine = (doc: MarkdownDocument) =>
      new Map(doc.blocks.map((b): [number, TextBlock] => [b.line, b]));
    const fullBlocks = byLine(full);
    const kept = read.blocks.filter((b) => b.text !== '').map((b) => b.line);
    expect(kept).toEqual([1, 5, 8, 10, 13, 15, 17, 19]);
    for (const line of kept) expect(byLine(read).get(line)).toEqual(fullBlocks.get(line));
    for (const block of read.blocks.filter((b) => b.text === ''))
      expect(WORDS.test(fullBlocks.get(block.line)!.text)).toBe(false);
  });

  it('reads a table whole when the reader needs it, else its header and the rows that may matter', () => {
    expect(read.tables[1]).toEqual(full.tables[1]);
    expect(read.tables[0]!.header).toEqual(full.tables[0]!.header);
    expect(read.tables[0]!.rows.map((r) => r.cells)).toEqual([
      [],
      ['`b`', 'support'].map((c) => c.replace(/`/g, '')),
    ]);
  });

  it('says in its note that its prose was read only in part', () => {
    expect(full.note).toBeUndefined();
    expect(read.note).toBe('prose read only where the test reader may be');
  });
});
