/**
 * Which commands run a project's tests, recognised by their command word and arguments (after the
 * wrappers command-words.ts peels), one entry per tool. `go test` runs tests; `docker cp … gotestsum`
 * and the shell builtin `test ! -s file` do not.
 */
import { commandBase, operands, ownKeys, runCandidates } from '../evidence/command-words.js';

type Matcher = (argv: readonly string[]) => boolean;

/** A script, task or target name that says it runs tests (`test`, `unit-test`, `test:ci`, `testDebugUnitTest`). */
export function isTestName(name: string | undefined): boolean {
  if (!name) return false;
  if (/^test[A-Z]|[a-z]Tests?$/.test(name)) return true;
  return name
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .some(
      (t) =>
        TEST_TOKENS.has(t) ||
        /^test(?:s|all|ing|suite)?\d*$/.test(t) ||
        (/[a-z]tests?$/.test(t) && !NOT_TESTS.has(t)),
    );
}
const TEST_TOKENS = new Set(['spec', 'specs', 'e2e']);
/** Words that end in "test" and are not about tests. */
const NOT_TESTS = new Set([
  'latest',
  'attest',
  'attests',
  'contest',
  'contests',
  'protest',
  'protests',
  'detest',
]);

/**
 * tox and nox run the environments or sessions they are given (`-e lint` is not tests); with none
 * named, their default list, which is the test suite in practice.
 */
const toxLike: Matcher = (argv) => {
  const named = argv.flatMap((a, i) => {
    const prev = argv[i - 1] ?? '';
    if (['-e', '-s', '--session', '--sessions', '-k', '-f', '-m'].includes(prev)) return a.split(',');
    const eq = /^--(?:sessions?|env)=(.*)$/.exec(a);
    return eq ? eq[1]!.split(',') : [];
  });
  return named.length === 0 || named.some((n) => isTestName(n) || /^(?:py|pypy)?\d|^py(?:py)?3?$/.test(n));
};

const always: Matcher = () => true;
/** The first operand is one of `subcommands`. */
const sub =
  (...subcommands: string[]): Matcher =>
  (argv) =>
    subcommands.includes(operands(argv)[0] ?? '');
/** `tool run <test task>` (and for task runners, `tool <test task>`). */
const runsTestTask: Matcher = (argv) => {
  const [first, second] = operands(argv);
  return first === 'run' || first === 'run-script' ? isTestName(second) : false;
};
const testTask: Matcher = (argv) => isTestName(operands(argv)[0]) || runsTestTask(argv);

/** npm, pnpm, yarn, bun: `test`, `t`, `cit`, `run test:unit`, `pnpm -r test`, `yarn workspaces foreach run test`. */
const packageManager: Matcher = (argv) => {
  const ops = operands(argv);
  if (['test', 't', 'tst', 'cit', 'it', 'install-test', 'install-ci-test'].includes(ops[0] ?? ''))
    return true;
  if (commandBase(argv[0]) !== 'npm' && isTestName(ops[0]) && ops[0] !== 'install') return true;
  const run = ops.findIndex((o) => o === 'run' || o === 'run-script');
  return run >= 0 && isTestName(ops[run + 1]);
};

const python: Matcher = (argv) => {
  const m = argv.indexOf('-m');
  if (m > 0) {
    const module = argv[m + 1] ?? '';
    return module === 'tox' || module === 'nox'
      ? toxLike(argv.slice(m + 1))
      : PYTHON_TEST_MODULES.has(module);
  }
  const [script, first] = operands(argv);
  if (script === undefined) return false;
  // `python manage.py test`, `python setup.py test`, `python runtests.py`
  return isTestName(commandBase(script).replace(/\.py$/, '')) || (/\.py$/.test(script) && first === 'test');
};
const PYTHON_TEST_MODULES = new Set(['pytest', 'unittest', 'nose', 'nose2', 'tox', 'nox', 'coverage']);

const cargo: Matcher = (argv) => {
  const ops = operands(argv).filter((o) => !o.startsWith('+'));
  const tool = ['hack', 'careful', 'miri', 'make'].includes(ops[0] ?? '') ? ops[1] : ops[0];
  return (
    ['test', 'nextest', 'llvm-cov', 'tarpaulin', 'insta'].includes(tool ?? '') ||
    (ops[0] === 'make' && isTestName(tool))
  );
};

const maven: Matcher = (argv) =>
  !argv.some((a) => /^-D(?:skipTests|maven\.test\.skip)(?:=true)?$/.test(a)) &&
  operands(argv).some((o) =>
    ['test', 'verify', 'install', 'package', 'integration-test', 'surefire:test'].includes(o),
  );

const gradle: Matcher = (argv) => {
  const excluded = new Set(
    argv.flatMap((a, i) => (argv[i - 1] === '-x' || argv[i - 1] === '--exclude-task' ? [a] : [])),
  );
  return operands(argv).some((o) => {
    if (excluded.has(o)) return false;
    const task = o.slice(o.lastIndexOf(':') + 1);
    return ['check', 'build', 'connectedCheck'].includes(task) || isTestName(task);
  });
};

const make: Matcher = (argv) =>
  operands(argv).some((o) => !o.includes('=') && (o === 'check' || isTestName(o)));

