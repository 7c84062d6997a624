/**
 * File names as git and the file system give them: bytes. Nearly all are UTF-8 and are used as
 * they are. A name that is not UTF-8 would decode to U+FFFD and could then not be opened, hiding
 * the file from every check: it gets a display name instead (each byte that is not part of a
 * UTF-8 character written `\xNN`), which checks and reports use, and is opened by its bytes.
 */

/** Throws on any byte sequence that is not UTF-8, where the default decoder writes U+FFFD. */
const STRICT_UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** The text of `bytes` when they are UTF-8 throughout; undefined when they are not. */
export function strictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return STRICT_UTF8.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Longest UTF-8 character, in bytes. */
const MAX_CHAR_BYTES = 4;

/**
 * The name with its UTF-8 characters as they are and every other byte as `\xNN` (lower-case hex):
 * `tool\377.exe` shows as `tool\xff.exe`, its extension and folders intact for the checks.
 */
export function escapeUndecodable(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i]! < 0x80) {
      out += String.fromCharCode(bytes[i]!);
      i++;
      continue;
    }
    // The shortest run that decodes is the character starting here; none means a stray byte.
    let length = 0;
    for (let n = 2; n <= MAX_CHAR_BYTES && i + n <= bytes.length; n++) {
      const char = strictUtf8(bytes.subarray(i, i + n));
      if (char === undefined) continue;
      out += char;
      length = n;
      break;
    }
    if (length === 0) {
      out += `\\x${bytes[i]!.toString(16).padStart(2, '0')}`;
      length = 1;
    }
    i += length;
  }
  return out;
}

/**
 * `name`, or when another file already has that name (a file can be named `tool\xff.exe` in
 * plain text), the first of `tool\xff~2.exe`, `tool\xff~3.exe`, … that none has: the counter goes
 * before the extension, which checks judge files by. Adds the name chosen to `taken`.
 */
export function distinctName(name: string, taken: Set<string>): string {
  let chosen = name;
  if (taken.has(name)) {
    const slash = name.lastIndexOf('/');
    const dot = name.lastIndexOf('.');
    const cut = dot > slash + 1 ? dot : name.length;
    for (let k = 2; taken.has(chosen); k++) chosen = `${name.slice(0, cut)}~${k}${name.slice(cut)}`;
  }
  taken.add(chosen);
  return chosen;
}
