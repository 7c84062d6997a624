import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/config/defaults.ts
var DEFAULT_CONFIG_PATH = ".github/sscop.yml";
var DEFAULT_THRESHOLD = 60;

export {
  DEFAULT_CONFIG_PATH,
  DEFAULT_THRESHOLD
};
