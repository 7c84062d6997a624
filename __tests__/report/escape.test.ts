import { describe, expect, it } from '@jest/globals';
import {
  defuseWorkflowCommands,
  escapeHtml,
  escapeMarkdown,
  escapeMarkdownKeepingCode,
  escapeTerminal,
} from '../../src/report/escape.js';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { liveMarkup } from '../support/markdown-nodes.js';
import { isRunnerCommand } from '../support/runner-commands.js';

describe('escapeMarkdown', () => {
  it('neutralises links, images, emphasis, HTML, code and table breaks', () => {
    const evil = '[click](https://evil.example) ![x](y) **bold** <img src=x onerror=alert(1)> `code` | col';
    const out = escapeMarkdown(evil);
    expect(out).not.toMatch(/(^|[^\\])\[/);
    expect(out).not.toMatch(/<img/);
    expect(out).not.toMatch(/(^|[^\\])\|/);
    expect(out).not.toMatch(/(^|[^\\])`/);
    expect(out).not.toMatch(/(^|[^\\])\*/);
  });

  it('folds line breaks so a value cannot start a new block', () => {
    expect(escapeMarkdown('a\n# heading\r\n- item')).not.toMatch(/\n/);
  });

  it('stops @mentions from pinging', () => {
    expect(escapeMarkdown('@octocat')).toBe('&#64;\u2060octocat');
  });
});

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<a href="x">'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&lt;/a&gt;');
  });
});

describe('escapeTerminal', () => {
  it('shows control characters instead of letting them act', () => {
    expect(escapeTerminal('a\u001b[31mred\u0007')).toBe('a\\x1b[31mred\\x07');
    expect(escapeTerminal('x\u202ey')).toBe('x\\u{202e}y');
  });
});

describe('escapeMarkdown and autolinks', () => {
  it('leaves no bare URL, www. domain or e-mail address for GitHub to turn into a link', () => {
    const evil = [
      'https://evil.example/a',
      'http://evil.example',
      'ftp://evil.example',
      'HTTPS://EVIL.EXAMPLE',
      'www.evil.example',
      'WWW.EVIL.EXAMPLE/x',
      'me@evil.example',
      'mailto:me@evil.example',
      'xmpp:me@evil.example',
      '(www.evil.example)',
      '*https://evil.example*',
    ].join(' ');
    expect(liveMarkup(escapeMarkdown(evil)).links).toEqual([]);
  });

  it('keeps the text readable: only invisible joiners and entities are added', () => {
    const shown = escapeMarkdown('see https://example.org and www.example.org')
      .replace(/\u2060/g, '')
      .replace(/&#58;/g, ':');
    expect(shown).toBe('see https://example.org and www.example.org');
  });

  it('a carriage return cannot start a heading or a link', () => {
    const out = escapeMarkdown('key\r## ✅ safe to merge\r[Click](https://evil.example)');
    expect(liveMarkup(`text ${out}`)).toEqual({ headings: [], links: [], html: [] });
  });
});

describe('defuseWorkflowCommands', () => {
  it('no line of the result is a command the runner would act on', () => {
    const evil = [
      '::add-mask::secret',
      '   ::set-output name=x::1',
      'text ##[add-mask]secret',
      '##[set-output name=passed;]true',
      '\t::stop-commands::tok',
    ].join('\n');
    for (const line of defuseWorkflowCommands(evil).split('\n')) expect(isRunnerCommand(line)).toBe(false);
  });

  it('leaves ordinary text, and :: or ## inside a line, as it was', () => {
    const text = 'a::b c##d [x] std::string\n# heading';
    expect(defuseWorkflowCommands(text)).toBe(text);
  });
});

describe('escapeMarkdownKeepingCode', () => {
  const inlineCode = (markdown: string): string[] => {
    const found: string[] = [];
    const visit = (node: { type: string; value?: string; children?: unknown[] }): void => {
      if (node.type === 'inlineCode') found.push(node.value!);
      for (const child of (node.children ?? []) as Array<typeof node>) visit(child);
    };
    visit(fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }));
    return found;
  };

  it('keeps a plain code span as code, with no backslash in it', () => {
    const out = escapeMarkdownKeepingCode('Use `permissions: contents: read` and `${{ github.sha }}` here.');
    expect(inlineCode(out)).toEqual(['permissions: contents: read', '${{ github.sha }}']);
  });

  it('escapes a span that could carry markup, a mention or a table break, and the text around spans', () => {
    const spans = [
      '`[click](https://evil.example)`',
      '`<img src=x onerror=alert(1)>`',
      '`@admin`',
      '`a | b`',
      '`a\\`',
    ];
    for (const span of spans) {
      const out = escapeMarkdownKeepingCode(`x ${span} [y](https://evil.example) <b>`);
      expect(inlineCode(out)).toEqual([]);
      const live = liveMarkup(out);
      expect(live.links).toEqual([]);
      expect(live.html).toEqual([]);
      expect(out).not.toMatch(/(^|[^;&\w])@admin/);
    }
  });

  it('keeps a table row in one piece', () => {
    const row = `| ${escapeMarkdownKeepingCode('`a` | b `c|d`')} |`;
    const table = `| h |\n|---|\n${row}\n`;
    const tree = fromMarkdown(table, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    const cells = (tree.children[0] as { children: Array<{ children: unknown[] }> }).children[1]!.children;
    expect(cells).toHaveLength(1);
  });
});
