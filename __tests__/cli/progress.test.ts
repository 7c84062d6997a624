/** Progress (files read, checks done) shows on an interactive terminal only: never in CI logs or pipes. */
import { describe, expect, it } from '@jest/globals';
import { fixture } from '../support/run-check.js';
import { runCliCaptured } from '../support/run-cli.js';

const ESC = '\u001b';

describe('progress', () => {
  it('shows files read on a terminal, on one line that is cleared at the end', async () => {
    const run = await runCliCaptured(['scan', fixture('repo', 'good'), '--format', 'json'], {
      stderrIsTTY: true,
    });
    expect(run.stderr).toContain(`\r${ESC}[2K`);
    expect(run.stderr).toMatch(/\d+\/\d+ files read/);
    expect(run.stderr.endsWith(`\r${ESC}[2K`)).toBe(true);
    expect(run.stderr).not.toContain('\n');
    // The report on stdout is untouched by it.
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  it('stays silent in CI, even on a terminal', async () => {
    const run = await runCliCaptured(['scan', fixture('repo', 'good'), '--format', 'json'], {
      stderrIsTTY: true,
      env: { CI: 'true' },
    });
    expect(run.stderr).toBe('');
  });

  it('stays silent when stderr is a pipe or a file', async () => {
    const run = await runCliCaptured(['scan', fixture('repo', 'good'), '--format', 'json']);
    expect(run.stderr).toBe('');
  });
});
