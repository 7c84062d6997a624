/**
 * Which lines a pull request changed, from the unified-diff `patch` GitHub returns per file. Only
 * added lines on the new side count: those are the lines a reviewer is responsible for.
 */

export type ChangedLines = Map<string, Set<number>>;

/** Parses one file's patch into the set of added line numbers (new side). Linear; never throws. */
export function addedLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let newLine = 0;
  let inHunk = false;
  for (const line of patch.split('\n')) {
    if (line.startsWith('@@')) {
      const m = /^@@ -\d{1,9}(?:,\d{1,9})? \+(\d{1,9})(?:,\d{1,9})? @@/.exec(line);
      inHunk = Boolean(m);
      newLine = m ? Number(m[1]) : 0;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith('+')) lines.add(newLine++);
    else if (line.startsWith('-')) continue;
    else if (line.startsWith('\\')) continue;
    else newLine++;
  }
  return lines;
}

export function isChanged(
  changed: ChangedLines,
  path: string | undefined,
  line: number | undefined,
): boolean {
  if (!path) return false;
  const set = changed.get(path);
  if (!set) return false;
  // A finding about a whole file (no line) is new when the file was touched.
  return line === undefined ? true : set.has(line);
}
