import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/errors.ts
var UserError = class extends Error {
  name = "UserError";
};
var ConfigError = class extends UserError {
  constructor(file, line, column, key, problem) {
    const where = line ? `${file}:${line}${column ? `:${column}` : ""}` : file;
    super(`${where}: ${key ? `${shownKey(key)}: ` : ""}${problem}`);
    this.file = file;
    this.line = line;
    this.column = column;
    this.key = key;
    this.problem = problem;
  }
  file;
  line;
  column;
  key;
  problem;
  name = "ConfigError";
};
function shownKey(key) {
  return /^[\w.-]{1,200}$/.test(key) ? key : JSON.stringify(key);
}
function errorMessage(error) {
  return error instanceof Error ? error.message : String(error);
}
function errorFirstLine(error) {
  return errorMessage(error).split("\n")[0] || "unknown error";
}

export {
  UserError,
  ConfigError,
  errorMessage,
  errorFirstLine
};
