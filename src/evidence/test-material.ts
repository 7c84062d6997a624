/**
 * The one policy for paths that are not the project's own shipped code: vendored libraries, test
 * data, test code and example code. Every check that looks at files asks here, so a path is
 * judged the same way everywhere, and the answer says which path segment or file name decided it.
 *
 * What each check does with the answer:
 *
 * | check | vendored | fixture | test | example |
 * |---|---|---|---|---|
 * | committed-secrets | reported low, confidence low, never fails | same | same | same |
 * | binary-artifacts | reported as usual | info | info | reported as usual |
 * | pinned-images, lockfiles, unverified-downloads (scripts, Dockerfiles), ecosystems | skipped | skipped | read | read |
 * | fuzzing | skipped | not a fuzz target | read | read |
 * | threat-model, sbom | not the project's | same | same | same (threat-model); read (sbom) |
 */
import { rememberLast, splitPath } from './locate.js';

/**
 * What a path is, strongest first: vendored code is someone else's whatever it holds, fixture data
 * is input to tests, test code runs only in tests, example code is for showing.
 */
export type MaterialKind = 'vendored' | 'fixture' | 'test' | 'example';

export interface TestMaterial {
  kind: MaterialKind;
  /** The path segment (`vendor/`) or file name (`testkey.pem`) that says so. */
  marker: string;
  /** Why, for a finding: `under vendor/ (vendored code)`, `file name testkey.pem names a test`. */
  reason: string;
}

const RANK: Record<MaterialKind, number> = { vendored: 0, fixture: 1, test: 2, example: 3 };

const VENDORED_DIR = /^(?:vendor|vendored|third[-_]?party|node_modules|bower_components)$/i;
const FIXTURE_DIR =
  /^(?:testdata|test[-_]data|fixtures?|__fixtures__|test[-_]?fixtures?|testfiles|golden|__snapshots__)$/i;
const TEST_DIR = /^(?:spec|specs|__tests__|__mocks__|e2e|integration)$/i;
const EXAMPLE_DIR = /^(?:examples?|samples?|demos?)$/i;
/** A word of a name that says test: `test`, `tests`, `testing`, `testkey`, `testutil`, `mocks`, `fake`… */
const TEST_WORD =
  /^(?:tests?|testing|testdata|testutils?|testhelpers?|testenv|testkeys?|testcerts?|testserver|testlib|fixtures?|fakes?|mocks?|dummy)$/i;
/** `foo.spec.ts`, `foo_test.go`, `foo-tests.js`, `test_foo.py`. */
const TEST_FILE = /[._-](?:test|spec)s?\.[a-z0-9]{1,8}$|^test_[^/]{1,200}\.py$/i;
/** Names longer than this are not split into words (a hostile path must stay cheap). */
const MAX_NAME = 200;

const DESCRIPTION: Record<MaterialKind, string> = {
  vendored: 'vendored code',
  fixture: 'test data',
  test: 'test code',
  example: 'example code',
};

/** Whether, and why, a path is vendored code or test material; undefined for the project's own code. */
export const testMaterial = rememberLast((path): TestMaterial | undefined => {
  const { name } = splitPath(path);
  const best = folderMaterialOf(path);
  if (best && RANK[best.kind] <= RANK.test) return best;
  if (isTestFileName(name) && !runsInCi(path, name))
    return { kind: 'test', marker: name, reason: `file name ${name} names a test` };
  return best;
});

/**
 * Vendored code and test data: not the project's own build, so build and dependency checks skip it.
 * Both are judged by folder alone (a file name can only say test), so the name is not looked at.
 */
export const isFixtureOrVendored = rememberLast((path): boolean => {
  const kind = folderMaterialOf(path)?.kind;
  return kind === 'vendored' || kind === 'fixture';
});

/** Test data or test code (by folder or file name), not vendored or example code. */
export const isTestDataPath = rememberLast((path): boolean => {
  const kind = testMaterial(path)?.kind;
  return kind === 'fixture' || kind === 'test';
});

