import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);
import {
  isKnown
} from "./chunk-FOLPRBI6.js";
import {
  collate
} from "./chunk-2FTF55O4.js";
import {
  shorten
} from "./chunk-KSFHDG3R.js";

// src/repo/read-file.ts
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
var HEAD_BYTES = 64;
var OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
var ownBuffer = (size) => ({ buffer: Buffer.allocUnsafe(size), offset: 0 });
function readFileBytes(rootReal, rel, mode, maxBytes, allocate = ownBuffer, relBytes) {
  if (inGitDir(rel)) return { whole: false, skipped: GIT_DIR_SKIP };
  let target = relBytes ? absoluteBytes(rootReal, relBytes) : `${rootReal}${path.sep}${rel}`;
  let fd;
  try {
    try {
      fd = openSync(target, OPEN_FLAGS);
    } catch (error) {
      if (error.code !== "ELOOP" || !lstatSync(target).isSymbolicLink())
        throw error;
      let real;
      try {
        real = typeof target === "string" ? realpathSync(target, { encoding: "buffer" }) : realpathSync.native(target, { encoding: "buffer" });
      } catch (linkError) {
        return {
          whole: false,
          skipped: linkError.code === "ELOOP" ? LINK_LOOP_SKIP : DANGLING_LINK_SKIP
        };
      }
      const realText = real.toString();
      if (!isInside(rootReal, realText))
        return { whole: false, skipped: "symbolic link pointing outside the checkout (not followed)" };
      if (inGitDir(path.relative(rootReal, realText).split(path.sep).join("/")))
        return { whole: false, skipped: GIT_LINK_SKIP };
      target = real;
      fd = openSync(target, OPEN_FLAGS);
    }
    const st = fstatSync(fd);
    if (st.isDirectory()) return { whole: false, skipped: LINK_TO_FOLDER_SKIP };
    if (!st.isFile()) return { whole: false, skipped: "not a regular file" };
    if (mode === "head" || st.size > maxBytes) {
      const bytes = readInto(fd, Math.min(HEAD_BYTES, st.size), allocate);
      return mode === "head" ? { bytes, whole: false, size: st.size } : {
        bytes,
        whole: false,
        size: st.size,
        skipped: `larger than the ${formatBytes(maxBytes)} limit (${formatBytes(st.size)}); not read`
      };
    }
    return { bytes: readInto(fd, st.size, allocate), whole: true, size: st.size };
  } catch (error) {
    return {
      whole: false,
      skipped: `could not be read (${error.code ?? firstLine(error)})`
    };
  } finally {
    if (fd !== void 0) closeSync(fd);
  }
}
function readInto(fd, size, allocate) {
  const { buffer, offset } = allocate(size);
  let length = 0;
  while (length < size) {
    const n = readSync(fd, buffer, offset + length, size - length, length);
    if (n === 0) break;
    length += n;
  }
  return buffer.subarray(offset, offset + length);
}
var UTF8 = new TextDecoder("utf-8", { ignoreBOM: false });
var UTF16LE = new TextDecoder("utf-16le");
var UTF16BE = new TextDecoder("utf-16be");
function hasUtf16Bom(buf) {
  return buf[0] === 255 && buf[1] === 254 || buf[0] === 254 && buf[1] === 255;
}
function decodeText(buf) {
  if (buf[0] === 255 && buf[1] === 254) return UTF16LE.decode(buf.subarray(2));
  if (buf[0] === 254 && buf[1] === 255) return UTF16BE.decode(buf.subarray(2));
  return UTF8.decode(buf);
}
function decodeOnce(buf) {
  let text;
  return () => text ??= decodeText(buf);
}
function inGitDir(rel) {
  return GIT_SEGMENT.test(rel);
}
var GIT_SEGMENT = /(?:^|\/)\.git(?:\/|$)/i;
var LINK_LOOP_SKIP = "symbolic link loop (not followed)";
var DANGLING_LINK_SKIP = "symbolic link to a missing file (not followed)";
var LINK_TO_FOLDER_SKIP = "symbolic link to a folder (its files are listed on their own)";
var NOTHING_TO_READ = /* @__PURE__ */ new Set([
  LINK_LOOP_SKIP,
  DANGLING_LINK_SKIP,
  LINK_TO_FOLDER_SKIP
]);
var GIT_DIR_SKIP = "inside a .git folder (never read)";
var GIT_LINK_SKIP = "symbolic link into a .git folder (not followed: it can expose credentials)";
function absoluteBytes(rootReal, relBytes) {
  return Buffer.concat([Buffer.from(`${rootReal}${path.sep}`), relBytes]);
}
function isInside(rootReal, candidate) {
  const rel = path.relative(rootReal, candidate);
  return rel !== "" && !rel.startsWith("..") && !path.isAbsolute(rel);
}
function formatBytes(n) {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} B`;
}
function firstLine(error) {
  return String(error instanceof Error ? error.message : error).split("\n")[0] ?? "unknown error";
}

// src/evidence/locate.ts
var COMMUNITY_DIRS = [".github", "", "docs"];
var DOC_EXTENSIONS = [
  "",
  ".md",
  ".markdown",
  ".mdown",
  ".rst",
  ".txt",
  ".adoc",
  ".asciidoc",
  ".org"
];
function rememberLast(fn) {
  let lastPath;
  let last;
  return (path2) => {
    if (path2 !== lastPath) {
      last = fn(path2);
      lastPath = path2;
    }
    return last;
  };
}
var lowerName = rememberLast((path2) => splitPath(path2).name.toLowerCase());
var splitPath = rememberLast((path2) => {
  const i = path2.lastIndexOf("/");
  return i < 0 ? { dir: "", name: path2 } : { dir: path2.slice(0, i), name: path2.slice(i + 1) };
});
function isCommunityFile(path2, base, dirs = COMMUNITY_DIRS, extensions = DOC_EXTENSIONS) {
  const { dir, name: name2 } = splitPath(path2);
  if (!dirs.includes(dir)) return false;
  const lower = name2.toLowerCase();
  const b = base.toLowerCase();
  return lower.startsWith(b) && extensions.includes(lower.slice(b.length));
}
function findCommunityFiles(files, base, dirs = COMMUNITY_DIRS, extensions = DOC_EXTENSIONS) {
  const found = dirs.flatMap((d) => files.inDir(d)).filter((p) => isCommunityFile(p, base, dirs, extensions));
  const rank = (p) => dirs.indexOf(splitPath(p).dir);
  return found.sort((a, b) => rank(a) - rank(b) || collate(a, b));
}
function splitLines(text) {
  return text.split(/\r\n|\r|\n/);
}
function quote(text, max = 160) {
  const oneLine = text.replace(/\s+/g, " ").trim();
  return shorten(oneLine, max);
}
function before(text, separator) {
  const i = text.indexOf(separator);
  return i < 0 ? text : text.slice(0, i);
}
function trimTrailing(text, chars) {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1])) end--;
  return text.slice(0, end);
}

// src/evidence/test-material.ts
var RANK = { vendored: 0, fixture: 1, test: 2, example: 3 };
var VENDORED_DIR = /^(?:vendor|vendored|third[-_]?party|node_modules|bower_components)$/i;
var FIXTURE_DIR = /^(?:testdata|test[-_]data|fixtures?|__fixtures__|test[-_]?fixtures?|testfiles|golden|__snapshots__)$/i;
var TEST_DIR = /^(?:spec|specs|__tests__|__mocks__|e2e|integration)$/i;
var EXAMPLE_DIR = /^(?:examples?|samples?|demos?)$/i;
var TEST_WORD = /^(?:tests?|testing|testdata|testutils?|testhelpers?|testenv|testkeys?|testcerts?|testserver|testlib|fixtures?|fakes?|mocks?|dummy)$/i;
var TEST_FILE = /[._-](?:test|spec)s?\.[a-z0-9]{1,8}$|^test_[^/]{1,200}\.py$/i;
var MAX_NAME = 200;
var DESCRIPTION = {
  vendored: "vendored code",
  fixture: "test data",
  test: "test code",
  example: "example code"
};
var testMaterial = rememberLast((path2) => {
  const { name: name2 } = splitPath(path2);
  const best = folderMaterialOf(path2);
  if (best && RANK[best.kind] <= RANK.test) return best;
  if (isTestFileName(name2) && !runsInCi(path2, name2))
    return { kind: "test", marker: name2, reason: `file name ${name2} names a test` };
  return best;
});
var isFixtureOrVendored = rememberLast((path2) => {
  const kind = folderMaterialOf(path2)?.kind;
  return kind === "vendored" || kind === "fixture";
});
var isTestDataPath = rememberLast((path2) => {
  const kind = testMaterial(path2)?.kind;
  return kind === "fixture" || kind === "test";
});
function isVendored(path2) {
  return folderMaterialOf(path2)?.kind === "vendored";
}
function folderMaterialOf(path2) {
  const { dir } = splitPath(path2);
  return dir ? folderMaterial(dir) : void 0;
}
var folderVerdicts = /* @__PURE__ */ new Map();
var MAX_FOLDER_VERDICTS = 5e4;
function folderMaterial(dir) {
  const known = folderVerdicts.get(dir);
  if (known !== void 0) return known ?? void 0;
  const unjudged = [dir];
  let above;
  for (let slash = dir.lastIndexOf("/"); slash > 0; slash = dir.lastIndexOf("/", slash - 1)) {
    const parent = dir.slice(0, slash);
    const verdict = folderVerdicts.get(parent);
    if (verdict !== void 0) {
      above = verdict ?? void 0;
      break;
    }
    unjudged.push(parent);
  }
  if (folderVerdicts.size + unjudged.length > MAX_FOLDER_VERDICTS) folderVerdicts.clear();
  for (let i = unjudged.length - 1; i >= 0; i--) {
    const folder = unjudged[i];
    above = strongerSegment(above, folder.slice(folder.lastIndexOf("/") + 1));
    folderVerdicts.set(folder, above ?? null);
  }
  return above;
}
function strongerSegment(above, segment) {
  if (above?.kind === "vendored") return above;
  const kind = folderKind(segment);
  if (!kind || above && RANK[kind] >= RANK[above.kind]) return above;
  return { kind, marker: `${segment}/`, reason: `under ${segment}/ (${DESCRIPTION[kind]})` };
}
function folderKind(segment) {
  if (VENDORED_DIR.test(segment)) return "vendored";
  if (FIXTURE_DIR.test(segment)) return "fixture";
  if (TEST_DIR.test(segment) || hasTestWord(segment)) return "test";
  if (EXAMPLE_DIR.test(segment)) return "example";
  return void 0;
}
function runsInCi(path2, name2) {
  return path2.startsWith(".github/") || /\.(?:sh|bash|zsh|ps1|psm1|bat|cmd|mk)$/i.test(name2) || /^(?:makefile|justfile|dockerfile|containerfile|docker-compose|compose|jenkinsfile|\.env)/i.test(name2);
}
function isTestFileName(name2) {
  if (TEST_FILE.test(name2)) return true;
  const dot = name2.lastIndexOf(".");
  return hasTestWord(dot > 0 ? name2.slice(0, dot) : name2);
}
function hasTestWord(name2) {
  if (name2.length > MAX_NAME) return false;
  const words = name2.replace(/([a-z0-9])([A-Z])/g, "$1 $2").split(/[\s._-]+/);
  return words.some((w) => TEST_WORD.test(w));
}

// src/evidence/literal-search.ts
var CHUNK_BYTES = 1 << 20;
var BASE = 256;
var TAIL_BYTES = 64;
function literalSearch(literals, { simd: simd2 = true } = {}) {
  for (const { text, window, bucket } of literals) {
    const ascii = [...text].every((c) => c.charCodeAt(0) > 0 && c.charCodeAt(0) < 128);
    if (!ascii || text.length < 3 || !(window >= 0 && window + 3 <= text.length && bucket >= 0 && bucket < 8))
      throw new Error(`cannot search for ${JSON.stringify(text)} with window ${window} in bucket ${bucket}`);
  }
  const longest = Math.max(0, ...literals.map((l) => l.text.length));
  const kernel = simd2 ? simdKernel(literals, CHUNK_BYTES + 2 * longest) : void 0;
  if (!kernel) return Object.assign(regexSearch(literals), { simd: false });
  const codes = literals.map((l) => ({ ...l, codes: [...l.text].map((c) => c.charCodeAt(0)) }));
  const { memory, scan } = kernel;
  const heap = new Uint8Array(memory.buffer);
  const literalAt = (at, limit) => codes.some(({ codes: c, window }) => {
    const start = at - window;
    if (start < BASE || start + c.length > limit) return false;
    for (let i = 0; i < c.length; i++) if (heap[start + i] !== c[i]) return false;
    return true;
  });
  const byRegex = regexSearch(literals);
  const search = (bytes) => {
    let candidates = 64 + bytes.length / 512;
    for (let from = 0; from < bytes.length; from += CHUNK_BYTES) {
      const copyFrom = Math.max(0, from - longest);
      const copyTo = Math.min(bytes.length, from + CHUNK_BYTES + longest);
      const copied = BASE + copyTo - copyFrom;
      heap.set(bytes.subarray(copyFrom, copyTo), BASE);
      heap.fill(0, copied, copied + TAIL_BYTES);
      const end = BASE + Math.min(bytes.length, from + CHUNK_BYTES) - copyFrom;
      for (let p = BASE + from - copyFrom; p < end; ) {
        const block = scan(p, end);
        if (block < 0) break;
        if (--candidates < 0) return byRegex(bytes);
        for (let at = block; at < block + 16 && at < end; at++) if (literalAt(at, copied)) return true;
        p = block + 16;
      }
    }
    return false;
  };
  return Object.assign(search, { simd: true });
}
function anyOfPattern(texts) {
  return new RegExp(texts.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"));
}
function regexSearch(literals) {
  const pattern = anyOfPattern(literals.map((l) => l.text));
  return (bytes) => literals.length > 0 && pattern.test(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString("latin1"));
}
function teddyTables(literals) {
  const tables = new Uint8Array(96);
  for (const { text, window, bucket } of literals) {
    for (let j = 0; j < 3; j++) {
      const c = text.charCodeAt(window + j);
      tables[j * 32 + (c & 15)] |= 1 << bucket;
      tables[j * 32 + 16 + (c >> 4)] |= 1 << bucket;
    }
  }
  return tables;
}
function simdKernel(literals, chunkBytes) {
  const wasm = globalThis.WebAssembly;
  const pages = Math.ceil((BASE + chunkBytes + TAIL_BYTES) / 65536);
  try {
    const bytes = teddyModule(pages);
    if (!wasm?.validate(bytes)) return void 0;
    const { exports } = new wasm.Instance(new wasm.Module(bytes));
    const memory = exports.memory;
    new Uint8Array(memory.buffer).set(teddyTables(literals), 0);
    return { memory, scan: exports.scan };
  } catch {
    return void 0;
  }
}
var I32 = 127;
var V128 = 123;
var op = {
  block: 2,
  loop: 3,
  if: 4,
  end: 11,
  br: 12,
  brIf: 13,
  return: 15,
  localGet: 32,
  localSet: 33,
  i32Const: 65,
  i32GeU: 79,
  i32Add: 106,
  void: 64
};
var simd = {
  load: 0,
  const: 12,
  swizzle: 14,
  and: 78,
  anyTrue: 83,
  shrU: 109
};
function leb(n) {
  const out = [];
  for (; ; ) {
    const byte = n & 127;
    n >>>= 7;
    if (n === 0) return [...out, byte];
    out.push(byte | 128);
  }
}
var simdOp = (code) => [253, ...leb(code)];
var section = (id, body) => [id, ...leb(body.length), ...body];
var name = (text) => [...leb(text.length), ...[...text].map((c) => c.charCodeAt(0))];
function teddyModule(pages) {
  const get = (i) => [op.localGet, i];
  const set = (i) => [op.localSet, i];
  const loadAt = (offset) => [...simdOp(simd.load), 0, ...leb(offset)];
  const lowBits = [...simdOp(simd.const), ...new Array(16).fill(15)];
  const bucketsAt = (j) => [
    ...get(0),
    ...loadAt(j),
    ...set(8),
    ...get(2 + 2 * j),
    ...get(8),
    ...lowBits,
    ...simdOp(simd.and),
    ...simdOp(simd.swizzle),
    ...get(3 + 2 * j),
    ...get(8),
    op.i32Const,
    4,
    ...simdOp(simd.shrU),
    ...simdOp(simd.swizzle),
    ...simdOp(simd.and)
  ];
  const body = [
    ...[0, 1, 2, 3, 4, 5].flatMap((t) => [op.i32Const, 0, ...loadAt(t * 16), ...set(2 + t)]),
    op.block,
    op.void,
    op.loop,
    op.void,
    ...get(0),
    ...get(1),
    op.i32GeU,
    op.brIf,
    1,
    ...bucketsAt(0),
    ...set(9),
    ...bucketsAt(1),
    ...get(9),
    ...simdOp(simd.and),
    ...set(9),
    ...bucketsAt(2),
    ...get(9),
    ...simdOp(simd.and),
    ...simdOp(simd.anyTrue),
    op.if,
    op.void,
    ...get(0),
    op.return,
    op.end,
    ...get(0),
    op.i32Const,
    16,
    op.i32Add,
    ...set(0),
    op.br,
    0,
    op.end,
    op.end,
    op.i32Const,
    127,
    // -1
    op.end
  ];
  const code = [1, 8, V128, ...body];
  return new Uint8Array([
    ...[0, 97, 115, 109, 1, 0, 0, 0],
    ...section(1, [1, 96, 2, I32, I32, 1, I32]),
    ...section(3, [1, 0]),
    ...section(5, [1, 0, ...leb(pages)]),
    ...section(7, [2, ...name("scan"), 0, 0, ...name("memory"), 2, 0]),
    ...section(10, [1, ...leb(code.length), ...code])
  ]);
}

// src/evidence/credential-formats.ts
var U = "_";
var GH_CLASSIC = ["ghp", "gho", "ghu", "ghs", "ghr"].map((p) => p + U);
var NOT_TOKEN_BEFORE = "(?<![A-Za-z0-9_])";
var NOT_TOKEN_AFTER = "(?![A-Za-z0-9_])";
var DETECTORS = [
  {
    kind: "github-token",
    label: "GitHub token",
    markers: GH_CLASSIC,
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}gh[pousr]${U}[A-Za-z0-9]{36}${NOT_TOKEN_AFTER}`, "g"),
    severity: "critical",
    prefixLength: 4,
    valid: (t) => GH_CLASSIC.includes(t.slice(0, 4)) && hasValidCrc32Checksum(t.slice(4))
  },
  {
    kind: "github-fine-grained-token",
    label: "GitHub fine-grained personal access token",
    markers: ["github" + U + "pat" + U],
    pattern: new RegExp(
      `${NOT_TOKEN_BEFORE}github${U}pat${U}[A-Za-z0-9]{22}${U}[A-Za-z0-9]{59}${NOT_TOKEN_AFTER}`,
      "g"
    ),
    severity: "critical",
    prefixLength: 11
  },
  {
    kind: "aws-access-key",
    label: "AWS access key id",
    markers: ["AKIA", "ASIA"],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}(?:AKIA|ASIA)[A-Z2-7]{16}${NOT_TOKEN_AFTER}`, "g"),
    // On its own the id cannot authenticate; with its secret in the same file it is critical.
    severity: "low",
    prefixLength: 4
  },
  {
    kind: "slack-token",
    label: "Slack token",
    markers: ["xox"],
    pattern: new RegExp(
      `${NOT_TOKEN_BEFORE}xox[abpr]-[0-9]{8,15}-[A-Za-z0-9-]{10,120}${NOT_TOKEN_AFTER}`,
      "g"
    ),
    severity: "critical",
    prefixLength: 5
  },
  {
    kind: "google-api-key",
    label: "Google API key",
    markers: ["AIza"],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}AIza[A-Za-z0-9_-]{35}(?![A-Za-z0-9_-])`, "g"),
    severity: "low",
    prefixLength: 4
  },
  {
    kind: "stripe-live-key",
    label: "Stripe live secret key",
    markers: [`${U}live${U}`],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}[sr]k${U}live${U}[A-Za-z0-9]{24,247}${NOT_TOKEN_AFTER}`, "g"),
    severity: "critical",
    prefixLength: 8
  },
  {
    kind: "npm-token",
    label: "npm access token",
    markers: ["npm" + U],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}npm${U}[A-Za-z0-9]{36}${NOT_TOKEN_AFTER}`, "g"),
    severity: "critical",
    prefixLength: 4,
    valid: (t) => hasValidCrc32Checksum(t.slice(4))
  },
  {
    kind: "pypi-token",
    label: "PyPI API token",
    markers: ["pypi-"],
    // The macaroon's first bytes always encode "pypi.org" the same way.
    pattern: new RegExp(
      `${NOT_TOKEN_BEFORE}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}(?![A-Za-z0-9_-])`,
      "g"
    ),
    severity: "critical",
    prefixLength: 5
  },
  {
    kind: "gitlab-token",
    label: "GitLab personal access token",
    markers: ["glpat-"],
    pattern: new RegExp(`${NOT_TOKEN_BEFORE}glpat-[A-Za-z0-9_-]{20,300}(?![A-Za-z0-9_-])`, "g"),
    severity: "critical",
    prefixLength: 6
  }
];
var MARKERS = ["PRIVATE KEY", ...DETECTORS.flatMap((d) => d.markers)];
var ANY_CREDENTIAL_MARKER = anyOfPattern(MARKERS);
var MARKER_WINDOWS = [
  ["E K", 0],
  ["ghp", 6],
  ["ho" + U, 4],
  ["ghu", 3],
  ["hs" + U, 3],
  ["ghr", 6],
  ["b" + U + "p", 7],
  ["KIA", 5],
  ["SIA", 5],
  ["xox", 4],
  ["Iza", 1],
  ["ve" + U, 2],
  ["pm" + U, 4],
  ["pyp", 1],
  ["glp", 6]
];
function bytesHoldMarker(bytes) {
  markerSearch ??= literalSearch(
    MARKERS.map((text) => {
      const tuned = MARKER_WINDOWS.find(([window]) => text.includes(window));
      return tuned ? { text, window: text.indexOf(tuned[0]), bucket: tuned[1] } : { text, window: 0, bucket: 7 };
    })
  );
  return markerSearch(bytes);
}
var markerSearch;
var PRIVATE_KEY_HEADER = /-----BEGIN ((?:RSA |EC |OPENSSH |DSA |ENCRYPTED |PGP )?)PRIVATE KEY(?: BLOCK)?-----/;
var BASE64_RUN = /[A-Za-z0-9+/]{40,4000}/g;
var AWS_SECRET = /(?<![A-Za-z0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/;
var AWS_SECRET_HINT = /secret|aws_?sk|sk_?aws/i;
var PLACEHOLDER_WORD = /example|dummy|fake|sample|placeholder|redacted|changeme|your[-_]?(?:token|key)/i;
function hasBase64Run(text) {
  for (const m of text.matchAll(BASE64_RUN)) {
    const run = m[0];
    if (/[0-9]/.test(run) && /[a-z]/.test(run) && /[A-Z]/.test(run) && !run.includes("//")) return true;
  }
  return false;
}
function isAwsSecretLine(line) {
  if (!AWS_SECRET_HINT.test(line)) return false;
  const m = AWS_SECRET.exec(line);
  return !!m && !isPlaceholder(m[0], 0) && /[0-9]/.test(m[0]) && /[a-z]/.test(m[0]) && /[A-Z]/.test(m[0]);
}
function isPlaceholder(token, prefixLength) {
  const body = token.slice(prefixLength);
  if (PLACEHOLDER_WORD.test(token)) return true;
  if (/(.)\1{4}/.test(body)) return true;
  let run = 1;
  for (let i = 1; i < body.length; i++) {
    run = body.charCodeAt(i) === body.charCodeAt(i - 1) + 1 ? run + 1 : 1;
    if (run >= 7) return true;
  }
  return false;
}
function mask(token, prefixLength) {
  return `${token.slice(0, prefixLength)}\u2026${token.slice(-4)}`;
}
var BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function hasValidCrc32Checksum(body) {
  if (body.length !== 36) return false;
  let crc = crc32(body.slice(0, 30));
  let encoded = "";
  for (let i = 0; i < 6; i++) {
    encoded = BASE62[crc % 62] + encoded;
    crc = Math.floor(crc / 62);
  }
  return encoded === body.slice(30);
}
var crcTable;
function crc32(text) {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 3988292384 ^ c >>> 1 : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 4294967295;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 255] ^ crc >>> 8;
  return (crc ^ 4294967295) >>> 0;
}

// src/github/verdicts.ts
function isUnknownMet(m) {
  return typeof m === "object";
}
function statusOf(results) {
  if (results.length === 0) return "unknown";
  if (results.every((r) => r === true)) return "pass";
  if (results.every((r) => r === false)) return "fail";
  if (results.some((r) => r === false)) return "partial";
  return "unknown";
}
function rulesetLabel(ruleset, id) {
  if (!ruleset) return `ruleset id ${id}`;
  const org = ruleset.sourceType === "Organization";
  const name2 = ruleset.name ? `"${ruleset.name}" ` : "";
  return `${org ? "organization " : ""}ruleset ${name2}(id ${id}${org && ruleset.source ? `, ${ruleset.source}` : ""})`;
}
var CLASSIC = "classic branch protection";
function daysBetween(fromIso, to) {
  return Math.floor((to.getTime() - Date.parse(fromIso)) / 864e5);
}
function firstUnknown(...facts) {
  for (const f of facts) if (f && !isKnown(f)) return f.unknown;
  return void 0;
}

// src/evidence/context.ts
function createScanMemo() {
  const cache = /* @__PURE__ */ new Map();
  const memo = (key, compute) => {
    if (!cache.has(key)) cache.set(key, compute());
    return cache.get(key);
  };
  const forget = (family) => {
    for (const key of cache.keys()) if (key === family || key.startsWith(`${family}:`)) cache.delete(key);
  };
  return { memo, forget };
}

// src/checks/outcome.ts
function unknown(summary, why, more = {}) {
  return {
    status: "unknown",
    summary,
    findings: more.findings ?? [],
    evidence: more.evidence ?? [],
    unknown: why,
    ...more.claims ? { claims: more.claims } : {}
  };
}
function notObservable(summary, fact) {
  return unknown(summary, fact.unknown);
}
function notApplicable(summary, evidence = []) {
  return { status: "not-applicable", summary, findings: [], evidence };
}
function offline() {
  return unknown("Not observed: this check reads GitHub settings, and the scan was offline.", {
    reason: "offline scan",
    howToObserve: "run with --repo OWNER/NAME and a token (GITHUB_TOKEN or --token); in the action, set the token input"
  });
}
function observed(fact, name2) {
  if ("value" in fact) return fact.value;
  throw new Error(`${name2} was not observed; declare it in the check's judges`);
}
function mergeByPath(a, b) {
  const out = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const takeA = j >= b.length || i < a.length && (a[i].path ?? "") <= (b[j].path ?? "");
    out.push(takeA ? a[i++] : b[j++]);
  }
  return out;
}

