/**
 * A Sigstore instance of our own for offline tests: @sigstore/mock's Fulcio-like CA and timestamp
 * authority, a trusted root naming both (as `gh attestation trusted-root` writes for GitHub's
 * instance: no transparency log, a signed timestamp instead), and a signer that wraps a statement
 * in a DSSE envelope and a bundle, as actions/attest does with a workflow's certificate.
 */
import { initializeCA, initializeTSA } from '@sigstore/mock';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';

export const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';

/** A workflow identity as Fulcio writes it for a GitHub Actions run. */
export interface WorkflowIdentity {
  repository: string;
  workflowPath: string;
  ref: string;
  commit: string;
  issuer?: string;
}

export interface TestSigstore {
  /** The trusted root file's content. */
  trustedRoot: string;
  signStatement(statement: unknown, identity: WorkflowIdentity): Promise<Record<string, unknown>>;
}

const PAYLOAD_TYPE = 'application/vnd.in-toto+json';
const SHA256_OID = '2.16.840.1.101.3.4.2.1';

/** The DSSE pre-authentication encoding: what is actually signed. */
function pae(type: string, payload: Buffer): Buffer {
  return Buffer.concat([
    Buffer.from(`DSSEv1 ${Buffer.byteLength(type)} ${type} ${payload.length} `),
    payload,
  ]);
}

const ecKeys = () => generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const b64 = (bytes: ArrayBufferView | Buffer) =>
  Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');

export async function startTestSigstore(): Promise<TestSigstore> {
  // One whole second for every certificate and timestamp: the mock TSA would otherwise write
  // fractional seconds, and a leaf certificate issued a moment after its timestamp is not yet valid.
  const clock = new Date(Math.floor(Date.now() / 1000) * 1000 + 1000);
  const ca = await initializeCA(ecKeys(), undefined, clock);
  const tsa = await initializeTSA(ecKeys(), clock);
  const since = new Date(Date.now() - 60_000).toISOString();
  const trustedRoot = JSON.stringify({
    mediaType: 'application/vnd.dev.sigstore.trustedroot+json;version=0.1',
    tlogs: [],
    ctlogs: [],
    certificateAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'sigstore' },
        uri: 'https://fulcio.test',
        certChain: { certificates: [{ rawBytes: b64(ca.rootCertificate) }] },
        validFor: { start: since },
      },
    ],
    timestampAuthorities: [
      {
        subject: { organization: 'sigstore.mock', commonName: 'tsa' },
        uri: 'https://tsa.test',
        certChain: {
          certificates: [{ rawBytes: b64(tsa.intCertificate) }, { rawBytes: b64(tsa.rootCertificate) }],
        },
        validFor: { start: since },
      },
    ],
  });

  async function signStatement(statement: unknown, id: WorkflowIdentity) {
    const keys = ecKeys();
    const workflowUri = `https://github.com/${id.repository}/${id.workflowPath}@${id.ref}`;
    const cert = await ca.issueCertificate({
      publicKey: keys.publicKey.export({ format: 'der', type: 'spki' }),
      subjectAltName: workflowUri,
      extensions: [
        { oid: '1.3.6.1.4.1.57264.1.8', value: id.issuer ?? GITHUB_ISSUER },
        { oid: '1.3.6.1.4.1.57264.1.9', value: workflowUri },
        { oid: '1.3.6.1.4.1.57264.1.12', value: `https://github.com/${id.repository}` },
        { oid: '1.3.6.1.4.1.57264.1.13', value: id.commit },
        { oid: '1.3.6.1.4.1.57264.1.14', value: id.ref },
        { oid: '1.3.6.1.4.1.57264.1.18', value: workflowUri },
      ],
    });
    const payload = Buffer.from(JSON.stringify(statement));
    const signature = sign('sha256', pae(PAYLOAD_TYPE, payload), keys.privateKey);
    const timestamp = await tsa.timestamp({
      artifactHash: createHash('sha256').update(signature).digest(),
      hashAlgorithmOID: SHA256_OID,
      nonce: 42,
      policyOID: '1.2.3.4',
      certReq: false,
    });
    return {
      mediaType: 'application/vnd.dev.sigstore.bundle.v0.3+json',
      verificationMaterial: {
        certificate: { rawBytes: b64(cert) },
        tlogEntries: [],
        timestampVerificationData: { rfc3161Timestamps: [{ signedTimestamp: b64(timestamp) }] },
      },
      dsseEnvelope: {
        payload: payload.toString('base64'),
        payloadType: PAYLOAD_TYPE,
        signatures: [{ sig: signature.toString('base64'), keyid: '' }],
      },
    };
  }
  return { trustedRoot, signStatement };
}
