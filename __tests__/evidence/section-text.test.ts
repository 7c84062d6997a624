import { describe, expect, it } from '@jest/globals';
import { headingAlone, sectionText } from '../../src/evidence/markdown-section-text.js';
import { headingCandidatesIn, sectionsMatching } from '../../src/evidence/markdown-sections.js';
import { parseMarkdown, type MarkdownDocument } from '../../src/evidence/markdown-document.js';
import { ownSections } from '../../src/evidence/own-policy-sections.js';
import { SUPPORT_HEADING } from '../../src/evidence/support-schedule.js';
import { INCIDENT_HEADING } from '../../src/checks/incident-communication.js';
import { seededChoices } from '../support/seeded.js';

/** What a reader of ownSections uses: all but the page-wide language and word count. */
function sections(doc: MarkdownDocument, topic: RegExp): unknown {
  const part = ownSections(doc, topic);
  if (!part) return undefined;
  const { language: _language, words: _words, ...rest } = part;
  return JSON.parse(JSON.stringify(rest));
}

/** The sections as a parse of the whole page reads them, and as a parse of the cut text does. */
function bothReadings(text: string, topic: RegExp): { whole: unknown; cut: unknown; wasCut: boolean } {
  const whole = sections(parseMarkdown('page.md', text), topic);
  const cut = sectionText(text, topic);
  if (cut === undefined) return { whole, cut: whole, wasCut: false };
  expect(cut.split('\n')).toHaveLength(text.split('\n').length);
  return { whole, cut: sections(parseMarkdown('page.md', cut), topic), wasCut: true };
}

// Headings that end sections or do not, prose, lists, quotes and tables that a cut must not
// leave open; then the hazards: fences, HTML blocks and front matter that hide headings or leave
// them in doubt, headings that cannot be cut at, setext headings, link definitions and references.
const PLAIN = [
  '# Support',
  '## Supported versions',
  '## Support for Windows',
  '### Upgrading',
  '### End of life',
  '## Security incidents',
  '### Incident response',
  '## Outages',
  '# Installation',
  '## Usage',
  '### Linux',
  '#### Notes',
  '- item',
  '  - nested item',
  '1. step',
  '   continued',
  '> quoted',
  '| Version | Supported |',
  '| --- | --- |',
  '| 1.x | yes |',
  'See [the policy](SECURITY.md).',
  'Versions are supported for a year.',
  'We tell users of incidents within 72 hours.',
  'prose ending in a return\r',
  '## Support\r',
  '    # indented code',
  '#\tSupport after a tab',
  '####### seven hashes',
  '## Support ##',
  '# Incidents #',
  '#',
  '## ',
  '',
  '',
  '',
];
const HAZARDS = [
  '   ## Support indented',
  '- ## Support in a list',
  '> ## Support in a quote',
  '## Sup**port** in markup',
  '#### Security',
  '## Security ##',
  '> ## Security',
  '- ## Security',
  '## **Security**',
  'Security',
  '## [Sup](x.md)port in a link',
  '# Support | Versions',
  '# Install | Usage',
  '--- | ---',
  '## S&#117;pport by reference',
  '<h2>Support</h2>',
  'Support',
  'Incidents',
  '=======',
  '-------',
  '---',
  'title: upgrade guide',
  '```',
  '```sh',
  '~~~',
  '  ```',
  '- ```',
  '<!--',
  '-->',
  '<!-- one line -->',
  '<div>',
  '</div>',
  '<pre>',
  '</pre>',
  '<img src="x.png">',
  'See [the policy][policy].',
  'See [policy].',
  '[policy]: https://example.com/policy',
  '[^1]: a footnote',
  'A footnote[^1] here.',
  '- [ ] a task',
  '  <!--',
  '- <div>',
  '<details>',
  '<summary>Support</summary>',
  '<script>',
  '</script>',
  '<![CDATA[',
  ']]>',
  '<?php',
  '?>',
  '\t# tab-indented',
  '> lazy',
  '   <pre>',
  '~~~~',
  '````md',
  '* * *',
];

/** Pages of the lines above, mostly prose and plain lines, a heading mostly after a blank line. */
function generatedPages(seed: number): () => string {
  const next = seededChoices(seed);
  return () => {
    const lines: string[] = [];
    for (let n = 5 + next(40); n > 0; n--) {
      const kind = next(12);
      const line =
        kind < 5 ? 'Some prose.' : kind < 11 ? PLAIN[next(PLAIN.length)]! : HAZARDS[next(HAZARDS.length)]!;
      if (line.startsWith('#') && next(4) > 0) lines.push('');
      lines.push(line);
    }
    return lines.join('\n') + (next(2) ? '\n' : '');
  };
}

describe('headingAlone', () => {
  it('finds the first matching heading a parse of the whole page finds, on generated pages', () => {
    const page = generatedPages(12);
    let alone = 0;
    for (let n = 0; n < 1500; n++) {
      const text = page();
      for (const pattern of [/^security$/i, SUPPORT_HEADING, INCIDENT_HEADING]) {
        const candidate = headingCandidatesIn(text).find((c) => pattern.test(c.text));
        const found = candidate && headingAlone('page.md', text, candidate.index, pattern);
        if (!found) continue;
        alone++;
        const [first] = sectionsMatching(parseMarkdown('page.md', text), pattern);
        expect([text, pattern.source.slice(0, 20), found]).toEqual([
          text,
          pattern.source.slice(0, 20),
          first && { heading: first.heading, line: first.line },
        ]);
      }
    }
    expect(alone).toBeGreaterThan(500);
  });

  it.each([
    ['a quoted heading before it', '> ## Security\n\n## Security'],
    ['a heading with markup before it', '## **Security**\n\n## Security'],
    ['a table header', '## Security | x\n--- | ---'],
    ['a link reference in it', '## Security [x]\n\n[x]: https://x'],
    // The parser reads the first MiB only: a heading past it is not on the page it reads.
    ['the heading past the first MiB', `${'Prose.\n'.repeat(200_000)}## Security`],
  ])('leaves a page with %s to the parse', (_why, text) => {
    const candidate = headingCandidatesIn(text).find((c) => /^security/i.test(c.text));
    expect(candidate && headingAlone('page.md', text, candidate.index, /^security$/i)).toBeUndefined();
  });
});

