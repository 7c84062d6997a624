import { describe, expect, it } from '@jest/globals';
import { checkContext } from '../../src/checks/check.js';
import {
  blocksIn,
  linkedDocuments,
  parseMarkdown,
  resolveRepoLink,
  sectionsMatching,
  sentences,
  mayHaveHeading,
  firstHeadingMatching,
} from '../../src/evidence/markdown.js';
import { filesFromRecord } from '../../src/repo/files.js';

const POLICY = [
  '# Security Policy', // 1
  '', // 2
  '## Supported Versions', // 3
  '', // 4
  '| Version | Supported | End of support |', // 5
  '| ------- | --------- | -------------- |', // 6
  '| 2.x     | yes       | 2027-06-30     |', // 7
  '| 1.x     | no        | 2025-01-31     |', // 8
  '', // 9
  '## Reporting', // 10
  '', // 11
  'Email [our team](mailto:security@example.org). We reply', // 12
  'within two days.', // 13
  '', // 14
  '- See the [process](docs/process.md#triage).', // 15
].join('\n');

describe('parseMarkdown', () => {
  const doc = parseMarkdown('SECURITY.md', POLICY);

  it('gives each section its heading, level and line range', () => {
    expect(doc.sections.map((s) => [s.heading, s.depth, s.line, s.endLine])).toEqual([
      ['Security Policy', 1, 1, 15],
      ['Supported Versions', 2, 3, 9],
      ['Reporting', 2, 10, 15],
    ]);
  });

  it('reads tables as header and rows with their lines and section', () => {
    const [table] = doc.tables;
    expect(table?.header.cells).toEqual(['Version', 'Supported', 'End of support']);
    expect(table?.rows.map((r) => [r.cells[0], r.line])).toEqual([
      ['2.x', 7],
      ['1.x', 8],
    ]);
    expect(table?.section?.heading).toBe('Supported Versions');
  });

  it('splits prose into sentences that keep the line they start on', () => {
    const found = sentences(doc).filter((s) => s.block.kind !== 'heading' && s.block.kind !== 'table-row');
    expect(found.map((s) => [s.text, s.line])).toEqual([
      ['Email our team.', 12],
      ['We reply within two days.', 12],
      ['See the process.', 15],
    ]);
    expect(found[2]?.block.kind).toBe('list-item');
  });

  it('collects links with their lines', () => {
    expect(doc.links.map((l) => [l.url, l.text, l.line])).toEqual([
      ['mailto:security@example.org', 'our team', 12],
      ['docs/process.md#triage', 'process', 15],
    ]);
  });

  it('finds sections by heading and the blocks inside them', () => {
    const [reporting] = sectionsMatching(doc, /reporting/i);
    expect(blocksIn(doc, reporting!).map((b) => b.kind)).toEqual(['heading', 'paragraph', 'list-item']);
  });

  it('tells English prose from other languages', () => {
    expect(
      parseMarkdown('a.md', 'Please report any vulnerability to us by email and we will reply to you.')
        .language,
    ).toBe('english');
    expect(
      parseMarkdown(
        'b.md',
        'Bitte melden Sie Sicherheitslücken vertraulich per E-Mail an unser Sicherheitsteam. Wir antworten schnell.',
      ).language,
    ).toBe('other');
    expect(parseMarkdown('c.md', 'Email us.').language).toBe('too-short');
  });

  it('returns an empty document for binary or empty input, and cuts very long lines', () => {
    expect(parseMarkdown('x.md', 'abc\u0000def').note).toMatch(/binary/);
    expect(parseMarkdown('y.md', '').blocks).toEqual([]);
    const long = parseMarkdown('z.md', `${'word '.repeat(10_000)}\nnext`);
    expect(long.blocks[0]!.text.length).toBeLessThanOrEqual(2100);
  });

  it('reads GFM as GitHub does: autolink literals, task items, footnotes, definitions, ragged tables', () => {
    const doc = parseMarkdown(
      'SECURITY.md',
      [
        'Write to security@example.org or see www.example.org/security.', // 1
        '', // 2
        '- [x] Private reporting is on', // 3
        '', // 4
        'Reply within ~two~ days.[^1]', // 5
        '', // 6
        '[^1]: Working days, see [hours][Support Hours].', // 7
        '', // 8
        '[Support Hours]: https://example.org/hours', // 9
        '', // 10
        '| Version | Supported |', // 11
        '| ------- | --------- |', // 12
        '| 2.x |', // 13
        '| 1.x | no | until 2025 |', // 14
      ].join('\n'),
    );
    expect(doc.links).toEqual([
      { url: 'mailto:security@example.org', text: 'security@example.org', line: 1 },
      { url: 'http://www.example.org/security', text: 'www.example.org/security', line: 1 },
      { url: 'https://example.org/hours', text: 'Support Hours', line: 9 },
    ]);
    expect(doc.blocks.map((b) => [b.kind, b.text, b.line])).toEqual([
      ['paragraph', 'Write to security@example.org or see www.example.org/security.', 1],
      ['list-item', 'Private reporting is on', 3],
      ['paragraph', 'Reply within two days.', 5],
      ['paragraph', 'Working days, see hours.', 7],
      ['table-row', 'Version | Supported', 11],
      ['table-row', '2.x', 13],
      ['table-row', '1.x | no | until 2025', 14],
    ]);
  });

  it('keeps each definition as written, and reads links and images made from one as mdast does', () => {
    const doc = parseMarkdown(
      'README.md',
      [
        'See [the policy](https://a.example/p), [the guide][guide], [guide][] and [Guide].', // 1
        '', // 2
        '![logo][img] and ![inline](https://a.example/i.png "t")', // 3
        '', // 4
        '[guide]: https://a.example/g', // 5
        '[GUIDE]: https://a.example/second', // 6
        '[img]: <https://a.example/l.png> "Logo"', // 7
        '[guide](unclosed', // 8
      ].join('\n'),
    );
    // A reference is not a link of its own (mdast's linkReference); each definition is, with its
    // own URL even when its label was defined before.
    expect(doc.links).toEqual([
      { url: 'https://a.example/p', text: 'the policy', line: 1 },
      { url: 'https://a.example/g', text: 'guide', line: 5 },
      { url: 'https://a.example/second', text: 'GUIDE', line: 6 },
      { url: 'https://a.example/l.png', text: 'img', line: 7 },
    ]);
    // An image's alt text is prose only when the image is not made from a reference; an unclosed
    // inline link falls back to a shortcut reference, which is defined here.
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'See the policy, the guide, guide and Guide.',
      ' and inline',
      'guide(unclosed',
    ]);
  });
  it('maps every offset of a paragraph to its line through breaks, code spans and quotes', () => {
    const doc = parseMarkdown(
      'README.md',
      ['> Report `a', '> b` here  ', '> or [there](', '> x) and', '> here'].join('\n'),
    );
    const [block] = doc.blocks;
    expect(block?.text).toBe('Report a b here or there and here');
    // Offset, line: where the text moves to another source line.
    expect(block?.lineStarts).toEqual([0, 1, 9, 2, 16, 3, 24, 4, 29, 5]);
    expect(doc.links).toEqual([{ url: 'x', text: 'there', line: 3 }]);
  });

  it.each([
    ['an indented block', 'Intro.\n\n    code one\n    code two\n', 3, 4],
    ['an indented block in a list item', '- item\n\n      code one\n      code two\n', 3, 4],
    ['a fence (its content starts on the line after it)', 'Intro.\n\n```\ncode one\ncode two\n```\n', 4, 5],
  ])('places the lines of %s where they are', (_what, text, first, second) => {
    const [code] = parseMarkdown('README.md', text).blocks.filter((b) => b.kind === 'code');
    expect(code?.text).toBe('code one code two');
    expect(code?.line).toBe(first);
    expect(code?.lineStarts).toEqual([0, first, 9, second]);
    expect(code!.endLine).toBeGreaterThanOrEqual(second);
  });

  it('survives deeply nested input', () => {
    expect(() => parseMarkdown('deep.md', '> '.repeat(1000) + 'x\n' + '- '.repeat(1000) + 'y')).not.toThrow();
  });
});

