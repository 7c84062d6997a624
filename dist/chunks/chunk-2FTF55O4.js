import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/collate.ts
var BEFORE_LETTERS = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789";
var PRIMARY = new Uint8Array(128);
for (let i = 0; i < BEFORE_LETTERS.length; i++) PRIMARY[BEFORE_LETTERS.charCodeAt(i)] = i + 1;
for (let i = 0; i < 26; i++) {
  PRIMARY[97 + i] = BEFORE_LETTERS.length + 1 + i;
  PRIMARY[65 + i] = BEFORE_LETTERS.length + 1 + i;
}
function collate(a, b) {
  if (a === b) return 0;
  if (!isPrintableAscii(a) || !isPrintableAscii(b)) return a.localeCompare(b);
  const shared = Math.min(a.length, b.length);
  for (let i = 0; i < shared; i++) {
    const d = PRIMARY[a.charCodeAt(i)] - PRIMARY[b.charCodeAt(i)];
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  for (let i = 0; i < shared; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x > y ? -1 : 1;
  }
  return 0;
}
function isPrintableAscii(text) {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 32 || c > 126) return false;
  }
  return true;
}

export {
  collate
};
