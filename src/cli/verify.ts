/**
 * `sscop verify BUNDLE --profile FILE --repo OWNER/NAME [--commit SHA] [--artifact FILE]
 * [--trusted-root FILE] [--format text|json]`: the customer's side of the attestation. Exit 0 when
 * every requirement of the profile is met, 1 when the attestation is genuine but a requirement is
 * not, 2 (one line on stderr) for bad input or a bundle that is invalid, tampered with, signed by
 * another identity or about another subject.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { verifyBundleFile } from '../attest/bundle-file.js';
import type { VerifyResult } from '../attest/evaluate.js';
import { parseProfile } from '../attest/profile.js';
import { BundleError, parseTrustedRoots } from '../attest/verify-bundle.js';
import { UserError, errorFirstLine } from '../errors.js';
import { parseRepository } from '../github/repository.js';
import { escapeTerminal } from '../report/escape.js';
import type { CliIO } from './main.js';

export const VERIFY_HELP = `Usage: sscop verify BUNDLE --profile FILE --repo OWNER/NAME [options]

Verifies a signed Code of Practice attestation offline and judges it against your profile.
BUNDLE is a Sigstore bundle, or the JSON Lines file gh attestation download writes: of its
bundles, those whose predicate type is sscop's are verified and the newest that holds is judged.

  --profile FILE        your requirements (YAML; see docs/attestation.md)
  --repo OWNER/NAME     the repository whose workflow must have signed it
  --trusted-root FILE   Sigstore trusted root (gh attestation trusted-root > trusted_root.jsonl)
  --commit SHA          the commit the attestation must be about
  --artifact FILE       a release artifact that must be a subject (repeatable)
  --format text|json    output (default: text)

Exit codes: 0 every requirement met, 1 a requirement not met, 2 invalid or tampered bundle, wrong
signer or subject, or bad input (one line on stderr).`;

const OPTIONS = {
  profile: { type: 'string' },
  repo: { type: 'string' },
  'trusted-root': { type: 'string' },
  commit: { type: 'string' },
  artifact: { type: 'string', multiple: true },
  format: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function runVerify(argv: string[], io: CliIO, now = new Date()): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UserError(`${errorFirstLine(error)} (see sscop verify --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(`${VERIFY_HELP}\n`);
    return 0;
  }
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json')
    throw new UserError(`--format must be text or json, got "${format}"`);
  if (positionals.length !== 1) throw new UserError('verify takes one bundle file (see sscop verify --help)');
  if (!values.profile) throw new UserError('verify needs --profile FILE');
  if (!values.repo)
    throw new UserError('verify needs --repo OWNER/NAME: the repository whose workflow must have signed');
  if (!values['trusted-root'])
    throw new UserError(
      'verify needs --trusted-root FILE (offline: gh attestation trusted-root > trusted_root.jsonl)',
    );
  parseRepository(values.repo);
  if (values.commit !== undefined && !/^[0-9a-f]{40}$/i.test(values.commit))
    throw new UserError(`--commit must be a full 40-character commit SHA, got "${values.commit}"`);

  const read = (file: string) =>
    fs.readFile(path.resolve(io.cwd, file), 'utf8').catch((error: unknown) => {
      throw new UserError(`${file}: ${errorFirstLine(error)}`);
    });
  const profile = parseProfile(await read(values.profile), values.profile);
  const artifacts = await Promise.all(
    (values.artifact ?? []).map(async (f) => sha256Of(await fs.readFile(path.resolve(io.cwd, f)))),
  );
  let result: VerifyResult;
  try {
    const roots = parseTrustedRoots(await read(values['trusted-root']));
    result = verifyBundleFile(await read(positionals[0]!), positionals[0]!, roots, {
      repository: values.repo,
      ...(values.commit ? { commit: values.commit.toLowerCase() } : {}),
      artifacts,
      profile,
      now,
    });
  } catch (error) {
    if (error instanceof BundleError) throw new UserError(`not verified: ${error.message}`);
    if (error instanceof SyntaxError) throw new UserError(`--trusted-root: not JSON: ${error.message}`);
    throw error;
  }
  io.stdout(format === 'json' ? `${JSON.stringify(result, null, 2)}\n` : renderVerdict(result));
  return result.passed ? 0 : 1;
}

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Which bundle of a JSON Lines file was judged, and why the others of ours were not. */
function bundleLines(bundle: VerifyResult['bundle']): string[] {
  if (!bundle) return [];
  return [
    `  · judged line ${bundle.line} of ${bundle.file}: the newest of ${bundle.ours} Code of Practice attestation(s) that verifies, among ${bundle.bundles} bundles`,
    ...bundle.rejected.map((r) => `  · line ${r.line} set aside: ${r.reason}`),
  ];
}

/** The verdict for people: what was verified, then each requirement with what the attestation says. */
export function renderVerdict(result: VerifyResult): string {
  const lines = [
    `sscop verify: ${result.repository} at ${result.commit}, signed ${result.signedAt}`,
    ...result.verified.map((v) => `  ✓ ${v}`),
    ...bundleLines(result.bundle),
    ...result.requirements.map((r) => `  ${r.met ? '✓' : '✗'} ${r.requirement}: ${r.detail}`),
  ];
  const unmet = result.requirements.filter((r) => !r.met).length;
  lines.push(
    result.passed
      ? `Verdict: accepted — every requirement of the profile is met (${result.requirements.length}).`
      : `Verdict: not accepted — ${unmet} of ${result.requirements.length} requirement(s) not met.`,
  );
  // Every string here may come from the signed predicate or the certificate: shown, never acted on.
  return `${escapeTerminal(lines.join('\n'))}\n`;
}