// src/checks/check.ts
function runCheck(check, ctx) {
  if (check.source === "files") return check.run(ctx);
  const { github } = ctx;
  if (!github) return offline();
  if (check.judges) {
    const judged = check.judges.facts.map((key) => github[key]);
    const blind = judged.every((fact) => !fact || !isKnown(fact)) ? firstUnknown(...judged) : void 0;
    const { unobserved } = check.judges;
    if (blind)
      return notObservable(typeof unobserved === "string" ? unobserved : unobserved(github), {
        unknown: blind
      });
  }
  return check.run({ ...ctx, github });
}
function finding(checkId, f) {
  return { checkId, ...f };
}
function findingAt(checkId, where, text) {
  return {
    checkId,
    severity: text.severity,
    ...text.confidence !== void 0 && text.confidence !== "high" && { confidence: text.confidence },
    ...text.rule !== void 0 && { rule: text.rule },
    ...where && fieldsOf(where),
    message: text.message,
    ...text.related?.length && { related: text.related.map((r) => ({ ...fieldsOf(r), note: r.note })) },
    ...text.remediation !== void 0 && { remediation: text.remediation }
  };
}
function fieldsOf(where) {
  const out = { path: where.path };
  if (where.line !== void 0) out.line = where.line;
  if (where.column !== void 0) out.column = where.column;
  if (where.endLine !== void 0) out.endLine = where.endLine;
  if (where.endColumn !== void 0) out.endColumn = where.endColumn;
  return out;
}
function statusFromClaims(claims) {
  const statuses = Object.values(claims).map((c) => c.status);
  if (statuses.every((s) => s === "pass")) return "pass";
  if (statuses.some((s) => s === "pass" || s === "partial")) return "partial";
  if (statuses.some((s) => s === "unknown")) return "unknown";
  return "fail";
}
var EVIDENCE_LIST_CAP = 200;
var EvidenceList = class {
  constructor(cap = EVIDENCE_LIST_CAP) {
    this.cap = cap;
  }
  cap;
  listed = [];
  unlisted = 0;
  /** Adds an entry; `make` runs only while the list has room, so an unlisted entry costs nothing. */
  add(make) {
    if (this.listed.length < this.cap) this.listed.push(make());
    else this.unlisted++;
  }
  /** The listed entries and, when some were not listed, one entry that says how many (`more(count)`). */
  entries(more) {
    return this.unlisted ? [...this.listed, { summary: more(this.unlisted) }] : [...this.listed];
  }
};
function moreOf(count, one, many) {
  return `${countText(count)} more ${count === 1 ? one : many}`;
}
function countText(count) {
  if (!Number.isSafeInteger(count) || count < 0 || Object.is(count, -0)) {
    return count.toLocaleString("en-GB");
  }
  const digits = String(count);
  let out = digits.slice(0, (digits.length - 1) % 3 + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return out;
}
var FindingTexts = class {
  texts = /* @__PURE__ */ new Map();
  /** The finding, its message and remediation replaced by their pooled copies. */
  share(f) {
    f.message = this.pooled(f.message);
    if (f.remediation !== void 0) f.remediation = this.pooled(f.remediation);
    return f;
  }
  pooled(text) {
    const known = this.texts.get(text);
    if (known !== void 0) return known;
    this.texts.set(text, text);
    return text;
  }
};

// src/checks/committed-secrets.ts
var ID = "committed-secrets";
var MAX_SCAN_BYTES = 1024 * 1024;
var BINARY_SNIFF_CHARS = 8e3;
var WINDOW = 4e3;
var OVERLAP = 400;
var BODY_LOOKAHEAD = 3;
var TEXT_EXTENSIONS = new Set(
  "env pem key p8 ppk json jsonc json5 yml yaml toml ini cfg conf config properties xml plist js mjs cjs jsx ts mts cts tsx vue svelte py rb go java kt kts scala groovy gradle cs fs vb php rs swift m mm c cc cpp cxx h hpp dart lua pl pm r ex exs erl clj sql ipynb sh bash zsh fish ps1 psm1 bat cmd tf tfvars hcl nomad tpl j2 jinja dockerfile".split(" ")
);
var CREDENTIAL_NAMES = /* @__PURE__ */ new Set([
  ".npmrc",
  ".yarnrc",
  ".yarnrc.yml",
  ".pypirc",
  ".netrc",
  "_netrc",
  ".git-credentials",
  ".dockercfg",
  ".s3cfg",
  ".boto",
  ".pgpass",
  ".htpasswd",
  "credentials",
  "id_rsa",
  "id_dsa",
  "id_ecdsa",
  "id_ed25519",
  "dockerfile",
  "containerfile",
  "jenkinsfile",
  "vagrantfile",
  "makefile"
]);
var LOCKFILES = /* @__PURE__ */ new Set([
  "package-lock.json",
  "npm-shrinkwrap.json",
  "yarn.lock",
  "pnpm-lock.yaml",
  "bun.lock",
  "composer.lock",
  "gemfile.lock",
  "cargo.lock",
  "poetry.lock",
  "pipfile.lock",
  "uv.lock",
  "pdm.lock",
  "go.sum",
  "packages.lock.json",
  "paket.lock",
  "pubspec.lock",
  "podfile.lock",
  "package.resolved",
  "flake.lock",
  "mix.lock",
  "gradle.lockfile"
]);
var SKIPPED_DIR = /(?:^|\/)(?:dist|node_modules|\.git|bower_components|\.yarn)\//i;
function isSecretScanCandidate(path2) {
  if (!isCandidateName(lowerName(path2))) return false;
  return !SKIPPED_DIR.test(path2);
}
function isCredentialFile(path2) {
  const name2 = lowerName(path2);
  if (name2 === ".env" || name2.startsWith(".env.") || name2.endsWith(".env")) return true;
  if (/\.(?:pem|key|p8|ppk)$/.test(name2)) return true;
  return CREDENTIAL_NAMES.has(name2) && !CODE_NAMES.has(name2);
}
var CODE_NAMES = /* @__PURE__ */ new Set(["dockerfile", "containerfile", "jenkinsfile", "vagrantfile", "makefile"]);
function isCandidateName(name2) {
  if (LOCKFILES.has(name2)) return false;
  if (/[.-]min\.(?:js|mjs|cjs|css)$|\.bundle\.js$|\.chunk\.js$|\.map$/.test(name2)) return false;
  if (CREDENTIAL_NAMES.has(name2)) return true;
  if (name2 === ".env" || name2.startsWith(".env.") || name2.endsWith(".env")) return true;
  const dot = name2.lastIndexOf(".");
  if (dot < 0) return false;
  return TEXT_EXTENSIONS.has(name2.slice(dot + 1));
}
var PRESIGNED_CREDENTIAL = /(?:X-Amz-Credential=|AWSAccessKeyId=)$/i;
var secretScanner = {
  id: ID,
  wants: isSecretScanCandidate,
  visit: (path2, text, size) => {
    if (size > MAX_SCAN_BYTES && !isCredentialFile(path2)) return { notScanned: "too-large" };
    if (text.lastIndexOf("\0", BINARY_SNIFF_CHARS - 1) >= 0) return { notScanned: "binary" };
    const hits = scanText(path2, text);
    return hits.length ? { hits } : void 0;
  },
  showsNothingIn: (path2, bytes, size) => {
    if (size > MAX_SCAN_BYTES && !isCredentialFile(path2)) return false;
    if (hasUtf16Bom(bytes)) return false;
    const sniffed = Math.min(bytes.length, 3 * BINARY_SNIFF_CHARS + 3);
    if (Buffer.from(bytes.buffer, bytes.byteOffset, sniffed).indexOf(0) >= 0) return false;
    return !bytesHoldMarker(bytes);
  }
};
var committedSecrets = {
  id: ID,
  source: "files",
  // Nothing is kept: every candidate goes through the visitor as it is read.
  needs: () => void 0,
  visitor: secretScanner,
  run: ({ files }) => {
    const visited = files.visited(secretScanner);
    const hits = [];
    let scanned = visited.files;
    const notScanned = [];
    for (const [path2, result] of visited.results) {
      if ("hits" in result) {
        hits.push(...result.hits);
        continue;
      }
      scanned--;
      if (result.notScanned === "too-large") notScanned.push(path2);
    }
    for (const { path: path2 } of files.skipped) if (isSecretScanCandidate(path2)) notScanned.push(path2);
    hits.sort((a, b) => a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
    notScanned.sort();
    return judge(hits, scanned, notScanned, files.linksIntoGit);
  }
};
function judge(hits, scanned, notScanned, linksIntoGit) {
  const evidence = [
    { summary: `scanned ${scanned} text file(s) for high-confidence credential formats` }
  ];
  if (notScanned.length) {
    evidence.push({
      summary: `${notScanned.length} candidate file(s) not scanned (over ${MAX_SCAN_BYTES / 1024 / 1024} MiB or unreadable), e.g. ${notScanned.slice(0, 3).join(", ")}`
    });
  }
  if (scanned === 0 && hits.length === 0 && linksIntoGit.length === 0) {
    return notApplicable("No source or configuration files to scan for secrets.", evidence);
  }
  const findings = hits.map(hitFinding);
  for (const h of hits) evidence.push({ summary: `${h.label} (${h.masked})`, path: h.path, line: h.line });
  findings.push(...linksIntoGit.map(linkIntoGitFinding));
  if (linksIntoGit.length) {
    return {
      status: "fail",
      summary: `${linksIntoGit.length} symbolic link(s) into .git: git's config can hold credentials; remove the link(s).`,
      findings,
      evidence
    };
  }
  const counted = hits.filter((h) => !h.material);
  const serious = counted.filter((h) => h.severity !== "info" && h.severity !== "low");
  const minor = counted.filter((h) => h.severity === "low");
  if (serious.length) {
    const files = new Set(serious.map((h) => h.path)).size;
    return {
      status: "fail",
      summary: `${serious.length} committed credential(s) in ${files} file(s); revoke and remove them.`,
      findings,
      evidence
    };
  }
  if (minor.length) {
    return {
      status: "partial",
      summary: `${minor.length} low-risk key(s) committed (see findings); no high-confidence secret.`,
      findings,
      evidence
    };
  }
  return {
    status: "pass",
    summary: hits.length ? `No live-looking secret in ${scanned} file(s); ${hits.length} credential(s) in vendored code or test material noted (low confidence).` : `No high-confidence secret in ${scanned} scanned file(s).`,
    findings,
    evidence
  };
}
function hitFinding(h) {
  const finding2 = findingAt(
    ID,
    { path: h.path, line: h.line, column: h.column, endLine: h.line, endColumn: h.endColumn },
    {
      severity: h.severity,
      message: `${h.label} committed (${h.masked})${h.note ? `: ${h.note}` : ""}.`,
      remediation: remediationFor(h)
    }
  );
  return h.material ? { ...finding2, confidence: "low" } : finding2;
}
function linkIntoGitFinding(link) {
  return findingAt(
    ID,
    { path: link.path },
    {
      severity: "high",
      message: `Symbolic link into the .git folder (-> ${quote(link.target, 120)}): git's config can hold the checkout's token, and a tool that follows the link would read or publish it. sscop did not follow it.`,
      remediation: "Remove the link (git rm). If a pull request added it, treat the pull request as hostile: do not run it with secrets."
    }
  );
}
function remediationFor(hit) {
  if (hit.material) {
    return "If this credential protects anything real, revoke it and replace it with one generated at test time; otherwise no action is needed (suppress the finding to say so).";
  }
  const rotate = "Revoke or rotate the credential first (removing it from the tree does not remove it from git history), then delete it and load it at run time from a secret store or an environment variable (e.g. GitHub Actions secrets).";
  if (hit.kind === "google-api-key") {
    return "Google API keys used by client apps are not secret on their own; restrict this key (API and referrer/app restrictions) in the Google Cloud console, or rotate it if it is a server key.";
  }
  return rotate;
}
function scanText(path2, text) {
  if (!ANY_CREDENTIAL_MARKER.test(text)) return [];
  const lines = splitLines(text);
  let awsSecret;
  const file = {
    path: path2,
    lines,
    material: testMaterial(path2),
    serviceAccount: /"type"\s{0,20}:\s{0,20}"service_account"/.test(text.slice(0, 4096)),
    awsSecret: () => awsSecret ??= hasAwsSecret(lines),
    hits: []
  };
  lines.forEach((line, index) => {
    for (let start = 0; start < Math.max(line.length, 1); start += WINDOW - OVERLAP) {
      scanChunk(file, line.slice(start, start + WINDOW), start, index);
      if (start + WINDOW >= line.length) break;
    }
  });
  const seen = /* @__PURE__ */ new Set();
  return file.hits.filter((h) => {
    const key = `${h.line}:${h.column}:${h.kind}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function scanChunk(file, chunk, offset, index) {
  const { path: path2, lines } = file;
  const lineNo = index + 1;
  if (chunk.includes("PRIVATE KEY")) {
    const m = PRIVATE_KEY_HEADER.exec(chunk);
    if (m && hasKeyBody(chunk.slice(m.index + m[0].length), lines, index)) {
      const type = (m[1] ?? "").trim();
      const encrypted = type === "ENCRYPTED" || lines.slice(index + 1, index + 3).some((l) => /Proc-Type:\s{0,4}4,ENCRYPTED/.test(l));
      const label = file.serviceAccount ? "Google Cloud service account private key" : `${type && type !== "ENCRYPTED" ? `${type} ` : ""}private key${encrypted ? " (encrypted)" : ""}`;
      const hit = {
        kind: "private-key",
        label: label.charAt(0).toUpperCase() + label.slice(1),
        severity: encrypted ? "medium" : "critical",
        path: path2,
        line: lineNo,
        column: offset + m.index + 1,
        endColumn: offset + m.index + m[0].length + 1,
        masked: `-----BEGIN ${type ? `${type} ` : ""}PRIVATE KEY----- \u2026`
      };
      record(file, hit);
    }
  }
  for (const d of DETECTORS) {
    if (!d.markers.some((marker) => chunk.includes(marker))) continue;
    d.pattern.lastIndex = 0;
    for (let m = d.pattern.exec(chunk); m; m = d.pattern.exec(chunk)) {
      const token = m[0];
      if (isPlaceholder(token, d.prefixLength) || d.valid && !d.valid(token)) continue;
      if (d.kind === "aws-access-key" && PRESIGNED_CREDENTIAL.test(chunk.slice(Math.max(0, m.index - 20), m.index))) {
        continue;
      }
      const hit = {
        kind: d.kind,
        label: d.label,
        severity: d.severity,
        path: path2,
        line: lineNo,
        column: offset + m.index + 1,
        endColumn: offset + m.index + token.length + 1,
        masked: mask(token, d.prefixLength)
      };
      if (d.kind === "aws-access-key") {
        if (file.awsSecret()) {
          hit.label = "AWS access key id with its secret access key";
          hit.severity = "critical";
        } else {
          hit.note = "no secret access key was found in the same file; the id alone does not authenticate, but check where its secret is kept";
        }
      }
      if (d.kind === "google-api-key") {
        hit.note = "keys for client apps (Firebase, Maps) are meant to ship, but only with API and app restrictions";
      }
      record(file, hit);
    }
  }
}
function record(file, hit) {
  if (file.material) {
    hit.material = file.material;
    hit.severity = "low";
    hit.note = `looks like ${file.material.kind === "vendored" ? "vendored code" : "test material"}, ${file.material.reason}; expected there as long as it protects nothing real`;
  }
  file.hits.push(hit);
}
function hasKeyBody(rest, lines, index) {
  if (hasBase64Run(rest.slice(0, WINDOW))) return true;
  for (let i = index + 1; i <= Math.min(lines.length - 1, index + BODY_LOOKAHEAD); i++) {
    const line = (lines[i] ?? "").slice(0, WINDOW);
    const end = line.indexOf("-----END");
    if (end >= 0) return hasBase64Run(line.slice(0, end));
    if (hasBase64Run(line)) return true;
  }
  return false;
}
function hasAwsSecret(lines) {
  return lines.some((line) => isAwsSecretLine(line.slice(0, WINDOW)));
}

// src/checks/thread-visitors.ts
var THREAD_VISITORS = [secretScanner];

// src/repo/read-protocol.ts
var NEED_NONE = 0;
var NEED_TEXT = 1;
var NEED_HEAD = 2;
function readMode(need, mask2) {
  return mask2 || need === NEED_TEXT ? "whole" : "head";
}
var FILE_READ = 1;
var FILE_KEPT = 2;
var FILE_WHOLE = 4;

// src/repo/files.ts
function visitFile(into, visitor, path2, text, size, bytes) {
  if (into.error !== void 0) return;
  try {
    into.files++;
    if (bytes && visitor.showsNothingIn?.(path2, bytes, size)) return;
    const result = visitor.visit(path2, typeof text === "string" ? text : text(), size);
    if (result !== void 0) into.results.set(path2, result);
  } catch (error) {
    into.error = error ?? new Error(`visitor ${visitor.id} threw on ${path2}`);
  }
}
var SnapshotFiles = class {
  /**
   * `visits` holds what visitors produced while the collector read the files; a visitor not in it
   * is run on demand over the texts held here (in-memory repositories in tests). `pending` lists
   * visitors the collector is still running: asking for their results throws until it is done.
   */
  constructor(paths, entries, skipped = [], visits = /* @__PURE__ */ new Map(), pending = [], linksIntoGit = []) {
    this.entries = entries;
    this.linksIntoGit = linksIntoGit;
    this.skippedFiles = skipped;
    this.pending = new Set(pending);
    const list = Array.isArray(paths) ? paths : [...paths];
    this.paths = isStrictlySorted(list) ? list : [...new Set(list)].sort();
    this.visits = new Map(visits);
  }
  entries;
  linksIntoGit;
  paths;
  visits;
  /** Visitors whose files the collector is still reading (see completeVisits). */
  pending;
  skippedFiles;
  rootFiles;
  neededPaths;
  get skipped() {
    return this.skippedFiles;
  }
  /**
   * For the collector: every file is read and visited. The skips of files read only for visitors
   * join `skipped`, and the visitors' results can be asked for.
   */
  completeVisits(skipped) {
    this.skippedFiles = skipped;
    this.neededPaths = void 0;
    this.pending.clear();
  }
  visited(visitor) {
    if (this.pending.has(visitor))
      throw new Error(`the results of visitor ${visitor.id} were asked for before its files were all read`);
    let done = this.visits.get(visitor);
    if (!done) {
      done = { files: 0, results: /* @__PURE__ */ new Map() };
      for (const path2 of this.paths) {
        if (!visitor.wants(path2)) continue;
        const text = this.text(path2);
        if (text !== void 0)
          visitFile(done, visitor, path2, text, this.size(path2) ?? Buffer.byteLength(text));
      }
      this.visits.set(visitor, done);
    }
    if (done.error !== void 0) throw done.error;
    return { files: done.files, results: done.results };
  }
  has(path2) {
    return this.paths[this.firstAtOrAfter(path2)] === path2;
  }
  /** The index of the first path not before `key` in code-unit order (how `paths` is sorted). */
  firstAtOrAfter(key) {
    const { paths } = this;
    let lo = 0;
    let hi = paths.length;
    while (lo < hi) {
      const mid = lo + hi >>> 1;
      if (paths[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  under(prefix) {
    const { paths } = this;
    const lo = this.firstAtOrAfter(prefix);
    let end = lo;
    while (end < paths.length && paths[end].startsWith(prefix)) end++;
    return paths.slice(lo, end);
  }
  needed() {
    this.neededPaths ??= [.../* @__PURE__ */ new Set([...this.entries.keys(), ...this.skipped.map((s) => s.path)])].sort();
    return this.neededPaths;
  }
  inDir(dir) {
    if (dir === "") return this.rootFiles ??= this.paths.filter((p) => !p.includes("/"));
    const prefix = `${dir}/`;
    return this.under(prefix).filter((p) => !p.includes("/", prefix.length));
  }
  text(path2) {
    return this.entries.get(path2)?.text;
  }
  head(path2) {
    const entry = this.entries.get(path2);
    if (!entry) return void 0;
    if (entry.head) return entry.head;
    if (entry.text !== void 0) return new TextEncoder().encode(entry.text.slice(0, HEAD_BYTES));
    return void 0;
  }
  size(path2) {
    const entry = this.entries.get(path2);
    return entry?.size ?? (entry?.text !== void 0 ? Buffer.byteLength(entry.text) : void 0);
  }
};
function isStrictlySorted(list) {
  for (let i = 1; i < list.length; i++) if (list[i - 1] >= list[i]) return false;
  return true;
}

export {
  isUnknownMet,
  statusOf,
  rulesetLabel,
  CLASSIC,
  daysBetween,
  createScanMemo,
  unknown,
  notObservable,
  notApplicable,
  observed,
  mergeByPath,
  runCheck,
  finding,
  findingAt,
  statusFromClaims,
  EvidenceList,
  moreOf,
  countText,
  FindingTexts,
  rememberLast,
  lowerName,
  splitPath,
  isCommunityFile,
  findCommunityFiles,
  splitLines,
  quote,
  before,
  trimTrailing,
  testMaterial,
  isFixtureOrVendored,
  isTestDataPath,
  isVendored,
  HEAD_BYTES,
  readFileBytes,
  hasUtf16Bom,
  decodeOnce,
  inGitDir,
  NOTHING_TO_READ,
  absoluteBytes,
  committedSecrets,
  THREAD_VISITORS,
  NEED_NONE,
  NEED_TEXT,
  NEED_HEAD,
  readMode,
  FILE_READ,
  FILE_KEPT,
  FILE_WHOLE,
  visitFile,
  SnapshotFiles
};
