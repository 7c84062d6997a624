import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/shorten.ts
function cutText(text, max) {
  if (text.length <= max) return text;
  const end = Math.max(0, max);
  const lastKept = text.charCodeAt(end - 1);
  return text.slice(0, lastKept >= 55296 && lastKept <= 56319 ? end - 1 : end);
}
function shorten(text, max) {
  return text.length > max ? `${cutText(text, max - 1)}\u2026` : text;
}

export {
  cutText,
  shorten
};
