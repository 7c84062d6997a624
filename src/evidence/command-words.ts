/**
 * The command a shell command really runs, as words: `sudo -E env CI=1 uv run --locked tox -e py`
 * runs `tox -e py`. Wrappers (privilege, environment, timing, and the runners of Python, Node,
 * Ruby and Nix environments) are peeled, so checks recognise a tool by its command word, never by a
 * substring of the line (`docker cp … gotestsum.exe` runs docker, `test ! -s f` the shell builtin).
 */

/** Words of one command looked at, at most (a bound on hostile input). */
const MAX_WORDS = 256;
/** Wrappers peeled from one command, at most. */
const MAX_WRAPPERS = 8;

/** Options, across the wrappers read here, that take the next word as their value. */
const WRAPPER_VALUE_OPTIONS = wordSet(
  // sudo, env, nice, timeout, xvfb-run
  '-u -g -C -h -p -n -s -k -e -f -w --user --group --chdir --signal --kill-after',
  '--server-args --error-file --server-num',
  // uv run, poetry, pdm, conda, npx, pnpm, bundle, go tool
  '--with --with-requirements --with-editable --python --extra --group --only-group --package',
  '--directory --project --env-file --index --name --prefix --cwd --gemfile --call --shell',
  '--environment --manifest-path -modfile',
);

/** Options of package managers and build tools that take the next word as their value. */
const TOOL_VALUE_OPTIONS = wordSet(
  '-C -F -w -p -P --filter --prefix --workspace --dir --cwd --manifest-path --package --features',
  '--target --config --project --profile --toolchain',
);

/** A set of words written as space-separated lists. */
function wordSet(...lists: string[]): ReadonlySet<string> {
  return new Set(lists.join(' ').split(' '));
}

/** `/usr/bin/env` → `env`; `./mvnw` → `mvnw`. */
export function commandBase(word: string | undefined): string {
  if (word === undefined) return '';
  return word.slice(word.lastIndexOf('/') + 1);
}

/** The index of the first word at or after `from` that is not an option (or an option's value). */
export function skipOptions(
  words: readonly string[],
  from: number,
  values: ReadonlySet<string> = WRAPPER_VALUE_OPTIONS,
): number {
  let i = from;
  while (i < words.length && words[i]!.startsWith('-')) {
    if (words[i] === '--') return i + 1;
    i += values.has(words[i]!) ? 2 : 1;
  }
  return i;
}

const ASSIGNMENT_WORD = /^[A-Za-z_]\w{0,100}=/;

/** Wrappers whose command follows their options directly. */
const PLAIN_WRAPPERS = wordSet(
  'sudo doas time nohup exec nice ionice stdbuf xvfb-run catchsegv',
  'unbuffer chronic uvx pnpx bunx npx cross-env with-contenv nyc c8',
);
/** `tool sub` pairs whose command follows (`uv run`, `poetry run`, `bundle exec`…). */
const SUBCOMMAND_WRAPPERS = ownKeys<readonly string[]>({
  uv: ['run'],
  poetry: ['run'],
  pipenv: ['run'],
  pdm: ['run'],
  rye: ['run'],
  hatch: ['run'],
  conda: ['run'],
  mamba: ['run'],
  micromamba: ['run'],
  pixi: ['run', 'exec'],
  pipx: ['run'],
  bundle: ['exec'],
  pnpm: ['exec', 'dlx'],
  yarn: ['exec', 'dlx'],
  npm: ['exec'],
  devbox: ['run'],
  mise: ['exec', 'x'],
  rtx: ['exec', 'x'],
  asdf: ['exec'],
});

