/**
 * fuzzing: the project is fuzzed — OSS-Fuzz (CIFuzz) or ClusterFuzzLite, cargo-fuzz, Go native
 * fuzz tests, libFuzzer targets, Jazzer, atheris — with property-based testing (fast-check,
 * Hypothesis, proptest) as partial evidence. Reads only files whose path names fuzzing, plus the
 * root manifests; where fuzzing is not the norm for the languages used, its absence is not scored.
 */
import type { CheckOutcome, Evidence } from '../model/types.js';
import { findCommand, isActionName, stepAction, stepLabel } from '../evidence/ci-steps.js';
import { splitPath, trimTrailing } from '../evidence/locate.js';
import { isFixtureOrVendored, isVendored, testMaterial } from '../evidence/test-material.js';
import { isWorkflowOrActionPath, type Job, type Step, type Workflow } from '../evidence/workflows.js';
import { findingAt, type FileCheck } from './check.js';
import { notApplicable } from './outcome.js';
import { audited, type WorkflowAudit } from './walk.js';
import { cutText } from '../shorten.js';

const ID = 'fuzzing';

const PROPERTY_MANIFESTS = [
  'package.json',
  'pyproject.toml',
  'Cargo.toml',
  'requirements-dev.txt',
  'requirements-test.txt',
  'dev-requirements.txt',
];

/**
 * Declarations that prove a fuzz target, by file type, anchored at the start of a line so a string
 * or regex mentioning them (in a test, or in this file) does not count.
 */