describe('sectionText', () => {
  it('reads the sections under a topic as a parse of the whole page does, on generated pages', () => {
    const page = generatedPages(11);
    let cut = 0;
    const pages = 1500;
    for (let n = 0; n < pages; n++) {
      const text = page();
      for (const topic of [SUPPORT_HEADING, INCIDENT_HEADING]) {
        const { whole, cut: read, wasCut } = bothReadings(text, topic);
        expect([text, topic.source.slice(0, 20), read]).toEqual([text, topic.source.slice(0, 20), whole]);
        if (wasCut && whole !== undefined) cut++;
      }
    }
    // The comparison means something only if many pages with such sections were cut.
    expect(cut).toBeGreaterThan(pages / 4);
  });

  it('keeps each matching section through the heading that ends it and blanks the other lines', () => {
    const filler = Array<string>(8).fill('More about it.');
    const page = [
      '# Project',
      ...filler,
      '',
      '## Support',
      'Two releases are supported.',
      '### Support for Windows',
      'Best effort.',
      '## Contributing',
      ...filler,
    ];
    const blank = Array<string>(8).fill('');
    expect(sectionText(page.join('\n'), SUPPORT_HEADING)?.split('\n')).toEqual([
      '',
      ...blank,
      '',
      '## Support',
      'Two releases are supported.',
      '### Support for Windows',
      'Best effort.',
      '## Contributing',
      ...blank,
    ]);
  });

  it('keeps a section with no heading after it to the end of the page', () => {
    const page = `# A\n${'text\n'.repeat(20)}\n## Upgrading\nStep one.\n### Details\nMore.`;
    expect(sectionText(page, SUPPORT_HEADING)?.split('\n').slice(-4)).toEqual([
      '## Upgrading',
      'Step one.',
      '### Details',
      'More.',
    ]);
  });

  it.each([
    ['a matching heading inside an HTML comment', '<!--\n# Support\n-->'],
    ['a matching setext heading', 'Support\n-------'],
    ['a matching heading in a list item', '- # Support'],
    ['a matching heading after an indented fence', '1. step\n   ```\n# Support'],
    ['a reference whose definition is elsewhere', '## Support\nSee [policy].\n## Other\n[policy]: https://x'],
    ['an empty fence in a list item just before the heading', '- ```\n## Support\nBody.'],
    ['a lone carriage return', '## Support\rtext'],
    ['a NUL', '## Support\n\u0000'],
  ])('parses the page whole when it holds %s', (_why, body) => {
    const page = `# Project\n${'Intro text.\n'.repeat(30)}${body}\n${'More text.\n'.repeat(30)}`;
    expect(sectionText(page, SUPPORT_HEADING)).toBeUndefined();
    const { whole, cut } = bothReadings(page, SUPPORT_HEADING);
    expect(cut).toEqual(whole);
  });

  it('parses the page whole when it starts with a byte order mark', () => {
    expect(
      sectionText(`\uFEFF# Support\n${'text\n'.repeat(50)}# Other\n${'text\n'.repeat(50)}`, SUPPORT_HEADING),
    ).toBeUndefined();
  });

  it('cuts past a heading-like line inside a fence, which ends nothing', () => {
    const page = `# A\n${'text\n'.repeat(20)}\n## Support\n\`\`\`sh\n# Install\n\`\`\`\nStill support.\n## B\n${'text\n'.repeat(20)}`;
    const cut = sectionText(page, SUPPORT_HEADING)!;
    expect(cut).toContain('Still support.');
    expect(cut).not.toContain('\ntext\n');
  });

  it.each([
    // `<img>` continues a paragraph, so the fence after the heading is real and hides the rest.
    [
      'a paragraph line starting with <',
      'Prose.\n<img src="x.png">\n### Linux\n```\n### End\n\n# Installation\n',
    ],
    // The list item's `<pre>` ends with the item; `</pre>` then opens a block that hides `~~~`.
    ["a list item's HTML block", '- [ ] a task\n   <pre>\n\n## Other\n</pre>\n~~~\n* * *\n\n# Other\n'],
  ])('reads as the whole parse does after %s', (_why, body) => {
    const page = `${body}${'Text.\n'.repeat(30)}\n# Incidents #\nWe tell users.\n\n# Installation\n${'Text.\n'.repeat(30)}`;
    const { whole, cut } = bothReadings(page, INCIDENT_HEADING);
    expect(cut).toEqual(whole);
  });

  it('parses most of a page whole rather than cut', () => {
    expect(sectionText('# Support\nAll of it.\n## More\nStill support.', SUPPORT_HEADING)).toBeUndefined();
  });

  it('reads a hostile page of headings in one pass', () => {
    const page =
      'prose\n'.repeat(60_000) + `## ${'<'.repeat(1900)}\n`.repeat(150) + '\n' + '# support\n'.repeat(5_000);
    const cut = sectionText(page, SUPPORT_HEADING);
    expect(cut?.split('\n')).toHaveLength(page.split('\n').length);
  });
});
