import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  DEFAULT_BRANCH_BASELINE
} from "./chunk-ITTOKXSS.js";
import {
  ApiTimeBudget,
  GitHubStatusError,
  GitHubUnavailableError,
  createGitHubClient,
  require_tunnel,
  require_undici
} from "./chunk-RMI2LDBZ.js";
import {
  addedLines,
  buildEvidencePack,
  changedUnder,
  fileAtCommit,
  findingTextOf,
  gateOnNewFindings,
  markNewFindings,
  pathInRepository,
  rankedFindings,
  readBaselineFile,
  readBaselineFromZip,
  renderEvidencePackHtml,
  renderEvidencePackMarkdown,
  renderMarkdown,
  renderSarif,
  scan,
  signingPermissionNote,
  timingRecorder,
  writeAttestation
} from "./chunk-BIMX4CY5.js";
import {
  DEFAULT_CONFIG_PATH
} from "./chunk-4JFIPELO.js";
import "./chunk-ONSPMNKV.js";
import "./chunk-FOLPRBI6.js";
import {
  jsonDocument,
  markNewSinceBaseline,
  writeOutputFile
} from "./chunk-HRQOEH4R.js";
import {
  severityRank
} from "./chunk-4MQQFVBA.js";
import "./chunk-2FTF55O4.js";
import "./chunk-B7ZNQGY5.js";
import {
  shorten
} from "./chunk-KSFHDG3R.js";
import {
  isRecord
} from "./chunk-ET7XIEAH.js";
import "./chunk-P2VKQ6MP.js";
import {
  UserError,
  array,
  boolean,
  errorFirstLine,
  errorMessage,
  escapeMarkdown,
  number,
  object,
  string,
  stripControl
} from "./chunk-PJB45EWD.js";
import {
  __toESM
} from "./chunk-W373YIMK.js";

// node_modules/@actions/core/lib/command.js
import * as os from "os";

// node_modules/@actions/core/lib/utils.js
function toCommandValue(input) {
  if (input === null || input === void 0) {
    return "";
  } else if (typeof input === "string" || input instanceof String) {
    return input;
  }
  return JSON.stringify(input);
}
function toCommandProperties(annotationProperties) {
  if (!Object.keys(annotationProperties).length) {
    return {};
  }
  return {
    title: annotationProperties.title,
    file: annotationProperties.file,
    line: annotationProperties.startLine,
    endLine: annotationProperties.endLine,
    col: annotationProperties.startColumn,
    endColumn: annotationProperties.endColumn
  };
}

// node_modules/@actions/core/lib/command.js
function issueCommand(command, properties, message) {
  const cmd = new Command(command, properties, message);
  process.stdout.write(cmd.toString() + os.EOL);
}
var CMD_STRING = "::";
var Command = class {
  constructor(command, properties, message) {
    if (!command) {
      command = "missing.command";
    }
    this.command = command;
    this.properties = properties;
    this.message = message;
  }
  toString() {
    let cmdStr = CMD_STRING + this.command;
    if (this.properties && Object.keys(this.properties).length > 0) {
      cmdStr += " ";
      let first = true;
      for (const key in this.properties) {
        if (this.properties.hasOwnProperty(key)) {
          const val = this.properties[key];
          if (val) {
            if (first) {
              first = false;
            } else {
              cmdStr += ",";
            }
            cmdStr += `${key}=${escapeProperty(val)}`;
          }
        }
      }
    }
    cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
    return cmdStr;
  }
};
function escapeData(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}
function escapeProperty(s) {
  return toCommandValue(s).replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A").replace(/:/g, "%3A").replace(/,/g, "%2C");
}

// node_modules/@actions/core/lib/file-command.js
import * as crypto from "crypto";
import * as fs from "fs";
import * as os2 from "os";
function issueFileCommand(command, message) {
  const filePath = process.env[`GITHUB_${command}`];
  if (!filePath) {
    throw new Error(`Unable to find environment variable for file command ${command}`);
  }
  if (!fs.existsSync(filePath)) {
    throw new Error(`Missing file at path: ${filePath}`);
  }
  fs.appendFileSync(filePath, `${toCommandValue(message)}${os2.EOL}`, {
    encoding: "utf8"
  });
}
function prepareKeyValueMessage(key, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const convertedValue = toCommandValue(value);
  if (key.includes(delimiter)) {
    throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
  }
  if (convertedValue.includes(delimiter)) {
    throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
  }
  return `${key}<<${delimiter}${os2.EOL}${convertedValue}${os2.EOL}${delimiter}`;
}

// node_modules/@actions/core/lib/core.js
import * as os4 from "os";

