import { createRequire as __sscopCreateRequire } from 'node:module';
const require = __sscopCreateRequire(import.meta.url);

// src/repo/read-file.ts
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from "node:fs";
import path from "node:path";
var HEAD_BYTES = 64;
var OPEN_FLAGS = constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK;
var ownBuffer = (size) => ({ buffer: Buffer.allocUnsafe(size), offset: 0 });
function readFileBytes(rootReal, rel, mode, maxBytes, allocate = ownBuffer) {
  let target = `${rootReal}${path.sep}${rel}`;
  let fd;
  try {
    try {
      fd = openSync(target, OPEN_FLAGS);
    } catch (error) {
      if (error.code !== "ELOOP" || !lstatSync(target).isSymbolicLink())
        throw error;
      let real;
      try {
        real = realpathSync(target);
      } catch (linkError) {
        return {
          whole: false,
          skipped: linkError.code === "ELOOP" ? "symbolic link loop (not followed)" : "symbolic link to a missing file (not followed)"
        };
      }
      if (!isInside(rootReal, real))
        return { whole: false, skipped: "symbolic link pointing outside the checkout (not followed)" };
      target = real;
      fd = openSync(target, OPEN_FLAGS);
    }
    const st = fstatSync(fd);
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

export {
  HEAD_BYTES,
  readFileBytes
};
