/**
 * The inline suppression comment: `# sscop: ignore[CHECK-ID, …] reason`, read as each format reads
 * comments, with a reason required.
 */
import { describe, expect, it } from '@jest/globals';
import { decodeText } from '../../src/repo/read-file.js';
import { commentFormat, inlineSuppressionVisitor, parseInlineComments } from '../../src/suppress/inline.js';

describe('which files carry suppression comments', () => {
  it.each([
    ['.github/workflows/ci.yml', 'yaml'],
    ['action.yaml', 'yaml'],
    ['Dockerfile', 'dockerfile'],
    ['build/app.Dockerfile', 'dockerfile'],
    ['scripts/install.sh', 'shell'],
    ['src/index.ts', undefined],
    ['README.md', undefined],
  ])('%s: %s', (path, format) => {
    expect(commentFormat(path)).toBe(format);
  });
});

describe('parseInlineComments', () => {
  it('reads a comment on a line of its own, with several ids and the reason', () => {
    const text = 'on: push\n# sscop: ignore[pinned-actions, workflow-permissions] our own action, reviewed\n';
    expect(parseInlineComments('yaml', text)).toEqual({
      suppressions: [
        { line: 2, checkIds: ['pinned-actions', 'workflow-permissions'], reason: 'our own action, reviewed' },
      ],
      problems: [],
    });
  });

  it('reads a comment at the end of the line it is about', () => {
    const text = 'steps:\n  - uses: acme/x@v1 # sscop: ignore[pinned-actions] acme is our organisation\n';
    expect(parseInlineComments('yaml', text)?.suppressions).toEqual([
      { line: 2, checkIds: ['pinned-actions'], reason: 'acme is our organisation' },
    ]);
  });

  it('makes a comment without a reason a problem that suppresses nothing', () => {
    const found = parseInlineComments('shell', 'curl x | sh # sscop: ignore[unverified-downloads]\n');
    expect(found).toEqual({
      suppressions: [],
      problems: [
        { line: 1, checkIds: ['unverified-downloads'], problem: expect.stringMatching(/gives no reason/) },
      ],
    });
  });

  it('makes a comment without ids or brackets a problem', () => {
    const found = parseInlineComments('shell', '# sscop: ignore[] because\n# sscop: ignore because\n');
    expect(found?.suppressions).toEqual([]);
    expect(found?.problems.map((p) => [p.line, p.checkIds, p.problem])).toEqual([
      [1, [], 'names no check id between the brackets'],
      [2, [], expect.stringMatching(/is not in the form/)],
    ]);
  });

  it.each([
    ['yaml', `run: echo "# sscop: ignore[pinned-actions] not a comment"\n`],
    ['yaml', `key: '# sscop: ignore[pinned-actions] not a comment'\n`],
    ['yaml', `url: http://example.org/#sscop: ignore[pinned-actions] no space before the hash\n`],
    ['shell', `echo '# sscop: ignore[unverified-downloads] inside single quotes'\n`],
    ['shell', `x="a # sscop: ignore[unverified-downloads] inside double quotes"\n`],
    ['dockerfile', 'RUN curl x | sh # sscop: ignore[unverified-downloads] Docker passes this to RUN\n'],
  ])('does not take a # inside a string or argument for a comment (%s)', (format, text) => {
    expect(parseInlineComments(format as 'yaml', text)).toBeUndefined();
  });

  it('reads a comment after a closed string, and after an apostrophe inside a word', () => {
    const text = `run: echo "a # b" # sscop: ignore[script-injection] input is a constant\nname: it's fine # sscop: ignore[pinned-actions] vendor action\n`;
    expect(parseInlineComments('yaml', text)?.suppressions.map((s) => [s.line, s.checkIds[0]])).toEqual([
      [1, 'script-injection'],
      [2, 'pinned-actions'],
    ]);
  });

  it('reads a Dockerfile comment on its own line, also inside a continued RUN', () => {
    const text =
      'FROM x\nRUN apt-get update && \\\n    # sscop: ignore[unverified-downloads] vendor installer, checked by hand\n    curl -s x | sh\n';
    expect(parseInlineComments('dockerfile', text)?.suppressions).toEqual([
      { line: 3, checkIds: ['unverified-downloads'], reason: 'vendor installer, checked by hand' },
    ]);
  });

  it('ignores comments that are not sscop directives, and files without the marker', () => {
    expect(parseInlineComments('yaml', '# just a comment\n# sscop: checked 2026\n')).toBeUndefined();
    expect(parseInlineComments('yaml', 'on: push\n')).toBeUndefined();
  });
});

describe('the collector pass over comment-bearing files', () => {
  const visitor = inlineSuppressionVisitor(() => true);
  const directive = '# sscop: ignore[pinned-actions] vendored upstream';
  const utf16 = (bom: number[], text: string) =>
    Buffer.concat([Buffer.from(bom), Buffer.from(text, 'utf16le')]);

  // Each: its bytes, whether the pass goes over them undecoded, and whether the text shows a comment.
  it.each([
    ['UTF-8 with the comment', Buffer.from(`a: 1\n${directive}\n`), false, true],
    [
      'UTF-8 with the comment after an invalid byte',
      Buffer.from([0xc3, 0x0a, ...Buffer.from(directive)]),
      false,
      true,
    ],
    ['UTF-16 with the comment', utf16([0xff, 0xfe], directive), false, true],
    ['UTF-16 without it', utf16([0xff, 0xfe], 'a: 1'), false, false],
    ['UTF-8 without the marker', Buffer.from('a: 1\n# a plain comment\n'), true, false],
  ])('passes over the bytes only when the text shows nothing (%s)', (_what, bytes, passedOver, shows) => {
    expect(visitor.showsNothingIn!('ci.yml', bytes, bytes.length)).toBe(passedOver);
    expect(visitor.visit('ci.yml', decodeText(bytes), bytes.length) !== undefined).toBe(shows);
  });
});
