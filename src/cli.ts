/**
 * Entry point of the `sscop` command (bundled to dist/cli.js). `--version` answers before the scan
 * engine is loaded; everything else is a lazily imported chunk, compiled through Node's
 * compile cache (compile-cache.ts).
 */
import { enableCompileCache } from './compile-cache.js';
import { VERSION } from './version.js';
import { capYoungGeneration } from './young-generation.js';

const argv = process.argv.slice(2);
if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-v')) {
  process.stdout.write(`${VERSION}\n`);
} else {
  capYoungGeneration();
  enableCompileCache();
  const { runCli } = await import('./cli/main.js');
  process.exitCode = await runCli(argv, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  });
}