const FUZZ_TARGETS: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/_test\.go$/, /^func\s+Fuzz\w{0,80}\s*\(\s*\w{1,40}\s+\*testing\.F\b/],
  [/\.(?:c|cc|cpp|cxx)$/i, /^[^/*"'`]{0,120}\bint\s+LLVMFuzzerTestOneInput\s*\(/],
  [/\.swift$/, /^\s{0,8}@_cdecl\("LLVMFuzzerTestOneInput"\)/],
  [/\.rs$/, /^\s{0,8}fuzz_target!\s*\(/],
  [
    /\.(?:java|kt)$/,
    /^\s{0,8}(?:public\s+static\s+void\s+fuzzerTestOneInput\s*\(|@FuzzTest\b|fun\s+fuzzerTestOneInput\s*\()/,
  ],
  [/\.py$/, /^\s{0,4}(?:import|from)\s+atheris\b/],
  [
    /\.(?:js|mjs|ts)$/,
    /^\s{0,8}(?:module\.exports\.fuzz\s*=|export\s+(?:async\s+)?function\s+fuzz\s*\(|(?:const|import)\b[^\n]{0,100}['"]@jazzer\.js\/core['"])/,
  ],
];
const FUZZ_COMMAND =
  /\bcargo\s+(?:\+\S{1,40}\s+)?fuzz\s+run\b|\bgo\s+test\b.{0,200}\s-fuzz[= ]|\bjazzer\b|-fsanitize=[\w,]{0,60}fuzzer/;
const FUZZ_ACTIONS = ['google/clusterfuzzlite/actions', 'google/oss-fuzz/infra/cifuzz/actions'];
const PROPERTY_LIBS =
  /"(?:fast-check|@fast-check\/[\w-]{1,40}|jsverify)"\s*:|^[ \t]{0,8}["']?hypothesis\b|\bhypothesis[ \t]{0,4}[=<>~!]|^[ \t]{0,8}(?:proptest|quickcheck)[ \t]{0,4}=/m;

/** Languages where fuzzing is an expected practice (memory-unsafe code, or a fuzzer in the standard toolchain). */
const FUZZ_NATIVE = new Map([
  ['c', 'c'],
  ['h', 'c'],
  ['cc', 'C++'],
  ['cpp', 'C++'],
  ['cxx', 'C++'],
  ['hpp', 'C++'],
  ['hh', 'C++'],
  ['go', 'Go'],
  ['rs', 'Rust'],
]);
/** The extensions of FUZZ_NATIVE: one test of each path of the tree, not one per language. */
const NATIVE_EXTENSION = /\.(c|h|cc|cpp|cxx|hpp|hh|go|rs)$/i;

/** Strong evidence the check lists at most. */
const MAX_STRONG = 50;

/** What the walk gathers: fuzzing steps in workflows and actions (the first MAX_STRONG). */
const audit: WorkflowAudit<Evidence[]> = {
  id: ID,
  start: () => [],
  step: (found, step, job, wf) => {
    if (found.length >= MAX_STRONG) return;
    const seen = fuzzingStep(wf, job, step);
    if (seen) found.push(seen);
  },
};

export const fuzzing: FileCheck = {
  id: ID,
  source: 'files',
  needs: (path) => {
    if (isWorkflowOrActionPath(path) || PROPERTY_MANIFESTS.includes(path)) return 'text';
    // Vendored fuzzers are someone else's; one in test data is an input, not a target.
    if (!/fuzz/i.test(path) || isFixtureOrVendored(path)) return undefined;
    // Go fuzz tests live in _test.go files; other Go files named fuzz are not targets.
    return FUZZ_TARGETS.some(([ext]) => ext.test(path)) ? 'text' : undefined;
  },
  audit,
  run: (ctx) => {
    const { files } = ctx;
    const strong: Evidence[] = [];
    const weak: Evidence[] = [];
    const goCorpus = new Set<string>();
    for (const path of files.paths) {
      // Every kind of evidence below has "fuzz" in its path: the one test most paths need.
      if (!/fuzz/i.test(path) || isVendored(path)) continue;
      if (path.startsWith('.clusterfuzzlite/')) {
        if (!strong.some((e) => e.summary.startsWith('ClusterFuzzLite'))) {
          strong.push({ summary: 'ClusterFuzzLite configuration (.clusterfuzzlite/)', path });
        }
        continue;
      }
      if (path === 'fuzz/Cargo.toml' || path.endsWith('/fuzz/Cargo.toml')) {
        strong.push({ summary: 'cargo-fuzz crate', path });
        continue;
      }
      const corpus = /(?:^|\/)testdata\/fuzz\/(Fuzz\w{0,80})\//.exec(path.slice(0, 2000));
      if (corpus && !goCorpus.has(corpus[1]!)) {
        goCorpus.add(corpus[1]!);
        strong.push({ summary: `Go fuzz corpus for ${corpus[1]}`, path: splitPath(path).dir });
        continue;
      }
      const target =
        testMaterial(path)?.kind !== 'fixture'
          ? FUZZ_TARGETS.find(([ext]) => ext.test(path))?.[1]
          : undefined;
      const text = target ? files.text(path) : undefined;
      if (!target || text === undefined) continue;
      const lines = text.slice(0, 1_000_000).split('\n');
      const index = lines.findIndex((l) => target.test(l.slice(0, 2000)));
      if (index >= 0)
        strong.push({ summary: `fuzz target: ${cutText(lines[index]!.trim(), 100)}`, path, line: index + 1 });
    }
    strong.push(...audited(ctx, audit));
    for (const path of PROPERTY_MANIFESTS) {
      const text = files.text(path)?.slice(0, 500_000);
      if (text === undefined) continue;
      const m = PROPERTY_LIBS.exec(text);
      if (m) {
        const line = text.slice(0, m.index).split('\n').length;
        weak.push({
          summary: `property-based testing library in ${path}: ${trimTrailing(m[0].trim(), '":=<>~!')}`,
          path,
          line,
        });
      }
    }
    return judge(strong.slice(0, MAX_STRONG), weak, nativeLanguages(files.paths));
  },
};

/** A step that runs a fuzzer: OSS-Fuzz or ClusterFuzzLite actions, or a fuzzing command. */
function fuzzingStep(wf: Workflow, job: Job, step: Step): Evidence | undefined {
  const action = stepAction(step);
  if (action && step.uses && FUZZ_ACTIONS.some((a) => isActionName(action, a))) {
    const oss = action.startsWith('google/oss-fuzz');
    return {
      summary: `${oss ? 'OSS-Fuzz (CIFuzz)' : 'ClusterFuzzLite'} in \`${wf.path}\` › job \`${job.id}\` › step “${stepLabel(step)}”`,
      path: wf.path,
      line: step.uses.pos.line,
    };
  }
  const command = findCommand(wf, step, FUZZ_COMMAND);
  if (!command) return undefined;
  return {
    summary: `fuzzing in \`${wf.path}\` › job \`${job.id}\`: \`${cutText(command.text, 100)}\``,
    path: wf.path,
    line: command.line,
  };
}

function nativeLanguages(paths: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const p of paths) {
    const extension = NATIVE_EXTENSION.exec(p)?.[1];
    const lang = extension === undefined ? undefined : FUZZ_NATIVE.get(extension.toLowerCase());
    if (lang === undefined || isVendored(p)) continue;
    counts.set(lang, (counts.get(lang) ?? 0) + 1);
  }
  // A few stray files (a C helper in a Python package) do not make a C project.
  return [...counts].filter(([, n]) => n >= 5).map(([lang]) => (lang === 'c' ? 'C' : lang));
}

function judge(strong: Evidence[], weak: Evidence[], native: string[]): CheckOutcome {
  if (strong.length) {
    return {
      status: 'pass',
      summary: `The project is fuzzed: ${strong[0]!.summary}${strong.length > 1 ? ` (and ${strong.length - 1} more)` : ''}.`,
      findings: [],
      evidence: [...strong, ...weak],
    };
  }
  if (weak.length) {
    return {
      status: 'partial',
      summary: 'Property-based tests generate inputs, but no coverage-guided fuzzing was found.',
      findings: [],
      evidence: weak,
    };
  }
  if (native.length) {
    return {
      status: 'fail',
      summary: `No fuzzing found, in a ${native.join('/')} project where fuzzing is the usual way to find memory-safety and parser bugs.`,
      findings: [
        findingAt(ID, undefined, {
          severity: 'low',
          message: `No fuzz targets, OSS-Fuzz/ClusterFuzzLite set-up or fuzzing step was found for this ${native.join('/')} code.`,
          remediation: native.includes('Go')
            ? 'Add native Go fuzz tests (func FuzzXxx(f *testing.F)) for parsers and decoders, and run them with ClusterFuzzLite.'
            : 'Add fuzz targets (libFuzzer or cargo-fuzz) for code that parses untrusted input, and run them with ClusterFuzzLite or OSS-Fuzz.',
        }),
      ],
      evidence: [],
    };
  }
  return notApplicable(
    'No fuzzing found; for the languages used here fuzzing is uncommon, so its absence is not scored (consider property-based tests or Jazzer.js/atheris for parsers).',
  );
}
