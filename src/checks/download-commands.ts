/**
 * Reading download and verification commands for unverified-downloads: what a command really runs
 * once wrappers (sudo, env, timeout…) are peeled off, where curl and wget put what they fetch,
 * whether an interpreter reads its program from standard input, and which commands verify a
 * checksum or signature. Linear scans only: the words come from scripts a stranger wrote.
 */
import {
  commandName,
  EXPRESSION_MARK,
  POSIX_SHELLS,
  type ShellCommand,
  type ShellWord,
} from '../evidence/shell.js';
import { before, trimTrailing } from '../evidence/locate.js';
import { cutText } from '../shorten.js';

export const INTERPRETERS = new Set([
  ...POSIX_SHELLS,
  'fish',
  'python',
  'python2',
  'python3',
  'perl',
  'ruby',
  'node',
  'php',
  'pwsh',
]);
/**
 * Commands that run the rest of their arguments as a command, with their options that take a
 * value (short letters, then long names), so `sudo -iu root bash` is seen to run bash.
 */
const WRAPPERS = new Map<string, { short: string; long: readonly string[] }>([
  [
    'sudo',
    {
      short: 'CDghpRrTtUu',
      long: [
        'chdir',
        'chroot',
        'close-from',
        'command-timeout',
        'group',
        'host',
        'other-user',
        'prompt',
        'role',
        'type',
        'user',
      ],
    },
  ],
  ['doas', { short: 'Cu', long: [] }],
  ['env', { short: 'Cu', long: ['chdir', 'unset'] }],
  ['nice', { short: 'n', long: ['adjustment'] }],
  ['nohup', { short: '', long: [] }],
  ['time', { short: 'fo', long: ['format', 'output'] }],
  ['command', { short: '', long: [] }],
  ['exec', { short: 'a', long: [] }],
  ['stdbuf', { short: 'eio', long: ['error', 'input', 'output'] }],
  ['timeout', { short: 'ks', long: ['kill-after', 'signal'] }],
]);
/** sudo and doas options that, with no command after them, start a shell (which reads standard input). */
const SHELL_OPTIONS = new Set(['-s', '-i', '--shell', '--login']);
const CHECKSUM_TOOLS = /^(?:sha(?:1|224|256|384|512)sum|shasum|b2sum|sha256|sha512|openssl)$/;

/** A curl or wget invocation. */
export interface Download {
  cmd: ShellCommand;
  tool: string;
  urls: string[];
  /** Writes the body to stdout (when not redirected), or to these files. */
  stdout: boolean;
  files: string[];
}

/** What a command really runs once wrappers (sudo, env, …) are peeled off. */
export function unwrap(cmd: ShellCommand): { name?: string; args: ShellWord[] } {
  let args = cmd.args;
  for (let guard = 0; guard < 4; guard++) {
    const name = commandName({ ...cmd, args });
    const options = name === undefined ? undefined : WRAPPERS.get(name);
    if (name === undefined || options === undefined) return { name, args };
    const start = wrappedCommandStart(name, args, options);
    // `sudo -s`, `sudo -i` with nothing after: a shell that reads the pipe.
    if (start >= args.length && args.slice(1).some((w) => SHELL_OPTIONS.has(w.value ?? ''))) {
      return { name: 'sh', args: [] };
    }
    args = args.slice(start);
  }
  return { name: commandName({ ...cmd, args }), args };
}

/** Where the command a wrapper runs starts in its arguments: past its options, their values and env's assignments. */
function wrappedCommandStart(
  name: string,
  args: readonly ShellWord[],
  options: { short: string; long: readonly string[] },
): number {
  let i = 1;
  while (i < args.length) {
    const v = args[i]!.value ?? args[i]!.loose;
    if (v === '--') return i + 1;
    if (name === 'env' && /^[A-Za-z_][A-Za-z0-9_]*=/.test(v)) i++;
    else if (v.startsWith('--')) i += v.includes('=') || !options.long.includes(v.slice(2)) ? 1 : 2;
    else if (v.startsWith('-') && v.length > 1) i += shortOptionsTakeNext(v, options.short) ? 2 : 1;
    else if ((name === 'timeout' || name === 'nice') && /^\d/.test(v)) i++;
    else break;
  }
  return i;
}

/** `-iu` in `sudo -iu root`: a bundle whose last letter takes a value takes the next word. */
function shortOptionsTakeNext(bundle: string, withValue: string): boolean {
  for (let k = 1; k < bundle.length; k++) {
    if (withValue.includes(bundle[k]!)) return k === bundle.length - 1;
  }
  return false;
}

export function describe(cmd: ShellCommand): string {
  return cutText(
    cmd.args
      .slice(0, 4)
      .map((w) => w.raw)
      .join(' '),
    80,
  );
}