/** `nx test app`, `nx run-many -t test`, `nx affected --target=test`, `turbo run test`, `lerna run test`. */
const monorepo: Matcher = (argv) =>
  testTask(argv) ||
  argv.some((a, i) =>
    /^--targets?=/.test(a)
      ? isTestName(a.slice(a.indexOf('=') + 1))
      : ['-t', '--target', '--targets'].includes(argv[i - 1] ?? '') && isTestName(a),
  );

const RUNNERS = ownKeys<Matcher>({
  pytest: always,
  'py.test': always,
  jest: always,
  vitest: always,
  mocha: always,
  ava: always,
  karma: (argv) => operands(argv)[0] !== 'init',
  jasmine: always,
  tap: always,
  phpunit: always,
  pest: always,
  paratest: always,
  rspec: always,
  ctest: always,
  gotestsum: always,
  ginkgo: always,
  tox: toxLike,
  nox: toxLike,
  behave: always,
  'cargo-nextest': always,
  playwright: sub('test'),
  cypress: sub('run'),
  node: (argv) => argv.includes('--test'),
  deno: sub('test'),
  bun: packageManager,
  npm: packageManager,
  pnpm: packageManager,
  yarn: packageManager,
  python,
  python3: python,
  py: python,
  coverage: (argv) => python(argv) || (operands(argv)[0] === 'run' && python(['python', ...argv.slice(2)])),
  go: sub('test'),
  cargo,
  mvn: maven,
  mvnw: maven,
  gradle,
  gradlew: gradle,
  make,
  gmake: make,
  just: testTask,
  task: testTask,
  mage: testTask,
  earthly: (argv) => operands(argv).some((o) => o.startsWith('+') && isTestName(o.slice(1))),
  mise: runsTestTask,
  bazel: sub('test', 'coverage'),
  bazelisk: sub('test', 'coverage'),
  dotnet: sub('test', 'vstest'),
  swift: sub('test'),
  mix: sub('test'),
  flutter: sub('test'),
  dart: sub('test'),
  lein: sub('test'),
  stack: sub('test'),
  cabal: sub('test'),
  meson: sub('test'),
  zig: (argv) => operands(argv)[0] === 'build' && isTestName(operands(argv)[1]),
  rake: (argv) => isTestName(operands(argv)[0]),
  rails: sub('test'),
  composer: testTask,
  php: (argv) =>
    ['phpunit', 'pest'].includes(commandBase(operands(argv)[0])) ||
    (operands(argv)[0] === 'artisan' && operands(argv)[1] === 'test'),
  sbt: (argv) => argv.slice(1).some((a) => a.split(/[;\s]+/).some((t) => isTestName(t.replace(/^\+/, '')))),
  xcodebuild: (argv) => argv.includes('test') || argv.includes('test-without-building'),
  R: (argv) => argv[1] === 'CMD' && argv[2] === 'check',
  Rscript: (argv) => argv.some((a) => /\b(?:devtools|testthat)::test/.test(a)),
  hatch: (argv) => operands(argv)[0] === 'test' || runsTestTask(argv),
  pdm: runsTestTask,
  rye: runsTestTask,
  pipenv: runsTestTask,
  pixi: runsTestTask,
  poetry: runsTestTask,
  uv: runsTestTask,
  devbox: runsTestTask,
  turbo: monorepo,
  nx: monorepo,
  lerna: runsTestTask,
});

/** True when the command (at any wrapper peeled, or inside a container run) runs tests. */
export function runsTests(words: readonly string[]): boolean {
  return runCandidates(words).some((argv) => RUNNERS.get(commandBase(argv[0]))?.(argv) === true);
}

/** Names of a project's own CI entry points, whose contents may not be visible (weaker evidence). */
const CI_ENTRY = new Set(['ci', 'check', 'cibuild', 'test', 'tests', 'run-tests', 'run_tests', 'runtests']);

/**
 * True when the command runs a project script or target named for CI or tests (`./ci.sh`,
 * `script/cibuild`, `make ci`, `npm run check`): evidence of testing, weaker than a runner.
 */
export function runsProjectCiScript(words: readonly string[]): boolean {
  return runCandidates(words).some((argv) => {
    const name = commandBase(argv[0]);
    const word = argv[0] ?? '';
    if (['make', 'gmake', 'just', 'task'].includes(name)) return operands(argv).some((o) => CI_ENTRY.has(o));
    if (['npm', 'pnpm', 'yarn'].includes(name)) return runsNamed(argv, CI_ENTRY);
    if (['bash', 'sh', 'zsh', 'dash'].includes(name)) return isCiPath(operands(argv)[0]);
    return (word.includes('/') || /\.(?:sh|bash)$/.test(word)) && isCiPath(word);
  });
}

function runsNamed(argv: readonly string[], names: ReadonlySet<string>): boolean {
  const ops = operands(argv);
  const run = ops.findIndex((o) => o === 'run' || o === 'run-script');
  return run >= 0 && names.has(ops[run + 1] ?? '');
}

/** A script path whose last folder or file name (without extension) names CI or tests: `.ci/run`, `hack/test.sh`. */
function isCiPath(path: string | undefined): boolean {
  if (!path) return false;
  const segments = path.split('/').filter(Boolean).slice(-2);
  return segments.some(
    (s) => CI_ENTRY.has(s.replace(/^\.+/, '').replace(/\.(?:sh|bash)$/, '')) || isTestName(s),
  );
}
