import { beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { PREDICATE_TYPE, STATEMENT_TYPE, type Statement } from '../../src/attest/predicate.js';
import { statementPathFor } from '../../src/attest/write.js';
import { runCliCaptured } from '../support/run-cli.js';
import { validateAttestationPredicate } from '../support/schemas.js';
import { VENDOR_REPOSITORY, vendorCheckout } from './fixture-repo.js';

let checkout: Awaited<ReturnType<typeof vendorCheckout>>;
let statement: Statement;
let predicateText: string;

beforeAll(async () => {
  checkout = await vendorCheckout();
  await fs.writeFile(path.join(checkout.dir, 'release.tgz'), 'release bytes');
  const run = await runCliCaptured(
    [
      'scan',
      '.',
      '--format',
      'json',
      '--output',
      'report.json',
      '--tracked-only',
      '--attestation-predicate',
      'out/sscop.predicate.json',
      '--attestation-subject',
      'release.tgz',
    ],
    { cwd: checkout.dir },
  );
  expect(run.stderr).toContain('attestation predicate written to out/sscop.predicate.json');
  predicateText = await fs.readFile(path.join(checkout.dir, 'out/sscop.predicate.json'), 'utf8');
  statement = JSON.parse(
    await fs.readFile(path.join(checkout.dir, 'out/sscop.predicate.statement.json'), 'utf8'),
  );
});

describe('the attestation statement', () => {
  it('is an in-toto Statement v1 about the scanned commit, with the artifact by sha256', () => {
    expect(statement._type).toBe(STATEMENT_TYPE);
    expect(statement.predicateType).toBe(PREDICATE_TYPE);
    expect(statement.subject).toEqual([
      { name: VENDOR_REPOSITORY, digest: { gitCommit: checkout.sha } },
      { name: 'release.tgz', digest: { sha256: createHash('sha256').update('release bytes').digest('hex') } },
    ]);
  });

  it('writes the predicate alone to the file given (what actions/attest signs), the same as in the statement', () => {
    expect(JSON.parse(predicateText)).toEqual(statement.predicate);
  });

  it('validates against the published predicate schema', () => {
    expect(validateAttestationPredicate(statement.predicate)).toEqual([]);
  });

  it('holds every one of the 45 claims, each with a status', () => {
    const ids = statement.predicate.claims.map((c) => c.id);
    expect(new Set(ids).size).toBe(45);
    expect(statement.predicate.claims.find((c) => c.id === '1.1.2')?.status).toBe('attested');
  });

  it('says which OSPS Baseline controls the claims support, as the report does, under predicate 1.1', async () => {
    const report = JSON.parse(await fs.readFile(path.join(checkout.dir, 'report.json'), 'utf8'));
    expect(statement.predicate.predicateVersion).toBe('1.1');
    expect(statement.predicate.ospsBaseline).toEqual(report.ospsBaseline);
    const claimStatus = new Map(statement.predicate.claims.map((c) => [c.id, c.status]));
    for (const control of statement.predicate.ospsBaseline!.controls)
      for (const r of control.mappedTo) if (r.kind === 'claim') expect(r.status).toBe(claimStatus.get(r.id));
  });

  it('names each file observed with the git blob it was read from at the commit', () => {
    const files = statement.predicate.checks.flatMap((c) => c.observations).filter((o) => o.kind === 'file');
    expect(files.length).toBeGreaterThan(1);
    for (const o of files)
      expect(o.digest?.gitBlob).toBe(checkout.git('rev-parse', `${checkout.sha}:${o.path}`));
  });

  it('records the inputs that shaped the verdict: config digest, suppressions and attestations with reasons', async () => {
    const { inputs, tool } = statement.predicate;
    const config = await fs.readFile(path.join(checkout.dir, '.github/sscop.yml'));
    expect(inputs.config.digest).toEqual({ sha256: createHash('sha256').update(config).digest('hex') });
    expect(inputs.threshold).toBe(0);
    expect(inputs.suppressions).toEqual([
      expect.objectContaining({
        check: 'pinned-actions',
        path: '.github/workflows/ci.yml',
        reason: 'Our own action, released from a protected tag.',
        source: 'config',
      }),
    ]);
    expect(inputs.attestations).toEqual([
      {
        claim: '1.1.2',
        note: 'All developers complete secure development training yearly.',
        path: 'SECURITY.md',
      },
    ]);
    expect(inputs.notApplicable).toEqual([
      { claim: '2.1.2', reason: expect.stringContaining('No build environment') },
    ]);
    expect(tool.rulePack.digest.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('says what was not observed and why (offline: the API checks)', () => {
    const notObserved = statement.predicate.notObserved.map((n) => n.check);
    expect(notObserved).toContain('branch-protection');
    expect(statement.predicate.notObserved.every((n) => n.reason && n.howToObserve)).toBe(true);
  });

  it('puts the statement beside the predicate', () => {
    expect(statementPathFor('a/sscop.json')).toBe('a/sscop.statement.json');
    expect(statementPathFor('predicate')).toBe('predicate.statement.json');
  });
});
