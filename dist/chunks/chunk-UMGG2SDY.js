import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-PJB45EWD.js";

// src/github/repository.ts
var REPOSITORY = /^([A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))\/([A-Za-z0-9._-]{1,100})$/;
function parseRepository(value) {
  const m = REPOSITORY.exec(value.trim());
  if (!m || m[2] === "." || m[2] === "..") {
    throw new UserError(`Invalid repository '${value}'. Expected format {owner}/{repo}.`);
  }
  return { owner: m[1], repo: m[2] };
}

export {
  parseRepository
};
