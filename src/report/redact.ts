/**
 * Credential-shaped text never leaves the engine: whatever a check quotes from the repository
 * (a config line, a URL, a header) passes through here on its way into the report, so a file that
 * holds a token — or a link that makes some file look like one that does — cannot publish it in a
 * summary, an annotation or SARIF. Checks that find credentials mask them themselves; this is the
 * net under every other quotation.
 */
import type { CheckResult, Evidence, Finding } from '../model/types.js';

const REDACTED = '[redacted]';

/**
 * Each rule keeps the part that says what the value is (`https://`, `Authorization: `) and replaces
 * the value. Quantifiers are bounded and no group repeats inside another, so a hostile line costs
 * linear time.
 */
const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  // Credentials in a URL: https://user:token@host, https://token@host.
  [/\b([a-z][a-z0-9+.-]{0,30}:\/\/)[^\s/@'"<>]{1,500}@/gi, `$1${REDACTED}@`],
  // Header-like settings, to the end of the line: git's http.extraheader, Authorization, cookies.
  [
    /\b(extraheader|authorization|proxy-authorization|x-api-key|private-token|cookie|set-cookie)(["']?\s{0,20}[:=]\s{0,20})[^\r\n]{1,2000}/gi,
    `$1$2${REDACTED}`,
  ],
  // HTTP authentication schemes with their credential (which has a digit or base64's `+/=`, unlike
  // the word after "basic" in a sentence).
  [
    /\b(basic|bearer|digest)(\s{1,20})(?=[A-Za-z0-9+/=._~-]{0,2000}[0-9+/=])[A-Za-z0-9+/=._~-]{12,2000}/gi,
    `$1$2${REDACTED}`,
  ],
  [/\b(x-access-token:)[^\s@'"]{1,500}/gi, `$1${REDACTED}`],
  // Token formats specific to one issuer.
  [
    /\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255}|glpat-[A-Za-z0-9_-]{20,300}|xox[abpr]-[A-Za-z0-9-]{10,200}|npm_[A-Za-z0-9]{36}|[sr]k_live_[A-Za-z0-9]{16,247}|pypi-AgEI[A-Za-z0-9_-]{20,1000}|(?:AKIA|ASIA)[A-Z2-7]{16})\b/g,
    REDACTED,
  ],
  // A key's body after its header (the header alone says what it is, and checks quote it).
  [/(-----BEGIN [A-Z ]{0,40}PRIVATE KEY-----)(?:\s|\\n){0,5}[A-Za-z0-9+/=]{16,5000}/g, `$1 ${REDACTED}`],
  // Assignments to names that hold secrets, when the value looks like one (a digit in it, or 16
  // characters or more) and is not a reference (`${{ secrets.X }}`, `$VAR`, `<placeholder>`), which
  // is what a finding about a workflow usually quotes; `id-token: write` stays as it is.
  [
    /\b((?:password|passwd|pwd|secret|client[_-]?secret|api[_-]?key|access[_-]?key|auth[_-]?token|access[_-]?token|token)["']?\s{0,20}[:=]\s{0,20}["']?)(?![$<{%])(?:(?=[^\s"'`,;)]{0,500}[0-9])[^\s"'`,;)]{6,500}|[^\s"'`,;)]{16,500})/gi,
    `$1${REDACTED}`,
  ],
];

/** Cheap substrings one of which any rule needs: most text has none and is returned as it is. */
const MARKERS =
  /:\/\/|header|authori|api-key|token|cookie|basic|bearer|digest|gh[pousr]_|github_pat|glpat|xox|npm_|_live_|pypi-|AKIA|ASIA|PRIVATE KEY|pass|pwd|secret|key/i;

/** `text` with credential-shaped values replaced by `[redacted]`. */
export function redactCredentials(text: string): string {
  if (!MARKERS.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of RULES) out = out.replace(pattern, replacement);
  return out;
}

function redactFinding(f: Finding): Finding {
  const out: Finding = { ...f, message: redactCredentials(f.message) };
  if (f.remediation !== undefined) out.remediation = redactCredentials(f.remediation);
  return out;
}

function redactEvidence(e: Evidence): Evidence {
  const out: Evidence = { ...e, summary: redactCredentials(e.summary) };
  if (e.quote !== undefined) out.quote = redactCredentials(e.quote);
  return out;
}

/** A check's result with every text that can quote the repository redacted. */
export function redactCheck<T extends CheckResult>(check: T): T {
  return {
    ...check,
    summary: redactCredentials(check.summary),
    findings: check.findings.map(redactFinding),
    evidence: check.evidence.map(redactEvidence),
    ...(check.claims
      ? {
          claims: Object.fromEntries(
            Object.entries(check.claims).map(([id, v]) => [id, { ...v, note: redactCredentials(v.note) }]),
          ),
        }
      : {}),
    ...(check.unknown
      ? {
          unknown: {
            reason: redactCredentials(check.unknown.reason),
            howToObserve: check.unknown.howToObserve,
          },
        }
      : {}),
  };
}
