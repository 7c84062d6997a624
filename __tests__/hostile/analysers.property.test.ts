/**
 * Property-based: the workflow, Dockerfile, shell and Markdown analysers never throw on arbitrary
 * input (they report what they could not parse), and their work grows linearly with the input —
 * an arbitrary fragment repeated 8× as often costs far less than 64× (quadratic). CPU time on a shared
 * machine is still noisy, so the bound is loose (between 8× and 64×), each size is timed best-of-3,
 * a failing ratio is measured once more before it counts, and failures are not shrunk (each run is
 * expensive).
 */
import { describe, expect, it } from '@jest/globals';
import { build } from 'esbuild';
import fc from 'fast-check';
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { node24 } from '../support/node24.js';
import { parseDockerfile } from '../../src/evidence/dockerfile.js';
import { parseMarkdown } from '../../src/evidence/markdown.js';
import { contiguousSource, parseShell } from '../../src/evidence/shell.js';
import { findExpressions } from '../../src/evidence/expressions.js';
import { parseWorkflow, stepsOf } from '../../src/evidence/workflows.js';

const repoRoot = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Text made of the characters these formats give meaning to, so the parsers are exercised. */
const SYNTAX = [...'\n\r\t :-[]{}&*!|>\'"#%@`$(){};<>\\/=,.?~+^_'].concat([
  '${{',
  '}}',
  '```',
  '- ',
  '  ',
  'RUN ',
  'FROM ',
  'on:',
  'jobs:',
  'steps:',
  'uses:',
  'run: ',
  '<<EOF',
  'EOF',
  '&&',
  '||',
  '$(',
  '# ',
  '[x](',
  '**',
  '> ',
]);
const syntaxText = fc
  .array(
    fc.oneof(
      fc.constantFrom(...SYNTAX),
      fc.string({ maxLength: 4 }),
      fc.string({ unit: 'binary', maxLength: 3 }),
    ),
    { maxLength: 200 },
  )
  .map((parts) => parts.join(''));
const anyText = fc.oneof(syntaxText, fc.string({ unit: 'binary', maxLength: 400 }));

const analysers: Record<string, (text: string) => unknown> = {
  workflow: (text) => {
    const wf = parseWorkflow('.github/workflows/x.yml', text, 'workflow');
    for (const { step } of stepsOf(wf)) if (step.run) findExpressions(wf, step.run);
    return wf;
  },
  action: (text) => parseWorkflow('action.yml', text, 'action'),
  dockerfile: (text) => parseDockerfile('Dockerfile', text),
  shell: (text) => parseShell(contiguousSource(text)),
  markdown: (text) => parseMarkdown('README.md', text),
};

/**
 * Best of three in CPU milliseconds of this process (not wall time): other test workers running
 * beside this one do not inflate it.
 */
function elapsed(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = process.cpuUsage();
    f();
    const d = process.cpuUsage(t0);
    best = Math.min(best, (d.user + d.system) / 1000);
  }
  return best;
}

describe.each(Object.entries(analysers))('the %s analyser', (_name, analyse) => {
  it('never throws on arbitrary input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        analyse(text);
      }),
      { numRuns: 300 },
    );
  });

  // In Jest's VM context the `yaml` package is much slower than in Node (see the last test, which
  // measures the workflow parser's growth in the action's runtime instead).
  (_name.startsWith('workflow') || _name === 'action' ? it.skip : it)(
    'does linear work: a fragment repeated 8× as often costs far less than 64× as much',
    () => {
      fc.assert(
        fc.property(
          syntaxText.filter((s) => s.length >= 8),
          (fragment) => {
            // 8× the input: linear work costs ~8×, quadratic ~64×; the bound sits between with room
            // for a busy machine (this runs beside other test workers).
            const reps = Math.ceil(1000 / fragment.length);
            const small = fragment.repeat(reps);
            const large = fragment.repeat(8 * reps);
            analyse(small); // warm up
            const linear = (): boolean =>
              elapsed(() => analyse(large)) < 28 * elapsed(() => analyse(small)) + 150;
            expect(linear() || linear()).toBe(true);
          },
        ),
        { numRuns: 6, endOnFailure: true },
      );
    },
  );
});

describe('the workflow parser on one long hostile line', () => {
  // Under Jest's VM module context the `yaml` package runs this input far slower than in Node, which
  // made it look quadratic there; measured in a real Node 24 process it is linear. The measurement
  // runs the bundled parser in a child process so the runtime is the action's own.
  it('does linear work in the action runtime: 8× the input costs far less than 64× as much', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sscop-yaml-linear-'));
    const bundle = path.join(dir, 'workflows.mjs');
    await build({
      entryPoints: [path.join(repoRoot, 'src/evidence/workflows.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: bundle,
      logLevel: 'silent',
      banner: {
        js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
      },
    });
    const script = `
      import { parseWorkflow } from ${JSON.stringify(bundle)};
      const text = (n) => "arun: G%'".repeat(Math.ceil(n / 9));
      const best = (t) => { let b = Infinity; for (let i = 0; i < 3; i++) { const t0 = process.cpuUsage(); parseWorkflow('.github/workflows/x.yml', t, 'workflow'); const d = process.cpuUsage(t0); b = Math.min(b, (d.user + d.system) / 1000); } return b; };
      best(text(20000));
      console.log(JSON.stringify({ small: best(text(20000)), large: best(text(160000)) }));`;
    const out = spawnSync(node24(), ['--input-type=module', '-e', script], { encoding: 'utf8' });
    await rm(dir, { recursive: true, force: true });
    expect(out.stderr).toBe('');
    const { small, large } = JSON.parse(out.stdout) as { small: number; large: number };
    // Linear is ~8×, quadratic ~64×.
    expect(large).toBeLessThan(28 * small + 50);
  });
});
