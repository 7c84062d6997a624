/** judgeUnreadInputs: how a check's verdict stands when files it needed could not be read. */
import { describe, expect, it } from '@jest/globals';
import type { FileCheck } from '../../src/checks/check.js';
import { judgeUnreadInputs, unreadInputs } from '../../src/checks/unread-inputs.js';
import type { CheckOutcome } from '../../src/model/types.js';
import { SnapshotFiles, type FileEntry, type FileVisitor } from '../../src/repo/files.js';
import { DANGLING_LINK_SKIP, LINK_LOOP_SKIP, LINK_TO_FOLDER_SKIP } from '../../src/repo/read-file.js';

const TOO_LARGE = 'larger than the 10.0 MiB limit (11.0 MiB); not read';

/** A tree where `big.yml` was too large (its head kept) and `gone.yml` could not be opened. */
function files(): SnapshotFiles {
  const entries = new Map<string, FileEntry>([
    ['ok.yml', { text: 'on: push\n', size: 9 }],
    ['big.yml', { head: new Uint8Array([0x6f, 0x6e]), size: 11 * 1024 * 1024 }],
  ]);
  return new SnapshotFiles(['big.yml', 'gone.yml', 'ok.yml', 'other.txt'], entries, [
    { path: 'big.yml', reason: TOO_LARGE },
    { path: 'gone.yml', reason: 'could not be read (ENOENT)' },
  ]);
}

function check(needs: FileCheck['needs'], visitor?: FileVisitor): FileCheck {
  return { id: 'x', source: 'files', needs, run: () => outcome('pass'), ...(visitor ? { visitor } : {}) };
}

function outcome(status: CheckOutcome['status'], extra: Partial<CheckOutcome> = {}): CheckOutcome {
  return { status, summary: 'What it saw.', findings: [], evidence: [], ...extra };
}

const needsYamlText = check((p) => (p.endsWith('.yml') ? 'text' : undefined));

describe('unreadInputs', () => {
  it('counts a file a check needed whole and did not get', () => {
    expect(unreadInputs(needsYamlText, files()).map((s) => s.path)).toEqual(['big.yml', 'gone.yml']);
  });

  it('does not count a file whose head was all the check needed, and was read', () => {
    const needsHeads = check((p) => (p.endsWith('.yml') ? 'head' : undefined));
    expect(unreadInputs(needsHeads, files()).map((s) => s.path)).toEqual(['gone.yml']);
  });

  it('counts a file its visitor wanted', () => {
    const visitor: FileVisitor = { id: 'x', wants: (p) => p === 'big.yml', visit: () => undefined };
    expect(
      unreadInputs(
        check(() => undefined, visitor),
        files(),
      ).map((s) => s.path),
    ).toEqual(['big.yml']);
  });

  it('does not count links that hold nothing: a loop, a link to nothing, a link to a folder', () => {
    const links = new SnapshotFiles(['dangling.yml', 'folder.yml', 'loop.yml'], new Map(), [
      { path: 'dangling.yml', reason: DANGLING_LINK_SKIP },
      { path: 'folder.yml', reason: LINK_TO_FOLDER_SKIP },
      { path: 'loop.yml', reason: LINK_LOOP_SKIP },
    ]);
    expect(unreadInputs(needsYamlText, links)).toEqual([]);
  });

  it('ignores unread files the check did not need', () => {
    expect(
      unreadInputs(
        check((p) => (p === 'ok.yml' ? 'text' : undefined)),
        files(),
      ),
    ).toEqual([]);
  });
});

describe('judgeUnreadInputs', () => {
  it.each(['pass', 'not-applicable'] as const)(
    'turns %s into unknown, naming each file and why',
    (status) => {
      const judged = judgeUnreadInputs(needsYamlText, outcome(status), files());
      expect(judged.status).toBe('unknown');
      expect(judged.unknown?.reason).toBe(
        `could not read 2 files it needs: big.yml (${TOO_LARGE}), gone.yml (could not be read (ENOENT))`,
      );
      expect(judged.summary).toMatch(/^Not judged: could not read 2 files .*Without them: What it saw\.$/);
      expect(judged.evidence.map((e) => e.path)).toEqual(['big.yml', 'gone.yml']);
    },
  );

  it.each(['fail', 'partial'] as const)(
    'keeps %s and its findings, saying the evidence is incomplete',
    (status) => {
      const finding = { checkId: 'x', message: 'bad', severity: 'high' as const, path: 'ok.yml' };
      const judged = judgeUnreadInputs(needsYamlText, outcome(status, { findings: [finding] }), files());
      expect(judged.status).toBe(status);
      expect(judged.findings).toEqual([finding]);
      expect(judged.summary).toMatch(/^What it saw\. Evidence incomplete: could not read 2 files/);
      expect(judged.unknown?.reason).toMatch(/big\.yml/);
    },
  );

  it('adds to the reason of a check already unknown', () => {
    const already = outcome('unknown', { unknown: { reason: 'offline scan', howToObserve: 'go online' } });
    const judged = judgeUnreadInputs(needsYamlText, already, files());
    expect(judged.unknown?.reason).toMatch(/^offline scan; could not read 2 files/);
    expect(judged.unknown?.howToObserve).toMatch(/^go online; /);
  });

  it('turns claims that passed into unknown and leaves failed ones', () => {
    const claims = {
      'a.1': { status: 'pass' as const, note: 'seen' },
      'a.2': { status: 'fail' as const, note: 'no' },
    };
    const judged = judgeUnreadInputs(needsYamlText, outcome('partial', { claims }), files());
    expect(judged.claims?.['a.1']?.status).toBe('unknown');
    expect(judged.claims?.['a.1']?.note).toMatch(/^seen \(not judged: could not read/);
    expect(judged.claims?.['a.2']).toEqual(claims['a.2']);
  });

  it('names three files and counts the rest', () => {
    const skipped = ['a', 'b', 'c', 'd', 'e'].map((p) => ({
      path: `${p}.yml`,
      reason: 'not a regular file',
    }));
    const many = new SnapshotFiles(
      skipped.map((s) => s.path),
      new Map(),
      skipped,
    );
    const judged = judgeUnreadInputs(needsYamlText, outcome('pass'), many);
    expect(judged.unknown?.reason).toMatch(/c\.yml \(not a regular file\) and 2 more$/);
  });

  it('returns the outcome itself when every file it needed was read', () => {
    const result = outcome('pass');
    expect(
      judgeUnreadInputs(
        check((p) => (p === 'ok.yml' ? 'text' : undefined)),
        result,
        files(),
      ),
    ).toBe(result);
  });
});