describe('links within the repository', () => {
  const paths = filesFromRecord({
    'docs/process.md': '# Process',
    'SUPPORT.md': '# Support',
    'docs/a/b.md': 'x',
  });

  it('resolves relative links to Markdown files that exist, and nothing else', () => {
    expect(resolveRepoLink('SECURITY.md', 'docs/process.md#triage', paths)).toBe('docs/process.md');
    expect(resolveRepoLink('docs/a/b.md', '../../SUPPORT.md', paths)).toBe('SUPPORT.md');
    expect(resolveRepoLink('docs/a/b.md', '/docs/process.md', paths)).toBe('docs/process.md');
    expect(resolveRepoLink('SECURITY.md', '../outside.md', paths)).toBeUndefined();
    expect(resolveRepoLink('SECURITY.md', 'https://example.org/SUPPORT.md', paths)).toBeUndefined();
    expect(resolveRepoLink('SECURITY.md', 'missing.md', paths)).toBeUndefined();
  });

  it('parses the linked documents once per scan', () => {
    const files = filesFromRecord({
      'SECURITY.md': POLICY,
      'docs/process.md': '# Process\n\nWe triage reports.',
    });
    const ctx = checkContext(files);
    const doc = parseMarkdown('SECURITY.md', POLICY);
    const [linked] = linkedDocuments(ctx, doc);
    expect(linked?.path).toBe('docs/process.md');
    expect(linkedDocuments(ctx, doc)[0]).toBe(linked);
  });
});