/** One wrapper peeled from `words`, or undefined when the command is not a wrapper. */
function peel(words: readonly string[]): string[] | undefined {
  const name = commandBase(words[0]);
  if (name === 'env') {
    let i = skipOptions(words, 1);
    while (i < words.length && ASSIGNMENT_WORD.test(words[i]!)) i++;
    return words.slice(i);
  }
  if (name === 'command' && (words[1] === '-v' || words[1] === '-V')) return undefined;
  if (name === 'command' || name === 'builtin') return words.slice(1);
  if (name === 'timeout') return words.slice(skipOptions(words, 1) + 1);
  if (PLAIN_WRAPPERS.has(name)) {
    let i = skipOptions(words, 1);
    while (name === 'cross-env' && i < words.length && ASSIGNMENT_WORD.test(words[i]!)) i++;
    return words.slice(i);
  }
  if (SUBCOMMAND_WRAPPERS.get(name)?.includes(words[1] ?? '')) {
    const rest = words.slice(skipOptions(words, 2));
    // `hatch run env:script` names a script; `mise exec tool@1 -- cmd` names tools before `--`.
    const dash = rest.indexOf('--');
    return (name === 'mise' || name === 'rtx' || name === 'asdf') && dash >= 0 ? rest.slice(dash + 1) : rest;
  }
  if (name === 'nix' && words[1] === 'develop') {
    const at = words.findIndex((w) => w === '-c' || w === '--command');
    return at < 0 ? undefined : words.slice(at + 1);
  }
  if (name === 'direnv' && words[1] === 'exec') return words.slice(3);
  if (name === 'go' && (words[1] === 'run' || words[1] === 'tool')) return goRun(words);
  return undefined;
}

/** `go run golang.org/x/vuln/cmd/govulncheck@latest ./...` and `go tool -modfile=… govulncheck` run `govulncheck`. */
function goRun(words: readonly string[]): string[] | undefined {
  const i = skipOptions(words, 2);
  const target = words[i];
  if (target === undefined || target.endsWith('.go') || target.startsWith('.')) return undefined;
  const at = target.indexOf('@');
  return [commandBase(at < 0 ? target : target.slice(0, at)), ...words.slice(i + 1)];
}

/** The command at each wrapper peeled: the words as written first, what finally runs last. */
export function unwrapStages(words: readonly string[]): string[][] {
  const stages = [words.slice(0, MAX_WORDS)];
  for (let n = 0; n < MAX_WRAPPERS; n++) {
    const next = peel(stages[stages.length - 1]!);
    if (!next || next.length === 0) break;
    stages.push(next);
  }
  return stages;
}

/** The words the command runs once every wrapper is peeled (the words themselves if none). */
export function unwrapCommand(words: readonly string[]): string[] {
  const stages = unwrapStages(words);
  return stages[stages.length - 1]!;
}

/** Container runners whose command is the words after the image (`docker run --rm img go test`). */
const CONTAINER_RUNS = ownKeys<readonly string[]>({
  docker: ['run', 'exec'],
  podman: ['run', 'exec'],
  'docker-compose': ['run', 'exec'],
  nerdctl: ['run', 'exec'],
});

/**
 * The ways to read what a command runs, for recognising a tool in any of them: the command at each
 * wrapper peeled (`pdm run test` names a task, `uv run pytest` runs pytest) and, for a command run
 * in a container (whose options and image are not parsed here), each tail that starts at a plain word.
 */
export function runCandidates(words: readonly string[]): string[][] {
  const stages = unwrapStages(words);
  const argv = stages[stages.length - 1]!;
  const name = commandBase(argv[0]);
  const sub = name === 'docker' && argv[1] === 'compose' ? 2 : 1;
  if (!CONTAINER_RUNS.get(sub === 2 ? 'docker-compose' : name)?.includes(argv[sub] ?? '')) return stages;
  for (let i = sub + 1; i < argv.length; i++) {
    if (!argv[i]!.startsWith('-') && !argv[i - 1]!.startsWith('-')) stages.push(unwrapCommand(argv.slice(i)));
  }
  return stages;
}

/** The words of a command that are not options, after the command word. */
export function operands(argv: readonly string[], from = 1): string[] {
  const out: string[] = [];
  for (let i = skipOptions(argv, from, TOOL_VALUE_OPTIONS); i < argv.length;) {
    out.push(argv[i]!);
    i = skipOptions(argv, i + 1, TOOL_VALUE_OPTIONS);
  }
  return out;
}

/**
 * A table keyed by command word as a Map: a word from the repository (`constructor`, `__proto__`)
 * must never reach an object's inherited properties.
 */
export function ownKeys<T>(table: Record<string, T>): ReadonlyMap<string, T> {
  return new Map(Object.entries(table));
}
