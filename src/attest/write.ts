/**
 * Writing the attestation (the CLI's `--attestation-predicate`, the action's `attestation-predicate`):
 * the I/O edge that reads what the pure builder needs — blob ids at the commit, artifact digests,
 * the rule pack's digest — and writes the predicate (what `actions/attest` signs) and, beside it,
 * the unsigned in-toto Statement.
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { UserError, errorFirstLine } from '../errors.js';
import { blobIdsAtCommit } from '../repo/git.js';
import type { Report } from '../report/report.js';
import { rulePackSha256 } from '../rules/pack.js';
import { buildPredicate, buildStatement, evidencePaths, type Statement, type Subject } from './predicate.js';

export interface AttestationRequest {
  /** The scanned directory (git runs there; paths in the report are from the repository's root). */
  root: string;
  /** Where the predicate goes; the statement is written beside it (statementPathFor). */
  predicatePath: string;
  gateInputs: { failOn: readonly string[]; configSha256?: string };
  /** Release artifacts to name as subjects by sha256. */
  artifacts?: readonly string[];
}

/** `sscop.predicate.json` → `sscop.predicate.statement.json`. */
export function statementPathFor(predicatePath: string): string {
  return predicatePath.replace(/(\.json)?$/i, '.statement.json');
}

/** Builds and writes the predicate and the statement; returns the statement and where it went. */
export async function writeAttestation(
  report: Report,
  request: AttestationRequest,
): Promise<{ statement: Statement; statementPath: string }> {
  const blobs = report.commit
    ? await blobIdsAtCommit(request.root, report.commit, evidencePaths(report))
    : new Map<string, string>();
  const predicate = buildPredicate(report, {
    failOn: request.gateInputs.failOn,
    ...(request.gateInputs.configSha256 ? { configSha256: request.gateInputs.configSha256 } : {}),
    rulePackSha256: rulePackSha256(),
    blobs,
  });
  const artifacts = await Promise.all((request.artifacts ?? []).map(artifactSubject));
  const statement = buildStatement(predicate, artifacts);
  const statementPath = statementPathFor(request.predicatePath);
  await fs.mkdir(path.dirname(request.predicatePath), { recursive: true });
  await fs.writeFile(request.predicatePath, `${JSON.stringify(predicate, null, 2)}\n`);
  await fs.writeFile(statementPath, `${JSON.stringify(statement, null, 2)}\n`);
  return { statement, statementPath };
}

/** An artifact as a subject: its file name and the sha256 of its bytes (streamed: releases can be large). */
async function artifactSubject(file: string): Promise<Subject> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (error) {
    throw new UserError(`attestation subject ${file}: ${errorFirstLine(error)}`);
  }
  return { name: path.basename(file), digest: { sha256: hash.digest('hex') } };
}

/**
 * What the job summary says when the workflow cannot sign: GitHub gives a job an OIDC token only
 * with `id-token: write` (the runner then sets ACTIONS_ID_TOKEN_REQUEST_URL), and storing the
 * attestation needs `attestations: write`.
 */
export function signingPermissionNote(env: Readonly<Record<string, string | undefined>>): string | undefined {
  if (env.ACTIONS_ID_TOKEN_REQUEST_URL) return undefined;
  return (
    'the attestation predicate was written but cannot be signed in this job: it has no OIDC token. ' +
    'Give the job `permissions: id-token: write` and `attestations: write` and sign it with actions/attest ' +
    '(see the README, "Signed attestation"); until then the statement beside it is unsigned'
  );
}
