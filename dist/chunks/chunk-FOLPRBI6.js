import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

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
  isKnown,
  known,
  unobserved
};
