import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/report/escape.ts
var MARKDOWN_SPECIAL = /[\\`*_{}[\]()#+\-!|~<>&@"']/g;
var HTML_ENTITY = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
  "@": "&#64;"
};
var WORD_JOINER = "\u2060";
function escapeMarkdown(text) {
  return breakAutolinks(
    stripControl(text).replace(/[\r\n\u2028\u2029]+/g, " ").replace(MARKDOWN_SPECIAL, (ch) => HTML_ENTITY[ch] ?? `\\${ch}`)
  );
}
function escapeMarkdownKeepingCode(text) {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(CODE_SPAN)) {
    const code = m[1];
    if (!PLAIN_CODE.test(code) || /(^|\W)@/.test(code)) continue;
    out += `${escapeMarkdown(text.slice(last, m.index))}\`${code}\``;
    last = m.index + m[0].length;
  }
  return out + escapeMarkdown(text.slice(last));
}
var CODE_SPAN = /`([^`\r\n\u2028\u2029]{1,500})`/g;
var PLAIN_CODE = /^[\p{L}\p{N} ._\-/:=${}*#,()+~'"!?%^@]+$/u;
function breakAutolinks(escaped) {
  return escaped.replace(/:\/\//g, `:${WORD_JOINER}//`).replace(/(www)\./gi, `$1${WORD_JOINER}.`).replace(/&#64;/g, `&#64;${WORD_JOINER}`);
}
function escapeHtml(text) {
  return stripControl(text).replace(/[&<>"'@]/g, (ch) => HTML_ENTITY[ch]);
}
function escapeTerminal(text) {
  return text.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g,
    (ch) => {
      const code = ch.charCodeAt(0);
      return code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u{${code.toString(16)}}`;
    }
  );
}
function stripControl(text) {
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, "");
}
function defuseWorkflowCommands(text) {
  return text.replace(/^([^\S\r\n]*):(?=:)/gm, "$1\\:").replace(/##\[/g, "#\\#[");
}
function defuseWorkflowCommandsInJson(json) {
  return json.replace(/##\[/g, "##\\u005b");
}
function encodePath(path) {
  return path.split("/").map(encodeURIComponent).join("/");
}

// src/config/defaults.ts
var DEFAULT_CONFIG_PATH = ".github/sscop.yml";
var DEFAULT_THRESHOLD = 60;

export {
  DEFAULT_CONFIG_PATH,
  DEFAULT_THRESHOLD,
  escapeMarkdown,
  escapeMarkdownKeepingCode,
  escapeHtml,
  escapeTerminal,
  stripControl,
  defuseWorkflowCommands,
  defuseWorkflowCommandsInJson,
  encodePath
};