// node_modules/@actions/http-client/lib/index.js
var tunnel = __toESM(require_tunnel(), 1);
var import_undici = __toESM(require_undici(), 1);
var HttpCodes;
(function(HttpCodes2) {
  HttpCodes2[HttpCodes2["OK"] = 200] = "OK";
  HttpCodes2[HttpCodes2["MultipleChoices"] = 300] = "MultipleChoices";
  HttpCodes2[HttpCodes2["MovedPermanently"] = 301] = "MovedPermanently";
  HttpCodes2[HttpCodes2["ResourceMoved"] = 302] = "ResourceMoved";
  HttpCodes2[HttpCodes2["SeeOther"] = 303] = "SeeOther";
  HttpCodes2[HttpCodes2["NotModified"] = 304] = "NotModified";
  HttpCodes2[HttpCodes2["UseProxy"] = 305] = "UseProxy";
  HttpCodes2[HttpCodes2["SwitchProxy"] = 306] = "SwitchProxy";
  HttpCodes2[HttpCodes2["TemporaryRedirect"] = 307] = "TemporaryRedirect";
  HttpCodes2[HttpCodes2["PermanentRedirect"] = 308] = "PermanentRedirect";
  HttpCodes2[HttpCodes2["BadRequest"] = 400] = "BadRequest";
  HttpCodes2[HttpCodes2["Unauthorized"] = 401] = "Unauthorized";
  HttpCodes2[HttpCodes2["PaymentRequired"] = 402] = "PaymentRequired";
  HttpCodes2[HttpCodes2["Forbidden"] = 403] = "Forbidden";
  HttpCodes2[HttpCodes2["NotFound"] = 404] = "NotFound";
  HttpCodes2[HttpCodes2["MethodNotAllowed"] = 405] = "MethodNotAllowed";
  HttpCodes2[HttpCodes2["NotAcceptable"] = 406] = "NotAcceptable";
  HttpCodes2[HttpCodes2["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
  HttpCodes2[HttpCodes2["RequestTimeout"] = 408] = "RequestTimeout";
  HttpCodes2[HttpCodes2["Conflict"] = 409] = "Conflict";
  HttpCodes2[HttpCodes2["Gone"] = 410] = "Gone";
  HttpCodes2[HttpCodes2["TooManyRequests"] = 429] = "TooManyRequests";
  HttpCodes2[HttpCodes2["InternalServerError"] = 500] = "InternalServerError";
  HttpCodes2[HttpCodes2["NotImplemented"] = 501] = "NotImplemented";
  HttpCodes2[HttpCodes2["BadGateway"] = 502] = "BadGateway";
  HttpCodes2[HttpCodes2["ServiceUnavailable"] = 503] = "ServiceUnavailable";
  HttpCodes2[HttpCodes2["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function(Headers2) {
  Headers2["Accept"] = "accept";
  Headers2["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function(MediaTypes2) {
  MediaTypes2["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
var HttpRedirectCodes = [
  HttpCodes.MovedPermanently,
  HttpCodes.ResourceMoved,
  HttpCodes.SeeOther,
  HttpCodes.TemporaryRedirect,
  HttpCodes.PermanentRedirect
];
var HttpResponseRetryCodes = [
  HttpCodes.BadGateway,
  HttpCodes.ServiceUnavailable,
  HttpCodes.GatewayTimeout
];

// node_modules/@actions/core/lib/summary.js
import { EOL as EOL3 } from "os";
import { constants, promises } from "fs";
var __awaiter = function(thisArg, _arguments, P, generator) {
  function adopt(value) {
    return value instanceof P ? value : new P(function(resolve) {
      resolve(value);
    });
  }
  return new (P || (P = Promise))(function(resolve, reject) {
    function fulfilled(value) {
      try {
        step(generator.next(value));
      } catch (e) {
        reject(e);
      }
    }
    function rejected(value) {
      try {
        step(generator["throw"](value));
      } catch (e) {
        reject(e);
      }
    }
    function step(result) {
      result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected);
    }
    step((generator = generator.apply(thisArg, _arguments || [])).next());
  });
};
var { access, appendFile, writeFile } = promises;
var SUMMARY_ENV_VAR = "GITHUB_STEP_SUMMARY";
var Summary = class {
  constructor() {
    this._buffer = "";
  }
  /**
   * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
   * Also checks r/w permissions.
   *
   * @returns step summary file path
   */
  filePath() {
    return __awaiter(this, void 0, void 0, function* () {
      if (this._filePath) {
        return this._filePath;
      }
      const pathFromEnv = process.env[SUMMARY_ENV_VAR];
      if (!pathFromEnv) {
        throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
      }
      try {
        yield access(pathFromEnv, constants.R_OK | constants.W_OK);
      } catch (_a) {
        throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
      }
      this._filePath = pathFromEnv;
      return this._filePath;
    });
  }
  /**
   * Wraps content in an HTML tag, adding any HTML attributes
   *
   * @param {string} tag HTML tag to wrap
   * @param {string | null} content content within the tag
   * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
   *
   * @returns {string} content wrapped in HTML element
   */
  wrap(tag, content, attrs = {}) {
    const htmlAttrs = Object.entries(attrs).map(([key, value]) => ` ${key}="${value}"`).join("");
    if (!content) {
      return `<${tag}${htmlAttrs}>`;
    }
    return `<${tag}${htmlAttrs}>${content}</${tag}>`;
  }
  /**
   * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
   *
   * @param {SummaryWriteOptions} [options] (optional) options for write operation
   *
   * @returns {Promise<Summary>} summary instance
   */
  write(options) {
    return __awaiter(this, void 0, void 0, function* () {
      const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
      const filePath = yield this.filePath();
      const writeFunc = overwrite ? writeFile : appendFile;
      yield writeFunc(filePath, this._buffer, { encoding: "utf8" });
      return this.emptyBuffer();
    });
  }
  /**
   * Clears the summary buffer and wipes the summary file
   *
   * @returns {Summary} summary instance
   */
  clear() {
    return __awaiter(this, void 0, void 0, function* () {
      return this.emptyBuffer().write({ overwrite: true });
    });
  }
  /**
   * Returns the current summary buffer as a string
   *
   * @returns {string} string of summary buffer
   */
  stringify() {
    return this._buffer;
  }
  /**
   * If the summary buffer is empty
   *
   * @returns {boolen} true if the buffer is empty
   */
  isEmptyBuffer() {
    return this._buffer.length === 0;
  }
  /**
   * Resets the summary buffer without writing to summary file
   *
   * @returns {Summary} summary instance
   */
  emptyBuffer() {
    this._buffer = "";
    return this;
  }
  /**
   * Adds raw text to the summary buffer
   *
   * @param {string} text content to add
   * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
   *
   * @returns {Summary} summary instance
   */
  addRaw(text, addEOL = false) {
    this._buffer += text;
    return addEOL ? this.addEOL() : this;
  }
  /**
   * Adds the operating system-specific end-of-line marker to the buffer
   *
   * @returns {Summary} summary instance
   */
  addEOL() {
    return this.addRaw(EOL3);
  }
  /**
   * Adds an HTML codeblock to the summary buffer
   *
   * @param {string} code content to render within fenced code block
   * @param {string} lang (optional) language to syntax highlight code
   *
   * @returns {Summary} summary instance
   */
  addCodeBlock(code, lang) {
    const attrs = Object.assign({}, lang && { lang });
    const element = this.wrap("pre", this.wrap("code", code), attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML list to the summary buffer
   *
   * @param {string[]} items list of items to render
   * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
   *
   * @returns {Summary} summary instance
   */
  addList(items, ordered = false) {
    const tag = ordered ? "ol" : "ul";
    const listItems = items.map((item) => this.wrap("li", item)).join("");
    const element = this.wrap(tag, listItems);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML table to the summary buffer
   *
   * @param {SummaryTableCell[]} rows table rows
   *
   * @returns {Summary} summary instance
   */
  addTable(rows) {
    const tableBody = rows.map((row) => {
      const cells = row.map((cell) => {
        if (typeof cell === "string") {
          return this.wrap("td", cell);
        }
        const { header, data, colspan, rowspan } = cell;
        const tag = header ? "th" : "td";
        const attrs = Object.assign(Object.assign({}, colspan && { colspan }), rowspan && { rowspan });
        return this.wrap(tag, data, attrs);
      }).join("");
      return this.wrap("tr", cells);
    }).join("");
    const element = this.wrap("table", tableBody);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds a collapsable HTML details element to the summary buffer
   *
   * @param {string} label text for the closed state
   * @param {string} content collapsable content
   *
   * @returns {Summary} summary instance
   */
  addDetails(label, content) {
    const element = this.wrap("details", this.wrap("summary", label) + content);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML image tag to the summary buffer
   *
   * @param {string} src path to the image you to embed
   * @param {string} alt text description of the image
   * @param {SummaryImageOptions} options (optional) addition image attributes
   *
   * @returns {Summary} summary instance
   */
  addImage(src, alt, options) {
    const { width, height } = options || {};
    const attrs = Object.assign(Object.assign({}, width && { width }), height && { height });
    const element = this.wrap("img", null, Object.assign({ src, alt }, attrs));
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML section heading element
   *
   * @param {string} text heading text
   * @param {number | string} [level=1] (optional) the heading level, default: 1
   *
   * @returns {Summary} summary instance
   */
  addHeading(text, level) {
    const tag = `h${level}`;
    const allowedTag = ["h1", "h2", "h3", "h4", "h5", "h6"].includes(tag) ? tag : "h1";
    const element = this.wrap(allowedTag, text);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML thematic break (<hr>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addSeparator() {
    const element = this.wrap("hr", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML line break (<br>) to the summary buffer
   *
   * @returns {Summary} summary instance
   */
  addBreak() {
    const element = this.wrap("br", null);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML blockquote to the summary buffer
   *
   * @param {string} text quote text
   * @param {string} cite (optional) citation url
   *
   * @returns {Summary} summary instance
   */
  addQuote(text, cite) {
    const attrs = Object.assign({}, cite && { cite });
    const element = this.wrap("blockquote", text, attrs);
    return this.addRaw(element).addEOL();
  }
  /**
   * Adds an HTML anchor tag to the summary buffer
   *
   * @param {string} text link text/content
   * @param {string} href hyperlink
   *
   * @returns {Summary} summary instance
   */
  addLink(text, href) {
    const element = this.wrap("a", text, { href });
    return this.addRaw(element).addEOL();
  }
};
var _summary = new Summary();
var summary = _summary;

// node_modules/@actions/core/lib/platform.js
import os3 from "os";

// node_modules/@actions/io/lib/io-util.js
import * as fs2 from "fs";
var { chmod, copyFile, lstat, mkdir, open, readdir, rename, rm, rmdir, stat, symlink, unlink } = fs2.promises;
var IS_WINDOWS = process.platform === "win32";
var READONLY = fs2.constants.O_RDONLY;

// node_modules/@actions/exec/lib/toolrunner.js
var IS_WINDOWS2 = process.platform === "win32";

// node_modules/@actions/core/lib/platform.js
var platform = os3.platform();
var arch = os3.arch();

// node_modules/@actions/core/lib/core.js
var ExitCode;
(function(ExitCode2) {
  ExitCode2[ExitCode2["Success"] = 0] = "Success";
  ExitCode2[ExitCode2["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
function setOutput(name, value) {
  const filePath = process.env["GITHUB_OUTPUT"] || "";
  if (filePath) {
    return issueFileCommand("OUTPUT", prepareKeyValueMessage(name, value));
  }
  process.stdout.write(os4.EOL);
  issueCommand("set-output", { name }, toCommandValue(value));
}
function setFailed(message) {
  process.exitCode = ExitCode.Failure;
  error(message);
}
function isDebug() {
  return process.env["RUNNER_DEBUG"] === "1";
}
function debug(message) {
  issueCommand("debug", {}, message);
}
function error(message, properties = {}) {
  issueCommand("error", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function warning(message, properties = {}) {
  issueCommand("warning", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function notice(message, properties = {}) {
  issueCommand("notice", toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
function info(message) {
  process.stdout.write(message + os4.EOL);
}

// src/action/main.ts
import { promises as fs3 } from "node:fs";
import path2 from "node:path";

// src/report/annotations.ts
var MAX_CHECK_RUN_ANNOTATIONS = 500;
var ANNOTATIONS_PER_REQUEST = 50;
var ANNOTATIONS_PER_LEVEL = 10;
function levelOf(severity) {
  return severity === "critical" || severity === "high" ? "failure" : severity === "medium" ? "warning" : "notice";
}
function orderedLocatedFindings(report) {
  return rankedFindings(report).filter((f) => Boolean(f.path)).sort(
    (a, b) => Number(Boolean(a.suppressed)) - Number(Boolean(b.suppressed)) || Number(Boolean(b.new)) - Number(Boolean(a.new)) || severityRank(a.severity) - severityRank(b.severity)
  );
}
function toAnnotation(f, text) {
  const start = Math.max(1, f.line ?? 1);
  const end = Math.max(start, f.endLine ?? start);
  const a = {
    path: f.path,
    start_line: start,
    end_line: end,
    // An accepted finding is still shown on its line, but never as a failure or warning.
    annotation_level: f.suppressed ? "notice" : levelOf(f.severity),
    // Messages are plain text (not Markdown): control characters from repository text (ESC, bidi
    // overrides) are dropped.
    title: stripControl(text.title),
    message: shorten(stripControl(text.messageWithFix), 64e3)
  };
  if (start === end && f.column) {
    a.start_column = f.column;
    a.end_column = f.endColumn && f.endColumn >= f.column ? f.endColumn : f.column;
  }
  return a;
}
function checkRunAnnotations(report) {
  const all = orderedLocatedFindings(report);
  const text = findingTextOf(report);
  return {
    annotations: all.slice(0, MAX_CHECK_RUN_ANNOTATIONS).map((f) => toAnnotation(f, text(f))),
    omitted: Math.max(0, all.length - MAX_CHECK_RUN_ANNOTATIONS)
  };
}
function workflowCommandAnnotations(report) {
  const text = findingTextOf(report);
  const shown = { failure: 0, warning: 0, notice: 0 };
  const annotations = [];
  for (const f of orderedLocatedFindings(report)) {
    const level = f.suppressed ? "notice" : levelOf(f.severity);
    if (shown[level] >= ANNOTATIONS_PER_LEVEL) continue;
    shown[level]++;
    const { title, messageWithFix } = text(f);
    annotations.push({
      level,
      // The runner's log viewer renders ANSI sequences: control characters from repository text are dropped.
      title: stripControl(title),
      message: stripControl(messageWithFix),
      file: stripControl(f.path),
      ...f.line !== void 0 ? { line: f.line } : {},
      ...f.column !== void 0 ? { column: f.column } : {}
    });
  }
  return annotations;
}

// src/action/base-config.ts
import path from "node:path";
async function readBaseConfig(request) {
  const rel = (request.configPath ?? DEFAULT_CONFIG_PATH).split(path.sep).join("/");
  const at = `on the base commit (${request.baseSha.slice(0, 7)})`;
  const local = await fileAtCommit(request.scanRoot, request.baseSha, rel);
  if (local) return local.found ? { text: local.text, label: `${rel} ${at}` } : noConfig(rel, at);
  try {
    const remote = await contentAt(request, path.posix.join(request.scanPath, rel));
    return remote === void 0 ? noConfig(rel, at) : { text: remote, label: `${rel} ${at}` };
  } catch (error2) {
    return {
      label: `defaults: ${rel} ${at} could not be read (${errorFirstLine(error2)}), and a change is never judged by its own config`
    };
  }
}
function noConfig(rel, at) {
  return { label: `defaults (no ${rel} ${at})` };
}
async function contentAt(request, repoPath) {
  const { client, owner, repo } = request;
  if (!client || !owner || !repo)
    throw new Error("the base commit is not in the clone and there is no token");
  if (repoPath.startsWith("../")) throw new Error("the config path leaves the repository");
  let data;
  try {
    ({ data } = await client.octokit.rest.repos.getContent({
      owner,
      repo,
      path: repoPath,
      ref: request.baseSha
    }));
  } catch (error2) {
    if (error2.status === 404) return void 0;
    throw error2;
  }
  const file = data;
  if (file.type !== "file" || typeof file.content !== "string")
    throw new Error("the config path is not a file");
  if (file.encoding !== "base64") throw new Error("the contents API gave no content (the file is too large)");
  return Buffer.from(file.content, "base64").toString("utf8");
}

// src/action/check-run.ts
var CHECK_RUN_SUMMARY_MAX = 65535;
async function publishCheckRun(octokit, req) {
  const batches = [];
  for (let i = 0; i < req.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(req.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const output = (annotations) => ({
    title: req.title.slice(0, 255),
    summary: req.summary.slice(0, CHECK_RUN_SUMMARY_MAX),
    ...annotations?.length ? { annotations } : {}
  });
  let created;
  try {
    created = await octokit.rest.checks.create({
      owner: req.owner,
      repo: req.repo,
      name: req.name,
      head_sha: req.headSha,
      status: "completed",
      conclusion: req.conclusion,
      completed_at: (/* @__PURE__ */ new Date()).toISOString(),
      output: output(batches[0])
    });
  } catch (error2) {
    if (error2 instanceof UserError) throw error2;
    const status = error2.status;
    if (status === 403 || status === 404) {
      return {
        published: false,
        requests: 1,
        reason: "the token may not create check runs (it lacks `checks: write`, or this is a pull request from a fork, whose token is read-only)"
      };
    }
    return {
      published: false,
      requests: 1,
      // Without a status, GitHub did not answer or sscop refused the answer: the client's message says which.
      reason: `creating the check run failed (${status ?? errorFirstLine(error2)})`
    };
  }
  const id = created.data.id;
  let sent = batches[0]?.length ?? 0;
  let requests = 1;
  for (const batch of batches.slice(1)) {
    try {
      requests++;
      await octokit.rest.checks.update({
        owner: req.owner,
        repo: req.repo,
        check_run_id: id,
        output: output(batch)
      });
      sent += batch.length;
    } catch (error2) {
      const status = error2.status;
      return {
        published: true,
        id,
        url: created.data.html_url ?? void 0,
        annotationsSent: sent,
        requests,
        warning: `only ${sent} of ${req.annotations.length} annotations were delivered (update failed: ${status ?? "no answer"})`
      };
    }
  }
  return { published: true, id, url: created.data.html_url ?? void 0, annotationsSent: sent, requests };
}

// src/action/event.ts
import { readFileSync } from "node:fs";
var SHA = /^[0-9a-f]{40}$/;
function readRunContext(env) {
  let payload;
  if (env.GITHUB_EVENT_PATH) {
    try {
      payload = JSON.parse(readFileSync(env.GITHUB_EVENT_PATH, "utf8"));
    } catch {
      payload = void 0;
    }
  }
  return runContextFrom(env.GITHUB_EVENT_NAME ?? "", payload, env);
}
function runContextFrom(eventName, payload, env) {
  const [owner, repo] = (env.GITHUB_REPOSITORY ?? "").split("/");
  const ctx = { eventName, owner: owner || void 0, repo: repo || void 0, fromFork: false };
  const envSha = env.GITHUB_SHA && SHA.test(env.GITHUB_SHA) ? env.GITHUB_SHA : void 0;
  const p = isRecord(payload) ? payload : {};
  const repository = isRecord(p.repository) ? p.repository : {};
  if (typeof repository.default_branch === "string" && repository.default_branch)
    ctx.defaultBranch = repository.default_branch;
  const pr = isRecord(p.pull_request) ? p.pull_request : void 0;
  if (pr) {
    const head = isRecord(pr.head) ? pr.head : {};
    const base = isRecord(pr.base) ? pr.base : {};
    const headSha = typeof head.sha === "string" && SHA.test(head.sha) ? head.sha : void 0;
    ctx.headSha = headSha ?? envSha;
    ctx.pullNumber = typeof pr.number === "number" ? pr.number : void 0;
    ctx.baseSha = typeof base.sha === "string" && SHA.test(base.sha) ? base.sha : void 0;
    if (typeof base.ref === "string" && base.ref) ctx.baseRef = base.ref;
    const headRepo = isRecord(head.repo) ? head.repo.full_name : void 0;
    const baseRepo = isRecord(base.repo) ? base.repo.full_name : void 0;
    ctx.fromFork = typeof headRepo === "string" && typeof baseRepo === "string" && headRepo !== baseRepo;
    return ctx;
  }
  const mergeGroup = isRecord(p.merge_group) ? p.merge_group : void 0;
  if (mergeGroup && typeof mergeGroup.head_sha === "string" && SHA.test(mergeGroup.head_sha)) {
    ctx.headSha = mergeGroup.head_sha;
    if (typeof mergeGroup.base_sha === "string" && SHA.test(mergeGroup.base_sha))
      ctx.baseSha = mergeGroup.base_sha;
    return ctx;
  }
  if (eventName === "push" && typeof p.after === "string" && SHA.test(p.after) && !/^0+$/.test(p.after)) {
    ctx.headSha = p.after;
    return ctx;
  }
  ctx.headSha = envSha;
  return ctx;
}

// src/action/default-branch-baseline.ts
import { createHash } from "node:crypto";
var MAX_ARTIFACT_ZIP_BYTES = 16 * 1024 * 1024;
var TRUSTED_EVENTS = /* @__PURE__ */ new Set(["push", "schedule", "workflow_dispatch"]);
var RUNS_READ = 20;
var NoBaseline = class extends Error {
};
async function defaultBranchBaseline(request, notes) {
  try {
    const found = await findBaseline(request);
    notes.push(`baseline: ${found.name}`);
    return found;
  } catch (error2) {
    if (error2 instanceof UserError) throw error2;
    const why = error2 instanceof NoBaseline ? error2.message : `unexpected error (${errorFirstLine(error2)})`;
    notes.push(`no baseline from the default branch: ${why}; the run goes on without a baseline`);
    return void 0;
  }
}
var runsSchema = object({
  workflow_runs: array(
    object({
      id: number().int(),
      event: string(),
      head_branch: string().nullable(),
      head_sha: string(),
      conclusion: string().nullable(),
      html_url: string(),
      head_repository: object({ full_name: string() }).nullable().optional()
    })
  )
});
var artifactsSchema = object({
  artifacts: array(
    object({
      id: number().int(),
      name: string(),
      size_in_bytes: number(),
      expired: boolean(),
      expires_at: string().nullable().optional(),
      digest: string().nullable().optional()
    })
  )
});
async function findBaseline(request) {
  const { client, context, env } = request;
  if (!client) throw new NoBaseline("there is no GitHub token to read the runs with (the token input)");
  const { owner, repo } = context;
  if (!owner || !repo) throw new NoBaseline("the repository is not known (GITHUB_REPOSITORY)");
  const file = workflowFile(env.GITHUB_WORKFLOW_REF);
  if (!file) throw new NoBaseline("the workflow file is not known (GITHUB_WORKFLOW_REF)");
  const branch = context.baseRef ?? context.defaultBranch ?? await defaultBranch(client, owner, repo);
  const run2 = await latestSuccessfulRun(request, { owner, repo, file, branch });
  const artifact = await runArtifact(request, owner, repo, run2);
  const zip = await download(client, owner, repo, artifact);
  const display = `the ${request.artifact} artifact of run ${run2.id}`;
  let report;
  try {
    report = readBaselineFromZip(zip, request.entry, display);
  } catch (error2) {
    throw new NoBaseline(errorFirstLine(error2));
  }
  return {
    report,
    name: `${display} (${run2.event} on ${branch}, commit ${run2.head_sha.slice(0, 12)}): ${run2.html_url}`
  };
}
function workflowFile(ref) {
  const path3 = ref?.split("@")[0] ?? "";
  return /\/\.github\/workflows\/([^/]+\.ya?ml)$/.exec(path3)?.[1];
}
async function defaultBranch(client, owner, repo) {
  const { data } = await call("reading the repository", () => client.octokit.rest.repos.get({ owner, repo }));
  return data.default_branch;
}
async function latestSuccessfulRun(request, where) {
  const { owner, repo, file, branch } = where;
  const answer = await call(
    `listing the runs of ${file}`,
    () => request.client.octokit.rest.actions.listWorkflowRuns({
      owner,
      repo,
      workflow_id: file,
      branch,
      status: "success",
      exclude_pull_requests: true,
      per_page: RUNS_READ
    })
  );
  const runs = parsed(runsSchema, answer.data, "the list of runs").workflow_runs;
  const currentRun = Number(request.env.GITHUB_RUN_ID);
  const sameRepository = (name) => name?.toLowerCase() === `${owner}/${repo}`.toLowerCase();
  const run2 = runs.find(
    (r) => r.id !== currentRun && r.conclusion === "success" && r.head_branch === branch && TRUSTED_EVENTS.has(r.event) && sameRepository(r.head_repository?.full_name)
  );
  if (!run2)
    throw new NoBaseline(
      `no successful run of ${file} on ${branch} yet (from a push, a schedule or a manual dispatch)`
    );
  return run2;
}
async function runArtifact(request, owner, repo, run2) {
  const name = request.artifact;
  const answer = await call(
    `listing the artifacts of run ${run2.id}`,
    () => request.client.octokit.rest.actions.listWorkflowRunArtifacts({
      owner,
      repo,
      run_id: run2.id,
      name,
      per_page: 10
    })
  );
  const artifact = parsed(artifactsSchema, answer.data, "the list of artifacts").artifacts.find(
    (a) => a.name === name
  );
  if (!artifact)
    throw new NoBaseline(
      `run ${run2.id} (${run2.html_url}) has no artifact named ${name}: upload the report-file there with actions/upload-artifact`
    );
  if (artifact.expired)
    throw new NoBaseline(
      `the ${name} artifact of run ${run2.id} has expired${artifact.expires_at ? ` (${artifact.expires_at})` : ""}`
    );
  if (artifact.size_in_bytes > MAX_ARTIFACT_ZIP_BYTES)
    throw new NoBaseline(
      `the ${name} artifact is ${artifact.size_in_bytes} bytes, more than ${mib(MAX_ARTIFACT_ZIP_BYTES)}`
    );
  return artifact;
}
async function download(client, owner, repo, artifact) {
  const answer = await call(
    `asking for the ${artifact.name} artifact's download`,
    () => client.octokit.rest.actions.downloadArtifact({
      owner,
      repo,
      artifact_id: artifact.id,
      archive_format: "zip",
      request: { redirect: "manual" }
    })
  );
  const location = answer.headers.location;
  if (answer.status !== 302 || typeof location !== "string")
    throw new NoBaseline(
      `GitHub gave no download address for the ${artifact.name} artifact (HTTP ${answer.status})`
    );
  const url = downloadUrl(location, client.apiUrl);
  const zip = await call(
    `downloading the ${artifact.name} artifact`,
    () => client.download(url.href, MAX_ARTIFACT_ZIP_BYTES)
  );
  const digest = /^sha256:([0-9a-f]{64})$/.exec(artifact.digest ?? "")?.[1];
  if (digest && createHash("sha256").update(zip).digest("hex") !== digest)
    throw new NoBaseline(`the downloaded ${artifact.name} artifact does not match the digest GitHub lists`);
  return zip;
}
function downloadUrl(location, apiUrl) {
  let url;
  try {
    url = new URL(location);
  } catch {
    throw new NoBaseline("GitHub gave a download address that is not a URL");
  }
  const allowed = new URL(apiUrl).protocol === "http:" ? ["https:", "http:"] : ["https:"];
  if (!allowed.includes(url.protocol))
    throw new NoBaseline(`GitHub gave a download address over ${url.protocol.slice(0, -1)}, not HTTPS`);
  return url;
}
async function call(what, step) {
  try {
    return await step();
  } catch (error2) {
    if (error2 instanceof GitHubStatusError) throw new NoBaseline(`${what}: ${statusAdvice(error2)}`);
    if (error2 instanceof GitHubUnavailableError) throw new NoBaseline(`${what}: ${error2.message}`);
    throw error2;
  }
}
function statusAdvice(error2) {
  if (error2.status === 403)
    return `GitHub refused (403 ${error2.message}): give the job the permission actions: read`;
  if (error2.status === 410) return "the artifact has expired (410)";
  if (error2.status === 404)
    return `not found (404): the workflow or run may be gone, or the token may not read Actions`;
  return `GitHub answered HTTP ${error2.status} (${error2.message})`;
}
function parsed(schema, data, what) {
  const result = schema.safeParse(data);
  if (!result.success) throw new NoBaseline(`${what} is not what GitHub documents`);
  return result.data;
}
function mib(bytes) {
  return `${bytes / 1024 / 1024} MiB`;
}

// src/action/main.ts
var TOKEN_SOURCE = "the action's token input (by default the workflow's GITHUB_TOKEN)";
var MAX_PR_FILES = 3e3;
async function run(inputs, env = process.env) {
  const state = startRun(inputs, env);
  let baseline;
  if (inputs.baseline === DEFAULT_BRANCH_BASELINE) baseline = await fromDefaultBranch(state);
  else if (inputs.baseline) {
    try {
      baseline = await readBaselineFile(path2.resolve(state.workspace, inputs.baseline), inputs.baseline);
    } catch (error2) {
      failStep(errorFirstLine(error2));
      return;
    }
  }
  state.changed = await readPullRequestChanges(state);
  let report = await scanWorkspace(state);
  if (!report) return;
  report = baselineForGate(state, baseline) ? focusOnBaseline(state, report, baseline) : await focusOnPullRequest(state, report);
  report = { ...report, notes: [...report.notes, ...state.notes] };
  if (inputs.annotations && !await publishCheckRunOf(state, report)) workflowAnnotations(report);
  await writeOutputs(state, report, baseline);
  applyGate(state, report);
}
function startRun(inputs, env) {
  const context = readRunContext(env);
  const timeBudget = new ApiTimeBudget(
    inputs.apiTimeoutSeconds === void 0 ? void 0 : inputs.apiTimeoutSeconds * 1e3
  );
  const state = {
    inputs,
    env,
    context,
    workspace: env.GITHUB_WORKSPACE ?? process.cwd(),
    timeBudget,
    notes: []
  };
  try {
    if (inputs.token && context.owner && context.repo)
      state.client = createGitHubClient({ token: inputs.token, env, timeBudget, tokenSource: TOKEN_SOURCE });
  } catch (error2) {
    state.notes.push(`GitHub API not used: ${errorMessage(error2)}`);
  }
  return state;
}
function rejectedToken(state, error2) {
  if (!(error2 instanceof UserError)) throw error2;
  state.fatal ??= errorMessage(error2);
  return void 0;
}
async function scanWorkspace(state) {
  const { inputs, env, context, client } = state;
  const root = path2.resolve(state.workspace, inputs.path);
  const inRepository = pathInRepository(state.workspace, root);
  if (inputs.path !== "." && inRepository === void 0 && path2.resolve(root) !== path2.resolve(state.workspace))
    state.notes.push(
      "the path input is outside the workspace: locations are relative to the scanned directory, not the repository"
    );
  const timing = isDebug() ? timingRecorder() : void 0;
  timing?.mark("scan started");
  try {
    const { report, fatal, gateInputs } = await scan({
      root,
      ...timing ? { onProgress: timing.observe } : {},
      ...inRepository ? { pathInRepository: inRepository } : {},
      configPath: inputs.config,
      trustedConfig: await trustedConfig(inputs, context, root, client),
      threshold: inputs.threshold,
      failOn: inputs.failOn,
      ...inputs.minConfidence ? { minConfidence: inputs.minConfidence } : {},
      repository: env.GITHUB_REPOSITORY,
      commit: context.headSha,
      // Suppression comments the pull request adds on its own lines apply only if the workflow allows them.
      ...state.changed ? {
        pullRequest: {
          addedLines: changedUnder(state.changed, inputs.path),
          allowSuppressions: inputs.allowPullRequestSuppressions
        }
      } : {},
      // Online when there is a token and a repository: API evidence (protection, alerts, settings).
      github: inputs.token && env.GITHUB_REPOSITORY ? {
        repository: env.GITHUB_REPOSITORY,
        token: inputs.token,
        apiUrl: env.GITHUB_API_URL,
        pullNumber: context.pullNumber,
        client: { timeBudget: state.timeBudget, tokenSource: TOKEN_SOURCE }
      } : void 0
    });
    for (const line of timing?.render().trimEnd().split("\n") ?? []) debug(line);
    if (fatal) state.fatal = errorFirstLine(fatal);
    state.gateInputs = gateInputs;
    return report;
  } catch (error2) {
    const message = errorFirstLine(error2);
    await summary.addRaw(`## \u274C sscop could not complete the scan

${escapeMarkdown(message)}
`).write().catch(() => void 0);
    failStep(error2 instanceof UserError ? message : `sscop internal error: ${message}`);
    return void 0;
  }
}
async function fromDefaultBranch(state) {
  const { inputs } = state;
  const notes = [];
  const found = await defaultBranchBaseline(
    {
      client: state.client,
      context: state.context,
      env: state.env,
      artifact: inputs.baselineArtifact,
      entry: path2.basename(inputs.reportFile ?? "sscop-report.json")
    },
    notes
  ).catch((error2) => rejectedToken(state, error2));
  for (const note of notes) (found ? info : warning)(stripControl(`sscop ${note}`));
  state.notes.push(...notes);
  return found?.report;
}
async function readPullRequestChanges(state) {
  const { context, client, notes } = state;
  if (context.pullNumber === void 0 || !client) return void 0;
  return pullRequestChanges(client, context, notes).catch((e) => rejectedToken(state, e));
}
function baselineForGate(state, baseline) {
  const file = state.inputs.baseline;
  if (!baseline || !file) return false;
  const fromDefaultBranch2 = file === DEFAULT_BRANCH_BASELINE;
  if (!baseline.checks) {
    const which2 = fromDefaultBranch2 ? "from the default branch" : file;
    state.notes.push(`the baseline ${which2} lists no findings: new findings are not judged against it`);
    return false;
  }
  if (fromDefaultBranch2) return true;
  const inWorkspace = path2.relative(state.workspace, path2.resolve(state.workspace, file)).split(path2.sep).join("/");
  if (state.changed?.has(inWorkspace)) {
    state.notes.push(
      `the pull request changes the baseline ${file}: it is not used to tell new findings from existing ones`
    );
    return false;
  }
  return true;
}
function focusOnBaseline(state, report, baseline) {
  const marked = markNewSinceBaseline(report, baseline, state.inputs.baseline);
  return state.inputs.newFindingsOnly ? gateOnNewFindings(marked, "the change since the baseline") : marked;
}
async function focusOnPullRequest(state, report) {
  const { context, client, inputs, notes, changed } = state;
  if (context.pullNumber === void 0 || !client) return report;
  if (changed) {
    const marked = markNewFindings(report, changed);
    return inputs.newFindingsOnly ? gateOnNewFindings(marked) : marked;
  }
  if (inputs.newFindingsOnly)
    notes.push(
      "new-findings-only was ignored: the changed lines could not be read, so the whole repository was judged"
    );
  return report;
}
function serverUrlOf(env) {
  return env.GITHUB_SERVER_URL ?? "https://github.com";
}
function failing(state, report) {
  return !report.passed && state.inputs.mode === "enforce";
}
async function publishCheckRunOf(state, report) {
  const { inputs, client, context } = state;
  if (!inputs.checkRun || !client || !context.owner || !context.repo || !context.headSha) return false;
  const { annotations, omitted } = checkRunAnnotations(report);
  const outcome = await publishCheckRun(client.octokit, {
    owner: context.owner,
    repo: context.repo,
    headSha: context.headSha,
    name: checkRunName(inputs),
    conclusion: report.passed ? "success" : failing(state, report) ? "failure" : "neutral",
    title: `Score ${report.score}/100 \u2014 ${report.passed ? "passed" : "failed"}`,
    summary: renderMarkdown(report, { ...summaryOptions(state), maxBytes: 6e4 }),
    annotations
  }).catch(
    (error2) => rejectedToken(state, error2) ?? {
      published: false,
      reason: "GitHub rejected the token",
      requests: 1
    }
  );
  if (!outcome.published) {
    report.notes.push(`no check run: ${outcome.reason}; findings are shown as workflow annotations instead`);
    return false;
  }
  state.checkRunUrl = outcome.url;
  report.notes.push(
    `check run published with ${outcome.annotationsSent} annotation(s)${omitted ? `; ${omitted} more are in the JSON report` : ""}`
  );
  if (outcome.warning) report.notes.push(outcome.warning);
  return true;
}
async function writeOutputs(state, report, baseline) {
  const { inputs, env, workspace } = state;
  const serverUrl = serverUrlOf(env);
  if (inputs.reportFile) {
    await writeFile2(path2.resolve(workspace, inputs.reportFile), jsonDocument(report));
    setOutput("report-file", inputs.reportFile);
  }
  if (inputs.sarifFile) {
    const docsBaseUrl = env.GITHUB_ACTION_REPOSITORY && env.GITHUB_ACTION_REF ? `${serverUrl}/${env.GITHUB_ACTION_REPOSITORY}/blob/${env.GITHUB_ACTION_REF}` : void 0;
    await writeFile2(
      path2.resolve(workspace, inputs.sarifFile),
      JSON.stringify(renderSarif(report, { docsBaseUrl, category: inputs.sarifCategory }))
    );
    setOutput("sarif-file", inputs.sarifFile);
  }
  if (inputs.attestationPredicate && state.gateInputs) {
    await writeAttestation(report, {
      root: path2.resolve(workspace, inputs.path),
      predicatePath: path2.resolve(workspace, inputs.attestationPredicate),
      gateInputs: state.gateInputs
    });
    const missing = signingPermissionNote(env);
    if (missing) report.notes.push(missing);
  }
  await summary.addRaw(renderMarkdown(report, summaryOptions(state))).write();
  if (inputs.evidencePack) {
    const pack = buildEvidencePack(report, { serverUrl, baseline });
    await writeFile2(
      path2.resolve(workspace, inputs.evidencePack.path),
      inputs.evidencePack.format === "html" ? renderEvidencePackHtml(pack) : renderEvidencePackMarkdown(pack)
    );
    setOutput("evidence-pack", inputs.evidencePack.path);
  }
  setOutput("score", String(report.score));
  setOutput("passed", String(report.passed));
  setOutput(
    "coverage",
    String(report.coverage.total ? Math.round(100 * report.coverage.observed / report.coverage.total) : 0)
  );
}
function summaryOptions(state) {
  const { inputs, context } = state;
  return {
    serverUrl: serverUrlOf(state.env),
    fullReportHint: inputs.reportFile ? `${inputs.reportFile} (the report-file; upload it with actions/upload-artifact to keep it)` : "the JSON report: set the report-file input and upload the file with actions/upload-artifact",
    ...context.pullNumber !== void 0 ? { pullRequest: { fromFork: context.fromFork } } : {}
  };
}
function verdictLine(state, report) {
  const verdict = report.passed ? "passed" : `failed: ${report.gate.reasons.join("; ")}`;
  const threshold = report.gate.basis === "new-findings" ? "" : ` (threshold ${report.threshold})`;
  const numbers = `score ${report.score}/100${threshold}, coverage ${report.coverage.observed}/${report.coverage.total} claims`;
  return `sscop ${verdict} \u2014 ${numbers}${state.checkRunUrl ? ` \u2014 ${state.checkRunUrl}` : ""}`;
}
function applyGate(state, report) {
  if (state.fatal) {
    failStep(state.fatal);
    return;
  }
  const line = verdictLine(state, report);
  if (report.passed) info(stripControl(line));
  else if (!failing(state, report))
    warning(stripControl(`${line} \u2014 gate not met; mode is report, so the step passes`));
  else failStep(line);
}
function failStep(message) {
  setFailed(stripControl(message));
}
async function trustedConfig(inputs, context, root, client) {
  if (!context.baseSha || inputs.pullRequestConfig === "head") return void 0;
  if (inputs.config && path2.isAbsolute(inputs.config)) return void 0;
  return readBaseConfig({
    scanRoot: root,
    scanPath: inputs.path,
    configPath: inputs.config,
    baseSha: context.baseSha,
    client,
    owner: context.owner,
    repo: context.repo
  });
}
function checkRunName(inputs) {
  return inputs.path === "." ? "sscop: Code of Practice" : `sscop: Code of Practice (${inputs.path})`;
}
async function pullRequestChanges(client, ctx, notes) {
  try {
    const files = await client.octokit.paginate(
      client.octokit.rest.pulls.listFiles,
      { owner: ctx.owner, repo: ctx.repo, pull_number: ctx.pullNumber, per_page: 100 },
      (response, done) => {
        if (response.data.length < 100) done();
        return response.data;
      }
    );
    const changed = /* @__PURE__ */ new Map();
    for (const f of files.slice(0, MAX_PR_FILES)) {
      if (typeof f.filename === "string")
        changed.set(f.filename, typeof f.patch === "string" ? addedLines(f.patch) : /* @__PURE__ */ new Set());
    }
    return changed;
  } catch (error2) {
    if (error2 instanceof UserError) throw error2;
    notes.push(`the pull request's changed lines could not be read (${errorFirstLine(error2)})`);
    return void 0;
  }
}
function workflowAnnotations(report) {
  const print = { failure: error, warning, notice };
  for (const a of workflowCommandAnnotations(report)) {
    print[a.level](a.message, { title: a.title, file: a.file, startLine: a.line, startColumn: a.column });
  }
}
async function writeFile2(file, content) {
  await fs3.mkdir(path2.dirname(file), { recursive: true });
  await writeOutputFile(file, content);
}
export {
  run
};
