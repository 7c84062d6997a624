/**
 * Entry point of the `sscop` command (bundled to dist/cli.js). `--version` answers before the scan
 * engine is loaded; everything else is a lazily imported chunk, compiled through Node's
 * compile cache (compile-cache.ts).
 */
import { enableCompileCache } from './compile-cache.js';
import { VERSION } from './version.js';
import { tuneV8ForScan } from './v8-tuning.js';

/**
 * Output to a stream whose reader may go away (`sscop scan --format json | head -1`): once a write
 * fails, the rest is dropped instead of Node's unhandled-error stack trace. A closed pipe (EPIPE)
 * is the reader's choice and stops quietly, as command-line tools do; any other failure (a full
 * disk) means the output is lost, and the exit code says so.
 */
function writerTo(stream: NodeJS.WriteStream): (text: string) => void {
  let closed = false;
  stream.on('error', (error: NodeJS.ErrnoException) => {
    closed = true;
    if (error.code === 'EPIPE') return;
    process.exitCode = 2;
    if (stream !== process.stderr)
      stderr(`sscop: the output could not be written (${error.code ?? 'error'})\n`);
  });
  return (text) => {
    if (!closed) stream.write(text);
  };
}

const stdout = writerTo(process.stdout);
const stderr = writerTo(process.stderr);
const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  stdout(`${VERSION}\n`);
} else {
  tuneV8ForScan();
  enableCompileCache();
  const { runCli } = await import('./cli/main.js');
  process.exitCode = await runCli(argv, {
    stdout,
    stderr,
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  });
}
