import { beforeAll, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { runVerify } from '../../src/cli/verify.js';
import type { Statement } from '../../src/attest/predicate.js';
import { startTestSigstore, type TestSigstore, type WorkflowIdentity } from '../support/sigstore-signer.js';
import { runCliCaptured } from '../support/run-cli.js';
import { VENDOR_REPOSITORY, vendorCheckout } from './fixture-repo.js';

const WORKFLOW = '.github/workflows/sscop.yml';
const DAY = 24 * 60 * 60 * 1000;
let sigstore: TestSigstore;
let dir: string;
let sha: string;
let statement: Statement;
let identity: WorkflowIdentity;

beforeAll(async () => {
  const checkout = await vendorCheckout();
  ({ dir, sha } = checkout);
  const scan = await runCliCaptured(
    ['scan', '.', '--tracked-only', '--output', 'report.txt', '--attestation-predicate', 'p.json'],
    { cwd: dir },
  );
  expect(scan.code).toBe(0);
  statement = JSON.parse(await fs.readFile(path.join(dir, 'p.statement.json'), 'utf8'));
  sigstore = await startTestSigstore();
  identity = { repository: VENDOR_REPOSITORY, workflowPath: WORKFLOW, ref: 'refs/heads/main', commit: sha };
  await fs.writeFile(path.join(dir, 'trusted_root.jsonl'), `${sigstore.trustedRoot}\n`);
  await profile(
    'profile.yml',
    `signer:\n  workflow: ${WORKFLOW}\nclaims: ['1.1.2']\nattested-counts-as-met: true\nmaximum-age-days: 30\n`,
  );
});

const profile = (name: string, text: string) => fs.writeFile(path.join(dir, name), text);

async function bundleFile(name: string, bundle: unknown): Promise<string> {
  await fs.writeFile(path.join(dir, name), JSON.stringify(bundle));
  return name;
}

/** Runs `sscop verify` as the customer would, at `now`. */
async function verify(bundle: string, extra: string[] = [], now = new Date()) {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: (t: string) => void (stdout += t),
    stderr: (t: string) => void (stderr += t),
    env: {},
    stdoutIsTTY: false,
    stderrIsTTY: false,
    cwd: dir,
  };
  const args = [
    bundle,
    '--profile',
    'profile.yml',
    '--repo',
    VENDOR_REPOSITORY,
    '--trusted-root',
    'trusted_root.jsonl',
    ...extra,
  ];
  let code: number;
  try {
    code = await runVerify(args, io, now);
  } catch (error) {
    // The CLI's dispatcher turns a UserError into exit 2 with its line; the same path as runCli.
    return { code: 2, stdout, stderr: (error as Error).message };
  }
  return { code, stdout, stderr };
}