/** Vendored code: someone else's, whatever it holds (judged by folder alone). */
export function isVendored(path: string): boolean {
  return folderMaterialOf(path)?.kind === 'vendored';
}

/** What the path's folders say, without its file name. */
function folderMaterialOf(path: string): TestMaterial | undefined {
  const { dir } = splitPath(path);
  return dir ? folderMaterial(dir) : undefined;
}

/** Folders judged so far (many files share a folder, and every check asks); cleared when it grows large. */
const folderVerdicts = new Map<string, TestMaterial | null>();
const MAX_FOLDER_VERDICTS = 50_000;

/**
 * What a folder is, from the strongest of its segments (the first of equals); computed once per
 * folder, from its parent's verdict and its own last segment, so each segment of a large tree is
 * judged once rather than once for every folder below it. Iterative: a path can have thousands
 * of segments.
 */
function folderMaterial(dir: string): TestMaterial | undefined {
  const known = folderVerdicts.get(dir);
  if (known !== undefined) return known ?? undefined;
  // The folders from `dir` up to the nearest one already judged (or the root).
  const unjudged = [dir];
  let above: TestMaterial | undefined;
  for (let slash = dir.lastIndexOf('/'); slash > 0; slash = dir.lastIndexOf('/', slash - 1)) {
    const parent = dir.slice(0, slash);
    const verdict = folderVerdicts.get(parent);
    if (verdict !== undefined) {
      above = verdict ?? undefined;
      break;
    }
    unjudged.push(parent);
  }
  if (folderVerdicts.size + unjudged.length > MAX_FOLDER_VERDICTS) folderVerdicts.clear();
  for (let i = unjudged.length - 1; i >= 0; i--) {
    const folder = unjudged[i]!;
    above = strongerSegment(above, folder.slice(folder.lastIndexOf('/') + 1));
    folderVerdicts.set(folder, above ?? null);
  }
  return above;
}

/** The folder's verdict after one more segment: the segment's kind only if it is stronger. */
function strongerSegment(above: TestMaterial | undefined, segment: string): TestMaterial | undefined {
  if (above?.kind === 'vendored') return above;
  const kind = folderKind(segment);
  if (!kind || (above && RANK[kind] >= RANK[above.kind])) return above;
  return { kind, marker: `${segment}/`, reason: `under ${segment}/ (${DESCRIPTION[kind]})` };
}

function folderKind(segment: string): MaterialKind | undefined {
  if (VENDORED_DIR.test(segment)) return 'vendored';
  if (FIXTURE_DIR.test(segment)) return 'fixture';
  if (TEST_DIR.test(segment) || hasTestWord(segment)) return 'test';
  if (EXAMPLE_DIR.test(segment)) return 'example';
  return undefined;
}

/**
 * Files that run builds or tests, often with real credentials: a name such as `test.yml` or
 * `run-tests.sh` says what they run, not that what they hold is test material.
 */
function runsInCi(path: string, name: string): boolean {
  return (
    path.startsWith('.github/') ||
    /\.(?:sh|bash|zsh|ps1|psm1|bat|cmd|mk)$/i.test(name) ||
    /^(?:makefile|justfile|dockerfile|containerfile|docker-compose|compose|jenkinsfile|\.env)/i.test(name)
  );
}

function isTestFileName(name: string): boolean {
  if (TEST_FILE.test(name)) return true;
  const dot = name.lastIndexOf('.');
  return hasTestWord(dot > 0 ? name.slice(0, dot) : name);
}

/** `integration-tests`, `keys_test_data`, `TestKeys`, `testkey`: a word of the name says test. */
function hasTestWord(name: string): boolean {
  if (name.length > MAX_NAME) return false;
  const words = name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[\s._-]+/);
  return words.some((w) => TEST_WORD.test(w));
}
