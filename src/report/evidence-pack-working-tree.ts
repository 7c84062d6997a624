/**
 * Links to files at the scanned commit, and what the working tree changes about them: a tracked
 * file edited since the commit (its link shows the committed version, not what was scanned) or an
 * untracked file (no link: the commit does not hold it). From the report's metadata.
 */
import type { Report } from './report.js';
import { permalink, type Links } from './permalinks.js';

/**
 * How a scanned file differs from the commit the links point at: `changed` in the working tree
 * (the link shows the committed version), or `untracked` (not in the commit: no link).
 */
export type AtCommit = 'changed' | 'untracked';

/** What the reader must know about a file the scan saw but the commit's link does not show. */
export const AT_COMMIT_NOTE: Readonly<Record<AtCommit, string>> = {
  changed: 'changed in the working tree: the link shows the commit’s version',
  untracked: 'untracked: not in the commit',
};

export interface WorkingTreeWarning {
  /** Tracked files whose working copy differs from the commit. */
  changed: number;
  /** Files git does not track that were scanned. */
  untracked: number;
  /** One sentence for the cover. */
  text: string;
}

/** Links to files at the commit, with what the working tree changes about them. */
export interface FileLinks {
  base?: Links;
  /** Where the file scanned is not the commit's; undefined for a file the commit holds as scanned. */
  atCommit: (path: string) => AtCommit | undefined;
  /** The file (and line) at the commit; none for a file the commit does not hold. */
  url: (path: string, line?: number) => string | undefined;
  /** Where a fact was seen, as the pack shows it: path, line, link and mark. */
  locate: (path: string | undefined, line: number | undefined) => Located;
  warning?: WorkingTreeWarning;
}

export interface Located {
  path?: string;
  line?: number;
  url?: string;
  atCommit?: AtCommit;
}

export function fileLinks(report: Report, base: Links | undefined): FileLinks {
  const { workingTreeDiffers: changed, untrackedScanned: untracked } = report.metadata;
  const changedPaths = new Set(changed?.paths);
  const untrackedPaths = new Set(untracked?.paths);
  // Past the cap, any path may be one of the changes not listed: every file counts as changed.
  const changedUnlisted = changed !== undefined && changed.files > changed.paths.length;
  const atCommit = (path: string): AtCommit | undefined =>
    untrackedPaths.has(path)
      ? 'untracked'
      : changedPaths.has(path) || changedUnlisted
        ? 'changed'
        : undefined;
  const url = (path: string, line?: number) =>
    base && atCommit(path) !== 'untracked' ? permalink(base, path, line) : undefined;
  const locate = (path: string | undefined, line: number | undefined): Located => {
    if (path === undefined) return {};
    const link = url(path, line);
    const mark = atCommit(path);
    return {
      path,
      ...(line !== undefined ? { line } : {}),
      ...(link ? { url: link } : {}),
      ...(mark ? { atCommit: mark } : {}),
    };
  };
  return {
    ...(base ? { base } : {}),
    atCommit,
    url,
    locate,
    ...(changed || untracked
      ? { warning: workingTreeWarning(changed?.files ?? 0, untracked?.files ?? 0) }
      : {}),
  };
}

function workingTreeWarning(changed: number, untracked: number): WorkingTreeWarning {
  const parts = [
    changed ? `${changed} tracked ${plural(changed, 'file differs', 'files differ')} from the commit` : '',
    untracked
      ? `${untracked} ${plural(untracked, 'file', 'files')} not in the commit (untracked) ${plural(untracked, 'was', 'were')} scanned`
      : '',
  ].filter(Boolean);
  return {
    changed,
    untracked,
    text: `The working tree was scanned, not the commit alone: ${parts.join(', and ')}. Evidence in those files is marked; a link to a changed file shows the committed version, which is not what was scanned, and an untracked file has no link.`,
  };
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
