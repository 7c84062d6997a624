/**
 * Verifying a Sigstore bundle offline: the signature, the certificate chain to a trusted root read
 * from a file (`gh attestation trusted-root`), a verified timestamp, and the signer's identity as
 * Fulcio wrote it into the certificate (the GitHub workflow extensions). Every way a bundle can be
 * wrong is a `BundleError` with a one-line reason; nothing here judges the predicate.
 */
import { bundleFromJSON, type Bundle } from '@sigstore/bundle';
import { RFC3161Timestamp, X509Certificate } from '@sigstore/core';
import { TrustedRoot } from '@sigstore/protobuf-specs';
import { Verifier, toSignedEntity, toTrustMaterial, type Signer } from '@sigstore/verify';
import { errorFirstLine } from '../errors.js';
import { isRecord } from '../model/json.js';

/** A bundle that is malformed, tampered with, or signed by someone the trusted root does not vouch for. */
export class BundleError extends Error {
  override name = 'BundleError';
}

/** Fulcio's certificate extensions for a workflow identity (sigstore/fulcio docs/oid-info.md). */
const OID = {
  issuer: '1.3.6.1.4.1.57264.1.8',
  buildSignerUri: '1.3.6.1.4.1.57264.1.9',
  sourceRepositoryUri: '1.3.6.1.4.1.57264.1.12',
  sourceRepositoryDigest: '1.3.6.1.4.1.57264.1.13',
  sourceRepositoryRef: '1.3.6.1.4.1.57264.1.14',
  buildConfigUri: '1.3.6.1.4.1.57264.1.18',
} as const;

/** Who signed, as the certificate says. */
export interface SignerIdentity {
  /** The certificate's SAN: for a GitHub workflow, the workflow file's URI with its ref. */
  subjectAlternativeName?: string;
  issuer?: string;
  /** The workflow that signed (for a reusable workflow, the called one): `https://github.com/o/r/.github/workflows/x.yml@ref`. */
  buildSignerUri?: string;
  /** The repository whose run signed: `https://github.com/o/r`. */
  sourceRepositoryUri?: string;
  sourceRepositoryDigest?: string;
  sourceRepositoryRef?: string;
  /** The top-level workflow of the run. */
  buildConfigUri?: string;
}

export interface VerifiedBundle {
  /** The DSSE payload, parsed: the in-toto statement that was signed. */
  statement: unknown;
  signer: SignerIdentity;
  /** The earliest verified time the signature existed (a timestamp authority's or a log's). */
  signedAt: Date;
}

/** Parses a trusted root file: one JSON object, or JSON Lines (one root per line, as `gh attestation trusted-root` writes). */
export function parseTrustedRoots(text: string): TrustedRoot[] {
  const docs: unknown[] = [];
  try {
    docs.push(JSON.parse(text));
  } catch {
    for (const line of text.split('\n')) if (line.trim()) docs.push(JSON.parse(line));
  }
  const roots = docs.map((d) => TrustedRoot.fromJSON(d));
  if (!roots.length || roots.some((r) => !r.certificateAuthorities.length))
    throw new BundleError('the trusted root names no certificate authority');
  return roots;
}

/** Verifies `bundleJson` against any of `roots`; throws BundleError with the reason when none accepts it. */
export function verifyBundle(bundleJson: unknown, roots: readonly TrustedRoot[]): VerifiedBundle {
  let bundle: Bundle;
  try {
    bundle = bundleFromJSON(bundleJson);
  } catch (error) {
    throw new BundleError(`not a Sigstore bundle: ${errorFirstLine(error)}`);
  }
  if (bundle.content.$case !== 'dsseEnvelope')
    throw new BundleError('the bundle holds no DSSE envelope (no attestation)');
  const envelope = bundle.content.dsseEnvelope;
  if (envelope.payloadType !== 'application/vnd.in-toto+json')
    throw new BundleError(
      `the envelope's payload type is ${JSON.stringify(envelope.payloadType)}, not an in-toto statement`,
    );
  let signer: Signer | undefined;
  let lastError: unknown;
  for (const root of roots) {
    try {
      signer = new Verifier(toTrustMaterial(root), policyFor(root)).verify(toSignedEntity(bundle));
      break;
    } catch (error) {
      lastError = error;
    }
  }
  if (!signer) throw new BundleError(`the signature does not verify: ${errorFirstLine(lastError)}`);
  let statement: unknown;
  try {
    statement = JSON.parse(envelope.payload.toString('utf8'));
  } catch {
    throw new BundleError('the signed payload is not JSON');
  }
  return { statement, signer: identityOf(bundle), signedAt: signedAt(bundle) };
}