describe('sscop verify', () => {
  it('accepts a genuine attestation that meets the profile, saying what it verified', async () => {
    const file = await bundleFile('good.json', await sigstore.signStatement(statement, identity));
    const run = await verify(file, ['--commit', sha]);
    expect(run.stdout).toContain(`✓ signer: ${VENDOR_REPOSITORY}/${WORKFLOW} at refs/heads/main`);
    expect(run.stdout).toContain('✓ claim 1.1.2 met: attested');
    expect(run.stdout).toContain('Verdict: accepted');
    expect(run.code).toBe(0);
  });

  it('through the sscop command line too, with JSON output', async () => {
    const file = await bundleFile('good-cli.json', await sigstore.signStatement(statement, identity));
    const run = await runCliCaptured(
      [
        'verify',
        file,
        '--profile',
        'profile.yml',
        '--repo',
        VENDOR_REPOSITORY,
        '--trusted-root',
        'trusted_root.jsonl',
        '--format',
        'json',
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      passed: true,
      commit: sha,
      requirements: [{ requirement: 'claim 1.1.2 met', met: true }, { met: true }],
    });
  });

  it('rejects a predicate changed by one byte after signing (exit 2)', async () => {
    const bundle = await sigstore.signStatement(statement, identity);
    const envelope = bundle.dsseEnvelope as { payload: string };
    const payload = Buffer.from(envelope.payload, 'base64');
    const at = payload.indexOf('"score":') + '"score":'.length;
    payload[at] = payload[at] === 0x39 ? 0x38 : payload[at]! + 1; // one digit of the score
    envelope.payload = payload.toString('base64');
    const run = await verify(await bundleFile('tampered.json', bundle));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^not verified: the signature does not verify/);
  });

  it("rejects a bundle signed by another repository's workflow (exit 2)", async () => {
    const other = await sigstore.signStatement(statement, { ...identity, repository: 'mallory/widget' });
    const run = await verify(await bundleFile('other.json', other));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `not verified: wrong signer: signed by a workflow run in mallory/widget, not ${VENDOR_REPOSITORY}`,
    );
  });

  it('rejects a bundle signed by another workflow of the right repository, when the profile names one (exit 2)', async () => {
    const other = await sigstore.signStatement(statement, {
      ...identity,
      workflowPath: '.github/workflows/anything.yml',
    });
    const run = await verify(await bundleFile('other-workflow.json', other));
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `not verified: wrong signer: signed by .github/workflows/anything.yml, the profile requires ${WORKFLOW}`,
    );
  });

  it('rejects an attestation about another commit than the one asked for (exit 2)', async () => {
    const file = await bundleFile('good-2.json', await sigstore.signStatement(statement, identity));
    const run = await verify(file, ['--commit', 'f'.repeat(40)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `not verified: wrong subject: the attestation is about commit ${sha}, not ${'f'.repeat(40)}`,
    );
  });

  it('rejects a statement whose subject digest is not the commit its predicate names (exit 2)', async () => {
    const forged = {
      ...statement,
      subject: [{ name: VENDOR_REPOSITORY, digest: { gitCommit: 'e'.repeat(40) } }],
    };
    const run = await verify(
      await bundleFile('subject.json', await sigstore.signStatement(forged, identity)),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      `not verified: wrong subject: the statement's subject is commit ${'e'.repeat(40)}, its predicate ${sha}`,
    );
  });

  it('fails an attestation older than the profile allows (exit 1, the age requirement named)', async () => {
    const file = await bundleFile('old.json', await sigstore.signStatement(statement, identity));
    const run = await verify(file, [], new Date(Date.now() + 40 * DAY));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/✗ signed within 30 days: signed .*, \d+ day\(s\) ago/);
    expect(run.stdout).toContain('Verdict: not accepted — 1 of 2 requirement(s) not met.');
  });

  it('fails when a required principle is not met, and when attested evidence is not accepted as met (exit 1)', async () => {
    const unmet = statement.predicate.principles.find(
      (p) => p.status === 'unknown' || p.status === 'not-met',
    )!;
    await profile(
      'strict.yml',
      `principles: ['${unmet.id}']\nclaims: ['1.1.2']\nminimum-coverage: 90\nsuppressions-allowed: false\n`,
    );
    const file = await bundleFile('good-3.json', await sigstore.signStatement(statement, identity));
    const run = await verify(file, ['--profile', 'strict.yml']);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(`✗ principle ${unmet.id} met: ${unmet.status}`);
    expect(run.stdout).toContain('✗ claim 1.1.2 met: attested');
    expect(run.stdout).toMatch(/✗ coverage at least 90%: \d+% \(\d+ of \d+ claims observed\)/);
    expect(run.stdout).toContain('✗ no suppressed findings: 1 finding(s) suppressed');
  });

  it('rejects a file that is not a Sigstore bundle, with one line (exit 2)', async () => {
    const run = await verify(await bundleFile('junk.json', { hello: 'world' }));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^not verified: not a Sigstore bundle: [^\n]+$/);
  });
});

