/**
 * The engine's walk of workflows: each file is parsed when the walk reaches it and let go after its
 * hooks ran (a tree of 100,000 workflows must not be held parsed at once), and cross-file lookups
 * (a local composite action, a called workflow) still find files before or after the caller.
 */
import { describe, expect, it } from '@jest/globals';
import { checkContext } from '../../src/checks/check.js';
import { ciTests } from '../../src/checks/ci-tests.js';
import { walkedFiles, walkWorkflows, type WorkflowAudit } from '../../src/checks/walk.js';
import { filesFromRecord, type RepoFiles } from '../../src/repo/files.js';

const WORKFLOW = 'on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - run: make\n';

/** The files, counting how many workflow texts have been read so far. */
function counting(files: RepoFiles): { files: RepoFiles; reads: () => number } {
  let reads = 0;
  const counted = Object.create(files) as RepoFiles;
  counted.text = (path: string) => {
    if (path.startsWith('.github/workflows/')) reads++;
    return files.text(path);
  };
  return { files: counted, reads: () => reads };
}

describe('the workflow walk', () => {
  it('parses each file when it reaches it, not every file before the first hook', () => {
    const record: Record<string, string> = {};
    for (let i = 0; i < 20; i++) record[`.github/workflows/w${String(i).padStart(2, '0')}.yml`] = WORKFLOW;
    const { files, reads } = counting(filesFromRecord(record));
    const readsAtEachFile: number[] = [];
    const audit: WorkflowAudit<null> = {
      id: 'probe',
      start: () => null,
      workflow: () => void readsAtEachFile.push(reads()),
    };
    const ctx = checkContext(files);
    walkWorkflows(ctx, [audit]);
    expect(readsAtEachFile).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(walkedFiles(ctx).count).toBe(20);
  });

  it('lists files that do not parse to the unparsed hook, in path order among the others', () => {
    const seen: string[] = [];
    const audit: WorkflowAudit<null> = {
      id: 'probe',
      start: () => null,
      workflow: (_s, wf) => void seen.push(wf.path),
      unparsed: (_s, file) => void seen.push(`${file.path} (${file.error.line})`),
    };
    const ctx = checkContext(
      filesFromRecord({
        '.github/workflows/a.yml': WORKFLOW,
        '.github/workflows/b.yml': 'jobs: [\n',
        '.github/workflows/c.yml': WORKFLOW,
      }),
    );
    walkWorkflows(ctx, [audit]);
    expect(seen).toEqual([
      '.github/workflows/a.yml',
      '.github/workflows/b.yml (2)',
      '.github/workflows/c.yml',
    ]);
  });

  it('expands a local composite action whose file comes after the workflow in path order', () => {
    const ctx = checkContext(
      filesFromRecord({
        '.github/workflows/ci.yml':
          'on: pull_request\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: ./tools/run-tests\n',
        'tools/run-tests/action.yml':
          'runs:\n  using: composite\n  steps:\n    - run: npm test\n      shell: bash\n',
      }),
    );
    const outcome = ciTests.run(ctx);
    expect(outcome.status).toBe('pass');
    expect(outcome.evidence[0]?.path).toBe('tools/run-tests/action.yml');
  });
});
