/**
 * Entry point of the GitHub Action (bundled to dist/index.js). Inputs are validated before the
 * toolkit and the scan engine are loaded (they cost hundreds of milliseconds), so a bad input
 * fails at once; the rest is a lazily imported chunk.
 */
import { errorCommand, inputFromEnv, readInputs, type ActionInputs } from './action/inputs.js';
import { errorMessage } from './errors.js';
import { tuneV8ForScan } from './v8-tuning.js';

let inputs: ActionInputs | undefined;
try {
  inputs = readInputs(inputFromEnv(process.env));
} catch (error) {
  process.stdout.write(errorCommand(errorMessage(error)));
  process.exitCode = 1;
}
if (inputs) {
  tuneV8ForScan();
  const { run } = await import('./action/main.js');
  // Our bug or the runner's environment (an unwritable summary file): one error command, not
  // Node's stack trace, whose messages could quote repository text.
  await run(inputs).catch((error: unknown) => {
    process.stdout.write(errorCommand(`sscop internal error: ${errorMessage(error)}`));
    process.exitCode = 1;
  });
}
