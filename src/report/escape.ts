/**
 * Escaping for text that comes from the scanned repository or the API (file names, quotes, messages):
 * it must render as literal text in Markdown/HTML and cannot move or recolour a terminal.
 */

const MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-!|~<>&@"']/g;
const HTML_ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
  '@': '&#64;',
};

/** Invisible and not a line-break opportunity: splits a pattern without changing what is read. */
const WORD_JOINER = '\u2060';

/**
 * Literal text inside Markdown (GitHub flavour, HTML allowed): no emphasis, links, images, HTML,
 * autolinks, @mentions or table breaks; line breaks (CR too) folded to spaces.
 */
export function escapeMarkdown(text: string): string {
  return breakAutolinks(
    stripControl(text)
      .replace(/[\r\n\u2028\u2029]+/g, ' ')
      .replace(MARKDOWN_SPECIAL, (ch) => HTML_ENTITY[ch] ?? `\\${ch}`),
  );
}

/**
 * Text whose own code spans (`` `permissions: write-all` ``) should render as code: each span whose
 * content is plain (no character that markup, an entity, a table cell or a mention could use) is
 * kept as a code span, where nothing is interpreted; everything else, including a span that is not
 * plain, is escaped as `escapeMarkdown` does.
 */
export function escapeMarkdownKeepingCode(text: string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(CODE_SPAN)) {
    const code = m[1]!;
    if (!PLAIN_CODE.test(code) || /(^|\W)@/.test(code)) continue;
    out += `${escapeMarkdown(text.slice(last, m.index))}\`${code}\``;
    last = m.index + m[0].length;
  }
  return out + escapeMarkdown(text.slice(last));
}

const CODE_SPAN = /`([^`\r\n\u2028\u2029]{1,500})`/g;
/** Letters, digits, blanks and punctuation that means nothing in a code span, a table or HTML. */
const PLAIN_CODE = /^[\p{L}\p{N} ._\-/:=${}*#,()+~'"!?%^@]+$/u;

/**
 * GitHub links bare `scheme://` URLs, `www.` domains and e-mail addresses (`mailto:`, `xmpp:`)
 * in text, and some renderers find them after entities are decoded, so an entity alone does not
 * stop them: a word joiner after `:`, after `www` and after the (escaped) `@` does.
 */
function breakAutolinks(escaped: string): string {
  return escaped
    .replace(/:\/\//g, `:${WORD_JOINER}//`)
    .replace(/(www)\./gi, `$1${WORD_JOINER}.`)
    .replace(/&#64;/g, `&#64;${WORD_JOINER}`);
}

/** Escapes for HTML text and attribute values. */
export function escapeHtml(text: string): string {
  return stripControl(text).replace(/[&<>"'@]/g, (ch) => HTML_ENTITY[ch]!);
}

/**
 * Makes text safe to print on a terminal: control characters (ESC, BEL, backspace, C1 controls,
 * bidi overrides) are shown as `\xNN`/`\u{…}` instead of being interpreted.
 */
export function escapeTerminal(text: string): string {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => {
      const code = ch.charCodeAt(0);
      return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
    },
  );
}

/**
 * Removes C0/C1 controls and bidi overrides (keeps tab and newline, handled by callers). Exported for
 * plain-text outputs (annotations, SARIF messages) that a viewer might still interpret.
 */
export function stripControl(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '');
}

/**
 * Text printed where the Actions runner reads commands (a step's stdout and stderr): a line that
 * starts with `::` after blanks, or holds the legacy `##[` anywhere, is shown with a backslash
 * instead. The runner compares culture-sensitively, so an invisible character would not stop it.
 */
export function defuseWorkflowCommands(text: string): string {
  return text.replace(/^([^\S\r\n]*):(?=:)/gm, '$1\\:').replace(/##\[/g, '#\\#[');
}

/**
 * The same for JSON text: `##[` can only occur inside a string there, where `[` may be written
 * `\u005b` (the same JSON value); a JSON line never starts with `::`.
 */
export function defuseWorkflowCommandsInJson(json: string): string {
  return json.replace(/##\[/g, '##\\u005b');
}

/** Percent-encodes each path segment for use in a URL. */
export function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