describe('mayHaveHeading', () => {
  const ctxOf = (text: string) => checkContext(filesFromRecord({ 'docs/a.md': text }));
  it('finds ATX, setext and HTML headings without parsing, and nothing in body text', () => {
    expect(mayHaveHeading(ctxOf('# Intro\n\n## Supported versions\n'), 'docs/a.md', /support/i)).toBe(true);
    expect(mayHaveHeading(ctxOf('Supported versions\n------------------\n'), 'docs/a.md', /support/i)).toBe(
      true,
    );
    expect(mayHaveHeading(ctxOf('<h2 id="x">Support</h2>\n'), 'docs/a.md', /support/i)).toBe(true);
    expect(mayHaveHeading(ctxOf('# Intro\nWe support many things.\n'), 'docs/a.md', /support/i)).toBe(false);
    expect(mayHaveHeading(ctxOf('#hashtag support\n'), 'docs/a.md', /support/i)).toBe(false);
  });

  it('skips comments inside fenced code that opens at column 0, which the parser finds no heading in', () => {
    const text = '# Install\n\n```sh\n# Upgrade the chart\nhelm upgrade x\n```\n\n~~~yaml\n## Migrate\n~~~\n';
    expect(sectionsMatching(parseMarkdown('docs/a.md', text), /upgrad|migrat/i)).toHaveLength(0);
    expect(mayHaveHeading(ctxOf(text), 'docs/a.md', /upgrad|migrat/i)).toBe(false);
  });

  // Each page has a real "Upgrading" heading after something that looks like a fence: the
  // pre-test must keep it, or the page would never be parsed.
  it.each([
    ['a fence line inside an HTML block', '<div>\n```\n</div>\n\n## Upgrading\n'],
    ['a fence indented 1-3 spaces whose closer is at column 0', '  ```\n  code\n```\n## Upgrading\n```\n'],
    ['a closer of the other fence character', '~~~\n```\n# not a heading\n~~~\n## Upgrading\n'],
    ['a closer longer than its opener', '```\n# not a heading\n`````\n## Upgrading\n'],
    ['backticks after the opener (inline code, not a fence)', '```a`b\n## Upgrading\n'],
    ['a fence inside a list item that the column-0 heading ends', '- step\n    ```\n# Upgrading\n'],
    [
      'a heading inside a quote after a fence',
      '```\ncode\n```\n> ## Upgrading\n>\n> Run it.\n\n# Upgrading\n',
    ],
    ['Windows line endings', '```\r\n# no\r\n```\r\n## Upgrading\r\n'],
  ])('keeps a real heading after %s', (_name, text) => {
    expect(sectionsMatching(parseMarkdown('docs/a.md', text), /^upgrading$/i)).not.toHaveLength(0);
    expect(mayHaveHeading(ctxOf(text), 'docs/a.md', /^upgrading$/i)).toBe(true);
  });
});

describe('firstHeadingMatching', () => {
  const SECURITY = /^security$/i;
  const firstOf = (text: string) => {
    const ctx = checkContext(filesFromRecord({ 'CHANGELOG.md': text }));
    return firstHeadingMatching(ctx, 'CHANGELOG.md', SECURITY);
  };
  const parsedWhole = (text: string) => {
    const [section] = sectionsMatching(parseMarkdown('CHANGELOG.md', text), SECURITY);
    return section && { heading: section.heading, line: section.line };
  };

  it('finds the heading without parsing the page beyond it', () => {
    const tail = Array.from({ length: 50 }, (_, i) => `## 1.${i}\n\n- fix ${i}`).join('\n\n');
    const text = `# Changelog\n\n## 2.0\n\n### Security\n\n- CVE fixed\n\n${tail}\n`;
    const ctx = checkContext(filesFromRecord({ 'CHANGELOG.md': text }));
    expect(firstHeadingMatching(ctx, 'CHANGELOG.md', SECURITY)).toEqual({ heading: 'Security', line: 5 });
    // The whole page was not parsed (and memoised) on the way.
    let parsedAgain = false;
    ctx.memo('markdown:CHANGELOG.md', () => (parsedAgain = true));
    expect(parsedAgain).toBe(true);
  });

  // Pages where the first raw candidate is not the heading a whole parse finds first: the answer
  // must be the whole parse's.
  it.each([
    [
      'a link definition further down names an earlier heading',
      '## [Security]\n\n## Security\n\n[security]: /x\n',
    ],
    ['the first candidate is inside an HTML block', '<div>\n# Security\n</div>\n\n## Security\n'],
    ['a setext heading whose underline is the next line', 'Intro\n\nSecurity\n--------\n\nText\n'],
    ['a candidate on the last line', 'Text\n\n# Security'],
    ['a fenced comment before the real heading', '```\n# Security\n```\n\n# Security\n\nmore\n\nmore\n'],
  ])('agrees with a whole parse when %s', (_name, text) => {
    const whole = parsedWhole(text);
    expect(whole).toBeDefined();
    expect(firstOf(text)).toEqual(whole);
  });

  it('finds nothing in a page with a NUL, as the whole parse does', () => {
    const text = '# Security\n\nx\n\ny\n\u0000';
    expect(parsedWhole(text)).toBeUndefined();
    expect(firstOf(text)).toBeUndefined();
  });
});