describe('sscop verify with the JSON Lines file gh attestation download writes', () => {
  const provenance = {
    _type: 'https://in-toto.io/Statement/v1',
    subject: [{ name: 'widget.tgz', digest: { sha256: 'a'.repeat(64) } }],
    predicateType: 'https://slsa.dev/provenance/v1',
    predicate: { buildDefinition: {}, runDetails: {} },
  };

  async function jsonLines(name: string, bundles: unknown[]): Promise<string> {
    await fs.writeFile(path.join(dir, name), bundles.map((b) => `${JSON.stringify(b)}\n`).join(''));
    return name;
  }

  function tamper(bundle: Record<string, unknown>): Record<string, unknown> {
    const envelope = bundle.dsseEnvelope as { payload: string };
    const payload = Buffer.from(envelope.payload, 'base64');
    const at = payload.indexOf('"score":') + '"score":'.length;
    payload[at] = payload[at] === 0x39 ? 0x38 : payload[at]! + 1;
    envelope.payload = payload.toString('base64');
    return bundle;
  }

  it('picks our attestation among the others (build provenance) and says which line it judged', async () => {
    const file = await jsonLines('download.jsonl', [
      await sigstore.signStatement(provenance, identity),
      await sigstore.signStatement(statement, identity),
    ]);
    const run = await verify(file, ['--commit', sha]);
    expect(run.stdout).toContain(
      '· judged line 2 of download.jsonl: the newest of 1 Code of Practice attestation(s) that verifies, among 2 bundles',
    );
    expect(run.stdout).toContain('Verdict: accepted');
    expect(run.code).toBe(0);
  });

  it('says clearly when no bundle in the file is a Code of Practice attestation (exit 2)', async () => {
    const file = await jsonLines('provenance-only.jsonl', [
      await sigstore.signStatement(provenance, identity),
      await sigstore.signStatement(
        { ...provenance, predicateType: 'https://spdx.dev/Document/v2.3' },
        identity,
      ),
    ]);
    const run = await verify(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'not verified: none of the 2 bundles in provenance-only.jsonl is a Code of Practice attestation ' +
        '(https://sscop.invalid/attestation/code-of-practice/v1); their predicate types: ' +
        '"https://slsa.dev/provenance/v1", "https://spdx.dev/Document/v2.3"',
    );
  });

  it('judges the one of ours that verifies, naming the one set aside and why', async () => {
    const file = await jsonLines('one-tampered.jsonl', [
      tamper(await sigstore.signStatement(statement, identity)),
      await sigstore.signStatement(provenance, identity),
      await sigstore.signStatement(statement, identity),
    ]);
    const run = await verify(file);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('· judged line 3 of one-tampered.jsonl: the newest of 2');
    expect(run.stdout).toMatch(/· line 1 set aside: the signature does not verify/);
  });

  it('fails with the first reason when none of ours verifies (exit 2)', async () => {
    const file = await jsonLines('none-verify.jsonl', [
      await sigstore.signStatement(statement, { ...identity, repository: 'mallory/widget' }),
      tamper(await sigstore.signStatement(statement, identity)),
    ]);
    const run = await verify(file);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'not verified: none of the 2 Code of Practice attestations in none-verify.jsonl verifies; ' +
        `line 1: wrong signer: signed by a workflow run in mallory/widget, not ${VENDOR_REPOSITORY}`,
    );
  });

  it('reads a line in the GitHub API shape ({ bundle, repository_id }) too', async () => {
    const file = await jsonLines('api-shape.jsonl', [
      { bundle: await sigstore.signStatement(provenance, identity), repository_id: 1 },
      { bundle: await sigstore.signStatement(statement, identity), repository_id: 1 },
    ]);
    const run = await verify(file, ['--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).bundle).toEqual({
      file: 'api-shape.jsonl',
      line: 2,
      bundles: 2,
      ours: 1,
      rejected: [],
    });
  });

  it('rejects a file with a line that is not JSON, naming the line (exit 2)', async () => {
    const good = JSON.stringify(await sigstore.signStatement(statement, identity));
    await fs.writeFile(path.join(dir, 'broken.jsonl'), `${good}\n{not json\n`);
    const run = await verify('broken.jsonl');
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('not verified: broken.jsonl is neither JSON nor JSON Lines (line 2 is not JSON)');
  });
});
