/**
 * A bundle file as a customer has it: one Sigstore bundle (JSON), or JSON Lines with one bundle a
 * line, as `gh attestation download` writes every attestation it finds for a digest (build
 * provenance, SBOMs, ours). Picks the lines whose signed statement claims our predicate type, by
 * reading the DSSE payload without trusting it: the bundles picked are verified afterwards.
 */
import type { TrustedRoot } from '@sigstore/protobuf-specs';
import { isRecord } from '../model/json.js';
import { evaluateAttestation, type VerifyRequest, type VerifyResult } from './evaluate.js';
import { PREDICATE_TYPE } from './predicate.js';
import { BundleError, verifyBundle } from './verify-bundle.js';

export interface BundleLine {
  /** 1-based line of the file (1 for a file that is a single JSON document). */
  line: number;
  bundle: unknown;
}

export interface BundleChoice {
  /** The bundles whose payload names our predicate type, in file order. */
  ours: BundleLine[];
  /** How many bundles the file held in all. */
  total: number;
}

/** Every bundle of the file, with the line it is on; a line that is not JSON is a BundleError. */
export function readBundleFile(text: string, file: string): BundleLine[] {
  try {
    return [{ line: 1, bundle: unwrap(JSON.parse(text)) }];
  } catch {
    // Not one document: JSON Lines.
  }
  const bundles: BundleLine[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i]!.trim()) continue;
    try {
      bundles.push({ line: i + 1, bundle: unwrap(JSON.parse(lines[i]!)) });
    } catch {
      throw new BundleError(`${file} is neither JSON nor JSON Lines (line ${i + 1} is not JSON)`);
    }
  }
  if (!bundles.length) throw new BundleError(`${file} holds no bundle`);
  return bundles;
}

/** The bundles that claim to be Code of Practice attestations; none is a BundleError naming what was there. */
export function chooseOurBundles(bundles: readonly BundleLine[], file: string): BundleChoice {
  const ours = bundles.filter((b) => claimedPredicateType(b.bundle) === PREDICATE_TYPE);
  if (ours.length) return { ours, total: bundles.length };
  if (bundles.length === 1) return { ours: [...bundles], total: 1 }; // verified, then judged, with its own reason
  const types = [...new Set(bundles.map((b) => describe(claimedPredicateType(b.bundle))))];
  throw new BundleError(
    `none of the ${bundles.length} bundles in ${file} is a Code of Practice attestation (${PREDICATE_TYPE}); ` +
      `their predicate types: ${types.join(', ')}`,
  );
}

/** The GitHub API's attestation objects wrap the bundle: `{ bundle, repository_id, … }`. */
function unwrap(doc: unknown): unknown {
  return isRecord(doc) && isRecord(doc.bundle) && doc.mediaType === undefined ? doc.bundle : doc;
}

/** The predicate type the (unverified) payload names, or undefined when it names none. */
function claimedPredicateType(bundle: unknown): unknown {
  if (!isRecord(bundle) || !isRecord(bundle.dsseEnvelope)) return undefined;
  const payload = bundle.dsseEnvelope.payload;
  if (typeof payload !== 'string') return undefined;
  try {
    const statement: unknown = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
    return isRecord(statement) ? statement.predicateType : undefined;
  } catch {
    return undefined;
  }
}

function describe(type: unknown): string {
  return typeof type === 'string' ? JSON.stringify(type.slice(0, 200)) : 'none';
}

/**
 * Verifies each of our bundles and judges the newest that holds (signature, signer, subject):
 * several can exist for one digest (a re-run, a later release). When none holds, the reason is
 * the only bundle's, or the first one's with how many were tried.
 */
export function verifyBundleFile(
  text: string,
  file: string,
  roots: readonly TrustedRoot[],
  request: VerifyRequest,
): VerifyResult {
  const { ours, total } = chooseOurBundles(readBundleFile(text, file), file);
  const accepted: { line: number; result: VerifyResult }[] = [];
  const rejected: { line: number; reason: string }[] = [];
  for (const { line, bundle } of ours) {
    try {
      accepted.push({ line, result: evaluateAttestation(verifyBundle(bundle, roots), request) });
    } catch (error) {
      if (!(error instanceof BundleError)) throw error;
      rejected.push({ line, reason: error.message });
    }
  }
  if (!accepted.length) {
    const first = rejected[0]!;
    throw ours.length === 1
      ? new BundleError(first.reason)
      : new BundleError(
          `none of the ${ours.length} Code of Practice attestations in ${file} verifies; line ${first.line}: ${first.reason}`,
        );
  }
  const newest = accepted.reduce((a, b) => (b.result.signedAt > a.result.signedAt ? b : a));
  if (total === 1) return newest.result;
  return {
    ...newest.result,
    bundle: { file, line: newest.line, bundles: total, ours: ours.length, rejected },
  };
}