/** True when the command is an interpreter that takes its program from standard input. */
export function readsScriptFromStdin(cmd: ShellCommand): boolean {
  const { name, args } = unwrap(cmd);
  if (name === undefined || !INTERPRETERS.has(name)) return false;
  const rest = args.slice(1);
  for (const w of rest) {
    const v = w.value ?? '';
    if (v === '-s' || (POSIX_SHELLS.has(name) && isOptionBundle(v, 's', /^[a-z]+$/))) return true;
    if (v === '-' || v === '/dev/stdin') return true;
  }
  return (
    scriptOperand(rest, name) === undefined &&
    !rest.some((w) => w.value === '-c' || (w.value === '-e' && !POSIX_SHELLS.has(name)))
  );
}

/** The script-file operand of an interpreter, if it has one. */
export function scriptOperand(rest: ShellWord[], name: string): ShellWord | undefined {
  for (let i = 0; i < rest.length; i++) {
    const v = rest[i]!.value ?? rest[i]!.loose;
    if (v === '--') return rest[i + 1];
    if (v.startsWith('-') || (POSIX_SHELLS.has(name) && v.startsWith('+'))) {
      if (POSIX_SHELLS.has(name) && shellOptionTakesNext(v)) i++;
      if (isOptionBundle(v, 'c', /^[a-zA-Z]+$/)) return undefined;
      continue;
    }
    return rest[i];
  }
  return undefined;
}

/** `-o pipefail`, `-eo pipefail`, `+O extglob`, `--rcfile f`: a shell option whose value is the next word. */
function shellOptionTakesNext(option: string): boolean {
  if (option === '--rcfile' || option === '--init-file') return true;
  return /^[-+][a-zA-Z]+$/.test(option) && (option.endsWith('o') || option.endsWith('O'));
}

/**
 * Whether a script's text could name curl or wget as a command; when it cannot, it has no
 * download and need not be parsed. A parse reads a command's name with its quotes, backslashes
 * and line continuations taken out (and `$'…'` and `$"…"` keep their text as written), so the
 * name's letters stand in order in the text with only those characters between them.
 */
export function mayNameDownloader(text: string): boolean {
  if (text.includes('curl') || text.includes('wget')) return true;
  const joined = text.replace(/['"\\$\r\n]+/g, '');
  return joined.includes('curl') || joined.includes('wget');
}

/** curl / wget invocations: their URLs and where the body goes. */
export function readDownload(cmd: ShellCommand): Download | undefined {
  const { name, args } = unwrap(cmd);
  if (name !== 'curl' && name !== 'wget') return undefined;
  const urls: string[] = [];
  const files: string[] = [];
  let toStdout = false;
  let remoteName = false;
  let dir: string | undefined;
  const rest = args.slice(1).map((w) => w.value ?? w.loose);
  const withArg = name === 'curl' ? CURL_SHORT_WITH_ARG : WGET_SHORT_WITH_ARG;
  const longWithArg = name === 'curl' ? CURL_LONG_WITH_ARG : WGET_LONG_WITH_ARG;
  const setOutput = (v: string): void => {
    if (v === '-' || v === '/dev/stdout') toStdout = true;
    else files.push(v);
  };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const opt = eq > 0 ? a.slice(2, eq) : a.slice(2);
      const value = eq > 0 ? a.slice(eq + 1) : longWithArg.has(opt) ? rest[++i] : undefined;
      if (opt === 'output' || opt === 'output-document') setOutput(value ?? '');
      else if (opt === 'remote-name' || opt === 'remote-name-all') remoteName = true;
      else if (opt === 'output-dir' || opt === 'directory-prefix') dir = value;
      else if (opt === 'url' && value) urls.push(value);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let k = 1; k < a.length; k++) {
        const flag = a[k]!;
        if (name === 'curl' && flag === 'O') {
          remoteName = true;
          continue;
        }
        if (!withArg.has(flag)) continue;
        const value = k + 1 < a.length ? a.slice(k + 1) : rest[++i];
        if (flag === 'o' && name === 'curl') setOutput(value ?? '');
        else if (flag === 'O' && name === 'wget') setOutput(value ?? '');
        else if (flag === 'P' && name === 'wget') dir = value;
        break;
      }
      continue;
    }
    urls.push(a);
  }
  // curl writes the body to stdout unless told otherwise; wget saves it under the URL's name.
  if (name === 'wget' && files.length === 0 && !toStdout) remoteName = true;
  let stdout = toStdout || (name === 'curl' && files.length === 0 && !remoteName);
  if (remoteName) {
    for (const u of urls) {
      const file = basename(before(before(u, '?'), '#'));
      if (file) files.push(dir ? joinPath(dir, file) : file);
    }
  } else if (dir) {
    for (let i = 0; i < files.length; i++) files[i] = joinPath(dir, files[i]!);
  }
  // `curl url > file`: the body goes to the file, not down the pipe.
  for (const r of cmd.redirects) {
    if (
      (r.op === '>' || r.op === '>>' || r.op === '>|' || r.op === '&>') &&
      (r.fd === undefined || r.fd === '1') &&
      r.target
    ) {
      stdout = false;
      files.push(r.target.loose);
    }
  }
  return { cmd, tool: name, urls, stdout, files };
}

