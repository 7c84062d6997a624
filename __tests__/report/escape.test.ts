import { describe, expect, it } from '@jest/globals';
import { escapeHtml, escapeMarkdown, escapeTerminal } from '../../src/report/escape.js';

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
    expect(escapeMarkdown('@octocat')).toBe('&#64;octocat');
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
