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

// src/github/fact.ts
function isKnown(fact) {
  return "value" in fact;
}
function known(value) {
  return { value };
}
function unobserved(reason, howToObserve) {
  return { unknown: { reason, howToObserve } };
}

export {
  cutText,
  shorten,
  isKnown,
  known,
  unobserved
};
