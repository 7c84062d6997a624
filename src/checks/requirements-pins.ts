/**
 * Requirements files as locks: pip checks every download only when every requirement carries a
 * hash, so a requirements file is a lock when hash-pinned, and version-pinned when only `==`.
 */
import { splitLines } from '../evidence/locate.js';

/** A requirements file's verdict, in the shape of the lockfiles check's manifest results. */
export interface RequirementsResult {
  path: string;
  ecosystem: 'pip';
  verdict: 'hash-pinned' | 'version-pinned' | 'missing' | 'nothing-to-lock';
  lock?: string;
  note?: string;
  line?: number;
}

/** `requirements.txt`, `requirements-dev.txt`, `dev-requirements.txt`, … (a lower-cased name). */
export function isRequirements(name: string): boolean {
  return /^requirements[\w.-]*\.txt$/i.test(name) || /[-_.]requirements\.txt$/i.test(name);
}

/**
 * A requirements file is hash-pinned when every requirement carries `--hash=` (pip then checks
 * every download), version-pinned when every requirement is `==` without hashes, else unpinned.
 */
export function judgeRequirements(path: string, text: string | undefined): RequirementsResult {
  const base = { path, ecosystem: 'pip' } as const;
  if (text === undefined) return { ...base, verdict: 'missing', note: 'the file could not be read' };
  // Join continuation lines, keeping the line number of each requirement.
  const reqs: Array<{ line: number; text: string }> = [];
  let current: { line: number; text: string } | undefined;
  splitLines(text).forEach((raw, i) => {
    const line = raw.slice(0, 2000);
    // [\s\S]* (not .*): `.` stops at U+2028, and `#.*$` then backtracks quadratically.
    const body = line.replace(/(?:^|\s)#[\s\S]*$/, '');
    if (current) current.text += ` ${body.replace(/\\$/, '')}`;
    else current = { line: i + 1, text: body.replace(/\\$/, '') };
    if (!/\\\s*$/.test(body)) {
      if (current.text.trim()) reqs.push({ line: current.line, text: current.text.trim() });
      current = undefined;
    }
  });
  let hashed = 0;
  let pinned = 0;
  let total = 0;
  let firstLoose: number | undefined;
  for (const r of reqs) {
    if (r.text.startsWith('-') && !/^-e\s|^--editable\s/.test(r.text)) continue; // options, -r/-c includes
    if (/^(?:-e|--editable)\s+(?:\.|file:)/.test(r.text) || /^\.{1,2}(?:\/|$)/.test(r.text)) continue; // the project itself
    total++;
    const hasHash = /--hash[= ]\s*sha(?:256|384|512):/.test(r.text);
    const isPinned = /===?\s*[\w.!+*-]+/.test(r.text.split(';')[0] ?? '') || directUrlWithHash(r.text);
    if (hasHash) hashed++;
    if (isPinned) pinned++;
    if (!hasHash && firstLoose === undefined) firstLoose = r.line;
  }
  if (total === 0) return { ...base, verdict: 'nothing-to-lock' };
  if (hashed === total) return { ...base, verdict: 'hash-pinned', lock: path };
  if (pinned === total) return { ...base, verdict: 'version-pinned', lock: path, line: firstLoose };
  const loose = reqs.find((r) => !r.text.startsWith('-') && !/===?/.test(r.text));
  return {
    ...base,
    verdict: 'missing',
    note: `requirements without == pins, e.g. line ${loose?.line ?? firstLoose ?? 1}`,
  };
}

/** `name @ https://…#sha256=…`: a direct URL reference pinned by its hash (linear scan). */
function directUrlWithHash(text: string): boolean {
  const at = text.indexOf('@');
  if (at < 0) return false;
  return text
    .slice(at + 1)
    .split(/\s+/)
    .some((token) => token.includes('#') && token.includes('sha256='));
}
