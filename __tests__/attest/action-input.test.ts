import { describe, expect, it } from '@jest/globals';
import { readInputs } from '../../src/action/inputs.js';
import { signingPermissionNote } from '../../src/attest/write.js';

const inputs = (values: Record<string, string>) => readInputs((name) => values[name] ?? '');

describe('the attestation-predicate input', () => {
  it('is read into the typed inputs when set, and absent when not', () => {
    expect(inputs({ 'attestation-predicate': ' sscop.predicate.json ' }).attestationPredicate).toBe(
      'sscop.predicate.json',
    );
    expect(inputs({}).attestationPredicate).toBeUndefined();
  });
});

describe('the summary note when the job cannot sign', () => {
  it('names the missing permissions when the runner gave the job no OIDC token', () => {
    expect(signingPermissionNote({})).toMatch(/id-token: write.*attestations: write/);
  });

  it('says nothing when the job can request an OIDC token', () => {
    expect(
      signingPermissionNote({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x' }),
    ).toBeUndefined();
  });
});
