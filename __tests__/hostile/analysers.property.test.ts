/**
 * Property-based: the workflow, Dockerfile, shell and Markdown analysers never throw on arbitrary
 * input (they report what they could not parse), and their work grows linearly with the input —
 * an arbitrary fragment repeated 4× as often takes at most about 4× as long. Time on a shared
 * machine is noisy, so the bound is loose (quadratic would be 16×), each size is timed best-of-3,
 * a failing ratio is measured once more before it counts, and failures are not shrunk (each run is
 * expensive).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { parseDockerfile } from '../../src/evidence/dockerfile.js';
import { parseMarkdown } from '../../src/evidence/markdown.js';
import { contiguousSource, parseShell } from '../../src/evidence/shell.js';
import { findExpressions, parseWorkflow, stepsOf } from '../../src/evidence/workflows.js';

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

function elapsed(f: () => void): number {
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    f();
    best = Math.min(best, performance.now() - t0);
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

  // The YAML parser is not linear yet (see the known issue below): only the others are held to it.
  (_name.startsWith('workflow') || _name === 'action' ? it.skip : it)(
    'does linear work: a fragment repeated 4× as often costs at most about 4× as much',
    () => {
      fc.assert(
        fc.property(
          syntaxText.filter((s) => s.length >= 8),
          (fragment) => {
            const reps = Math.ceil(1500 / fragment.length);
            const small = fragment.repeat(reps);
            const large = fragment.repeat(4 * reps);
            analyse(small); // warm up
            const linear = (): boolean =>
              elapsed(() => analyse(large)) < 12 * elapsed(() => analyse(small)) + 100;
            expect(linear() || linear()).toBe(true);
          },
        ),
        { numRuns: 6, endOnFailure: true },
      );
    },
  );
});

describe('known issue (reported, issue 9): the yaml parser is quadratic on one long line', () => {
  // `arun: G%'` repeated on one line: 1,000 → 8,000 characters costs ~55× (linear would be 8×), so a
  // 2 MB workflow (MAX_WORKFLOW_BYTES) of it would take hours. When this test starts failing, the
  // parser (or a guard in parseWorkflow) is fixed: make it a plain \`it\` and un-skip the property above.
  it.failing('parseWorkflow on 8× the input does at most 16× the work', () => {
    const text = (n: number): string => "arun: G%'".repeat(Math.ceil(n / 9));
    const parse = (t: string): unknown => parseWorkflow('.github/workflows/x.yml', t, 'workflow');
    parse(text(500));
    const small = elapsed(() => parse(text(500)));
    const large = elapsed(() => parse(text(4000)));
    expect(large).toBeLessThan(16 * small + 100);
  });
});
