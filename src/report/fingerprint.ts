/**
 * A finding's fingerprint: the same finding keeps it when lines above it move. It is made of what
 * the finding is and where (check id, file, message with its numbers normalised) and which
 * occurrence of that it is in the file, never of its line number. Reports carry it (JSON), SARIF
 * gives it to code scanning, baselines compare by it and config `ignore:` entries may name it.
 */
import { hash } from 'node:crypto';
import type { Finding } from '../model/types.js';
import { redactCredentials } from './redact.js';

/** What a fingerprint is made of (a baseline report's findings carry no more than this). */
export type FingerprintInput = Pick<
  Finding,
  'checkId' | 'message' | 'path' | 'line' | 'column' | 'fingerprint'
>;

/**
 * The fingerprints of one check's findings, in the order given. Occurrences of the same key are
 * numbered by position in the file (line, then column), so reordering the list changes nothing.
 * The message is taken as reports show it (redacted), so a fingerprint computed on a finding
 * before the report is built equals the one computed from the JSON report; findings whose
 * messages are `redacted` already are not redacted again.
 */
export function findingFingerprints(
  findings: readonly FingerprintInput[],
  { redacted = false }: { redacted?: boolean } = {},
): string[] {
  const keys = findings.map((f) => findingKey(f, redacted));
  const order = findings.map((_, i) => i).sort((a, b) => placeOrder(findings[a]!, findings[b]!) || a - b);
  const occurrences = new Map<string, number>();
  const prints: string[] = new Array<string>(findings.length);
  for (const i of order) {
    const key = keys[i]!;
    const n = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, n);
    prints[i] = `${sha256(key)}:${n}`;
  }
  return prints;
}

/** Fingerprints of every finding of a report's checks, by finding (the finding's own when it has one). */
export function fingerprintsByFinding<F extends FingerprintInput>(
  checks: ReadonlyArray<{ findings: readonly F[] }>,
): Map<F, string> {
  const out = new Map<F, string>();
  for (const check of checks) {
    const prints = findingFingerprints(check.findings);
    check.findings.forEach((f, i) => out.set(f, f.fingerprint ?? prints[i]!));
  }
  return out;
}

function findingKey(f: FingerprintInput, redacted: boolean): string {
  const message = redacted ? f.message : redactCredentials(f.message);
  return `${f.checkId}\u0000${f.path ?? ''}\u0000${message.replace(/\d+/g, '#')}`;
}

function placeOrder(a: FingerprintInput, b: FingerprintInput): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0);
}

function sha256(text: string): string {
  return hash('sha256', text, 'hex').slice(0, 32);
}