const CURL_SHORT_WITH_ARG = new Set('AbcCdDeEFHKmoPQrtTuUwxXyYz'.split(''));
const CURL_LONG_WITH_ARG = new Set([
  'output',
  'output-dir',
  'header',
  'data',
  'data-raw',
  'data-binary',
  'data-urlencode',
  'user',
  'request',
  'user-agent',
  'retry',
  'retry-delay',
  'retry-max-time',
  'max-time',
  'connect-timeout',
  'proto',
  'proto-redir',
  'cacert',
  'capath',
  'cert',
  'key',
  'form',
  'write-out',
  'proxy',
  'referer',
  'upload-file',
  'cookie',
  'cookie-jar',
  'range',
  'config',
  'limit-rate',
  'max-redirs',
  'resolve',
  'interface',
  'oauth2-bearer',
  'url',
  'dns-servers',
  'netrc-file',
  'speed-limit',
  'speed-time',
  'time-cond',
  'continue-at',
  'trace',
  'trace-ascii',
  'stderr',
  'aws-sigv4',
  'ciphers',
  'pinnedpubkey',
  'connect-to',
  'tls-max',
  'expect100-timeout',
  'happy-eyeballs-timeout-ms',
  'keepalive-time',
  'local-port',
  'variable',
  'json',
  'etag-save',
  'etag-compare',
  'dump-header',
  'hsts',
  'alt-svc',
  'ftp-port',
  'mail-from',
  'mail-rcpt',
  'noproxy',
  'proxy-user',
  'quote',
]);
const WGET_SHORT_WITH_ARG = new Set('oOPaeiBtTwQUlARIXDn'.split(''));
const WGET_LONG_WITH_ARG = new Set([
  'output-document',
  'output-file',
  'append-output',
  'directory-prefix',
  'execute',
  'input-file',
  'base',
  'tries',
  'timeout',
  'wait',
  'quota',
  'user-agent',
  'level',
  'accept',
  'reject',
  'include-directories',
  'exclude-directories',
  'domains',
  'header',
  'user',
  'password',
  'http-user',
  'http-password',
  'post-data',
  'post-file',
  'ca-certificate',
  'certificate',
  'private-key',
  'load-cookies',
  'save-cookies',
  'referer',
  'limit-rate',
  'method',
  'body-data',
  'body-file',
]);

/** A URL that names a commit: a 40-hex path segment or query value (e.g. raw.githubusercontent.com/o/r/<sha>/x.sh). */
export function isPinnedUrl(url: string): boolean {
  return /[/=@][0-9a-f]{40}(?:[/&#]|$)/.test(url) && !url.includes(EXPRESSION_MARK);
}

/** A checksum or signature check: `sha256sum -c`, `shasum -a 256 -c`, `gpg --verify`, `cosign verify…`, … */
export function isVerification(cmd: ShellCommand): boolean {
  const { name, args } = unwrap(cmd);
  if (name === undefined) return false;
  const values = args.slice(1).map((w) => w.value ?? w.loose);
  if (CHECKSUM_TOOLS.test(name)) {
    if (
      values.some(
        (v) =>
          v === '--check' || v === '--verify' || isOptionBundle(v, 'c', /^[a-zA-Z0-9]+$/) || v === '-verify',
      )
    )
      return true;
    // A hash captured for comparison (`[ "$(sha256sum f | cut -d' ' -f1)" = "$SUM" ]`) or piped to grep/diff.
    if (cmd.substituted) return true;
    return false;
  }
  if ((name === 'gpg' || name === 'gpg2') && values.some((v) => v === '--verify' || v === '--verify-files'))
    return true;
  if (name === 'gpgv' || name === 'slsa-verifier' || name === 'signify') return true;
  if (name === 'cosign' && values[0]?.startsWith('verify')) return true;
  if (name === 'minisign' && values.includes('-V')) return true;
  if (name === 'gh' && values[0] === 'attestation' && values[1] === 'verify') return true;
  return false;
}

export function fileKeys(path: string): string[] {
  const p = path.replace(/^["']|["']$/g, '');
  if (!p) return [];
  const stripped = p.replace(/^(?:\.\/)+/, '');
  return [stripped];
}

export function joinPath(dir: string, file: string): string {
  return `${trimTrailing(dir, '/')}/${file}`;
}

export function basename(p: string): string {
  const i = p.lastIndexOf('/');
  return i >= 0 ? p.slice(i + 1) : p;
}

/** `-c`, `-ec`, `-xec`…: a bundle of single-letter options that includes `c` (linear check). */
export function isShortFlagsWithC(word: string): boolean {
  return isOptionBundle(word, 'c', /^[a-z]+$/);
}

/**
 * `-xec`-style bundles of single-letter options that include `letter`, the letters matching
 * `letters` (anchored, no alternation). A linear replacement for `/^-[a-z]*c[a-z]*$/`, which
 * backtracks quadratically on a long word.
 */
function isOptionBundle(word: string, letter: string, letters: RegExp): boolean {
  return (
    word.length > 1 &&
    word[0] === '-' &&
    word[1] !== '-' &&
    letters.test(word.slice(1)) &&
    word.includes(letter, 1)
  );
}