/**
 * What a root requires, as `gh attestation verify` does: Sigstore's public instance has a
 * transparency log (an entry in it is required, and a certificate-transparency proof when the root
 * has a CT log); GitHub's own instance has none and relies on its timestamp authority.
 */
function policyFor(root: TrustedRoot) {
  return {
    tlogThreshold: root.tlogs.length ? 1 : 0,
    ctlogThreshold: root.ctlogs.length ? 1 : 0,
    timestampThreshold: 1,
  };
}

function leafCertificate(bundle: Bundle): X509Certificate {
  const material = bundle.verificationMaterial.content;
  const raw =
    material.$case === 'certificate'
      ? material.certificate.rawBytes
      : material.$case === 'x509CertificateChain'
        ? material.x509CertificateChain.certificates[0]?.rawBytes
        : undefined;
  if (!raw) throw new BundleError('the bundle carries no signing certificate: no workflow identity to check');
  return X509Certificate.parse(Buffer.from(raw));
}

function identityOf(bundle: Bundle): SignerIdentity {
  const cert = leafCertificate(bundle);
  const text = (oid: string) => {
    const ext = cert.extension(oid);
    return ext ? derUtf8String(ext.value) : undefined;
  };
  const identity: SignerIdentity = {
    subjectAlternativeName: cert.subjectAltName,
    issuer: text(OID.issuer),
    buildSignerUri: text(OID.buildSignerUri),
    sourceRepositoryUri: text(OID.sourceRepositoryUri),
    sourceRepositoryDigest: text(OID.sourceRepositoryDigest),
    sourceRepositoryRef: text(OID.sourceRepositoryRef),
    buildConfigUri: text(OID.buildConfigUri),
  };
  return Object.fromEntries(Object.entries(identity).filter(([, v]) => v !== undefined));
}

/** Fulcio's v2 extensions hold a DER UTF8String (tag 12); anything else is not an identity we read. */
function derUtf8String(value: Buffer): string | undefined {
  if (value.length < 2 || value[0] !== 0x0c) return undefined;
  let length = value[1]!;
  let start = 2;
  if (length & 0x80) {
    const bytes = length & 0x7f;
    if (bytes < 1 || bytes > 2 || value.length < 2 + bytes) return undefined;
    length = bytes === 1 ? value[2]! : value.readUInt16BE(2);
    start = 2 + bytes;
  }
  return start + length === value.length ? value.subarray(start).toString('utf8') : undefined;
}

/** The earliest verified timestamp: the verifier has already checked each one it counted. */
function signedAt(bundle: Bundle): Date {
  const times: number[] = [];
  for (const entry of bundle.verificationMaterial.tlogEntries) {
    const t = Number(entry.integratedTime);
    if (t > 0) times.push(t * 1000);
  }
  for (const ts of bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? [])
    times.push(RFC3161Timestamp.parse(Buffer.from(ts.signedTimestamp)).signingTime.getTime());
  if (!times.length) throw new BundleError('the bundle has no timestamp');
  return new Date(Math.min(...times));
}

/** The statement's parts `verify` reads, checked for shape (a bundle's payload is untrusted JSON). */
export function statementParts(statement: unknown): {
  type: unknown;
  predicateType: unknown;
  subjects: { name: string; digest: Record<string, string> }[];
  predicate: unknown;
} {
  if (!isRecord(statement)) throw new BundleError('the signed payload is not an in-toto statement');
  const subjects = Array.isArray(statement.subject) ? statement.subject : [];
  return {
    type: statement._type,
    predicateType: statement.predicateType,
    subjects: subjects.flatMap((s) =>
      isRecord(s) && isRecord(s.digest)
        ? [
            {
              name: typeof s.name === 'string' ? s.name : '',
              digest: Object.fromEntries(
                Object.entries(s.digest).filter((e): e is [string, string] => typeof e[1] === 'string'),
              ),
            },
          ]
        : [],
    ),
    predicate: statement.predicate,
  };
}
