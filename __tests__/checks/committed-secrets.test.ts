import { describe, expect, it } from '@jest/globals';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { committedSecrets, MAX_SCAN_BYTES, secretScanner } from '../../src/checks/committed-secrets.js';
import { ANY_CREDENTIAL_MARKER } from '../../src/evidence/credential-formats.js';
import { decodeText } from '../../src/repo/read-file.js';
import { seededChoices } from '../support/seeded.js';
import { fixture, runCheckOnDir, runCheckOnFiles } from '../support/run-check.js';
import { githubStyleToken, randomBase62 } from '../support/tokens.js';

// Every credential-shaped value is built at run time, so this repository holds none.
const U = '_';

function awsKeyId(): string {
  const alphabet = 'BCDFGHJKLMNPQRSTVWXYZ234567';
  return 'AK' + 'IA' + [...randomBytes(16)].map((b) => alphabet[b % alphabet.length]).join('');
}

function awsSecret(): string {
  // Random base64, with a digit and both cases guaranteed so the pairing heuristic always applies.
  // Vowels replaced too: a random value must not spell a placeholder word ("fake", "example"…).
  return (
    '7aQ' +
    randomBytes(30)
      .toString('base64')
      .slice(0, 37)
      .replace(/[=aeiouAEIOU]/g, 'Q')
  );
}

function pemPrivateKey(): string {
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
}

describe('committed-secrets', () => {
  it('reports a GitHub token with its path, line and column', () => {
    const token = githubStyleToken('ghp');
    const outcome = runCheckOnFiles(committedSecrets, {
      'scripts/release.sh': `#!/bin/sh\nexport GH_TOKEN=${token}\n`,
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({
      severity: 'critical',
      path: 'scripts/release.sh',
      line: 2,
      column: 'export GH_TOKEN='.length + 1,
    });
  });

  it('shows only the prefix and last four characters of a token', () => {
    const token = githubStyleToken('ghp');
    const outcome = runCheckOnFiles(committedSecrets, { 'app.py': `TOKEN = "${token}"\n` });
    expect(outcome.findings[0]?.message).toContain(`ghp${U}…${token.slice(-4)}`);
  });

  it('never puts a secret value in any part of its outcome', () => {
    const secrets = [
      githubStyleToken('ghp'),
      githubStyleToken('npm'),
      `github${U}pat${U}${randomBase62(22)}${U}${randomBase62(59)}`,
      `sk${U}live${U}${randomBase62(32)}`,
      `xo` + `xb-${Date.now()}-${randomBase62(24)}`,
      `gl` + `pat-${randomBase62(20)}`,
      `py` + `pi-AgEIcHlwaS5vcmc${randomBase62(60)}`,
      awsKeyId(),
      awsSecret(),
    ];
    const pem = pemPrivateKey();
    const body = pem.split('\n')[1]!;
    const outcome = runCheckOnFiles(committedSecrets, {
      '.env': secrets
        .map((s, i) => `SECRET_${i}=${s}`)
        .join('\n')
        .replace('SECRET_8', 'AWS_SECRET_ACCESS_KEY'),
      'deploy/key.pem': pem,
    });
    expect(outcome.status).toBe('fail');
    // Eight tokens (the AWS id and its secret make one finding) and the key block.
    expect(outcome.findings).toHaveLength(9);
    const json = JSON.stringify(outcome);
    for (const secret of secrets) {
      expect(json).not.toContain(secret);
      expect(json).not.toContain(secret.slice(8, 20));
    }
    expect(json).not.toContain(body.slice(0, 20));
  });

  it('ignores a GitHub-shaped token whose checksum does not match', () => {
    const token = githubStyleToken('ghp');
    const broken = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    const outcome = runCheckOnFiles(committedSecrets, { 'app.js': `const t = '${broken}';\n` });
    expect(outcome.findings).toEqual([]);
    expect(outcome.status).toBe('pass');
  });

  it("ignores the AWS documentation's example credentials and placeholder key blocks", async () => {
    const outcome = await runCheckOnDir(
      committedSecrets,
      fixture('committed-secrets', 'documented-examples'),
    );
    expect(outcome.findings).toEqual([]);
    expect(outcome.status).toBe('pass');
  });

  it('ignores tokens marked as examples, dummies or fakes, and runs of one character', () => {
    const outcome = runCheckOnFiles(committedSecrets, {
      'docs.ts': [
        `const a = 'sk${U}live${U}EXAMPLE${randomBase62(20)}';`,
        `const b = 'xo` + `xb-123456789012-dummy${randomBase62(12)}';`,
        `const c = 'gl` + `pat-fake${randomBase62(16)}';`,
        `const d = 'npm${U}${'x'.repeat(36)}';`,
      ].join('\n'),
    });
    expect(outcome.findings).toEqual([]);
  });

  it('raises an AWS access key id to critical when its secret access key is next to it', () => {
    const outcome = runCheckOnFiles(committedSecrets, {
      'config/credentials.ini': `[default]\naws_access_key_id = ${awsKeyId()}\naws_secret_access_key = ${awsSecret()}\n`,
    });
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({ severity: 'critical', line: 2 });
    expect(outcome.findings[0]?.message).toContain('with its secret access key');
  });

  it('pairs an AWS access key id with a secret access key anywhere in the same file', () => {
    const lines = [
      `"accessKeyId": "${awsKeyId()}",`,
      ...Array<string>(20).fill('"region": "eu-west-2",'),
      `"secretAccessKey": "${awsSecret()}"`,
    ];
    const outcome = runCheckOnFiles(committedSecrets, { 'config/aws.json': `{\n${lines.join('\n')}\n}\n` });
    expect(outcome.findings[0]).toMatchObject({ severity: 'critical', line: 2 });
  });

  it('reports an AWS access key id on its own as low, since the id alone does not authenticate', () => {
    const outcome = runCheckOnFiles(committedSecrets, {
      'infra/main.tf': `locals {\n  key = "${awsKeyId()}"\n}\n`,
    });
    expect(outcome.status).toBe('partial');
    expect(outcome.findings[0]).toMatchObject({ severity: 'low', path: 'infra/main.tf', line: 2 });
    expect(outcome.findings[0]?.message).toContain('no secret access key');
  });

  it('ignores the key id of a pre-signed S3 URL', () => {
    const url = `https://bucket.s3.amazonaws.com/f.tgz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=${awsKeyId()}%2F20190509%2Fus-east-1%2Fs3%2Faws4_request`;
    const outcome = runCheckOnFiles(committedSecrets, { 'fixtures.json': `{"download_url": "${url}"}` });
    expect(outcome.findings).toEqual([]);
  });

  it('reports a private key block that has a body', () => {
    const outcome = runCheckOnFiles(committedSecrets, { 'deploy/server.key': `\n${pemPrivateKey()}` });
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({
      severity: 'critical',
      path: 'deploy/server.key',
      line: 2,
      column: 1,
    });
    expect(outcome.findings[0]?.message).toContain('Private key');
  });

  it('names a Google Cloud service account key found inside JSON', () => {
    const escaped = pemPrivateKey().replace(/\n/g, '\\n');
    const json = `{\n  "type": "service_account",\n  "project_id": "demo",\n  "private_key": "${escaped}"\n}\n`;
    const outcome = runCheckOnFiles(committedSecrets, { 'gcp-key.json': json });
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]).toMatchObject({ severity: 'critical', line: 4 });
    expect(outcome.findings[0]?.message).toContain('Google Cloud service account private key');
  });

  it('notes a private key in test data at low severity and confidence without failing', () => {
    const outcome = runCheckOnFiles(committedSecrets, { 'test/fixtures/keys/agent.pem': pemPrivateKey() });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings[0]).toMatchObject({ severity: 'low', confidence: 'low' });
    expect(outcome.findings[0]?.message).toContain('under fixtures/ (test data)');
  });

  it('notes a private key in example code at low severity and confidence', () => {
    const outcome = runCheckOnFiles(committedSecrets, { 'examples/tls/server.key': pemPrivateKey() });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings[0]).toMatchObject({ severity: 'low', confidence: 'low' });
    expect(outcome.findings[0]?.message).toContain('under examples/ (example code)');
  });

  it("does not fail on a vendored library's test keys, and says which folder makes them so", () => {
    const goSource = `package openpgp\n\nconst testKeys = \`\n${pemPrivateKey()}\`\n`;
    const outcome = runCheckOnFiles(committedSecrets, {
      'vendor/github.com/x/y/openpgp/keys_test_data.go': goSource,
    });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toMatchObject([{ severity: 'low', confidence: 'low', line: 4 }]);
    expect(outcome.findings[0]?.message).toContain('looks like vendored code, under vendor/ (vendored code)');
    expect(outcome.summary).toMatch(/1 credential\(s\) in vendored code or test material noted/);
  });

  it('takes a key file named for tests as test material, naming the file', () => {
    const outcome = runCheckOnFiles(committedSecrets, { 'internal/http/testkey.pem': pemPrivateKey() });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toMatchObject([{ severity: 'low', confidence: 'low' }]);
    expect(outcome.findings[0]?.message).toContain('file name testkey.pem names a test');
  });

  it('treats tokens in test data like keys: reported, never failing', () => {
    const outcome = runCheckOnFiles(committedSecrets, {
      'pkg/auth/testdata/config.json': `{"token": "${githubStyleToken('ghp')}"}\n`,
    });
    expect(outcome.status).toBe('pass');
    expect(outcome.findings).toMatchObject([{ severity: 'low', confidence: 'low' }]);
  });

  it('still fails a real key beside test keys, counting only the real one', () => {
    const outcome = runCheckOnFiles(committedSecrets, {
      'internal/http/testkey.pem': pemPrivateKey(),
      'deploy/server.key': pemPrivateKey(),
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.summary).toMatch(/^1 committed credential\(s\) in 1 file\(s\)/);
    expect(outcome.findings.map((f) => [f.path, f.severity, f.confidence])).toEqual([
      ['deploy/server.key', 'critical', undefined],
      ['internal/http/testkey.pem', 'low', 'low'],
    ]);
  });

  it('does not take a CI workflow or script named for tests as test material', () => {
    const token = githubStyleToken('ghp');
    const outcome = runCheckOnFiles(committedSecrets, {
      '.github/workflows/test.yml': `env:\n  GH_TOKEN: ${token}\n`,
      'scripts/run-tests.sh': `export GH_TOKEN=${token}\n`,
    });
    expect(outcome.status).toBe('fail');
    expect(outcome.findings.map((f) => f.severity)).toEqual(['critical', 'critical']);
  });

  it('treats a Google API key as a low-risk key to restrict, not a failure', () => {
    const outcome = runCheckOnFiles(committedSecrets, {
      'web/firebase.js': `apiKey: "AI` + `za${randomBase62(35)}",\n`,
    });
    expect(outcome.status).toBe('partial');
    expect(outcome.findings[0]).toMatchObject({ severity: 'low' });
  });

  it('finds a token far along a single very long line', () => {
    const token = githubStyleToken('gho');
    const line = `${'a, '.repeat(5000)}"${token}"`;
    const outcome = runCheckOnFiles(committedSecrets, { 'data.json': line });
    expect(outcome.findings).toHaveLength(1);
    expect(outcome.findings[0]?.column).toBe(line.indexOf(token) + 1);
  });

  it('scans hostile input in linear time', () => {
    // CPU time, not wall time: parallel test workers on a busy machine must not make it fail.
    const started = process.cpuUsage();
    runCheckOnFiles(committedSecrets, {
      'a.txt.json': `ghp${U}`.repeat(150_000),
      'b.yml': `-----BEGIN PRIVATE KEY-----${'A'.repeat(900_000)}`,
      'c.py': `xo` + `xb-${'1'.repeat(14)}-`.repeat(40_000),
    });
    const used = process.cpuUsage(started);
    expect((used.user + used.system) / 1000).toBeLessThan(3000);
  });

  it('reads source and configuration files but not lockfiles, minified bundles, dist/ or Markdown', () => {
    const read = (p: string): boolean => committedSecrets.visitor?.wants(p) === true;
    expect(
      ['.env', '.env.production', 'src/app.ts', 'config/app.yml', '.npmrc', 'keys/id_rsa', 'main.tf'].every(
        read,
      ),
    ).toBe(true);
    expect(
      ['package-lock.json', 'yarn.lock', 'static/app.min.js', 'dist/index.js', 'README.md', 'logo.png'].some(
        read,
      ),
    ).toBe(false);
  });

  it('skips files over 1 MiB and says so in its evidence', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-secrets-'));
    try {
      await fs.writeFile(
        path.join(dir, 'big.json'),
        `{"k": "${githubStyleToken('ghp')}", "pad": "${' '.repeat(1_100_000)}"}`,
      );
      await fs.writeFile(path.join(dir, 'small.yml'), 'ok: true\n');
      const outcome = await runCheckOnDir(committedSecrets, dir);
      expect(outcome.findings).toEqual([]);
      expect(outcome.evidence.map((e) => e.summary).join('\n')).toMatch(
        /1 candidate file\(s\) not scanned .*big\.json/,
      );
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });

  it('passes a clean tree read through the collector', async () => {
    const outcome = await runCheckOnDir(committedSecrets, fixture('committed-secrets', 'clean'));
    expect(outcome.status).toBe('pass');
    expect(outcome.summary).toBe('No high-confidence secret in 2 scanned file(s).');
  });

  it('leaves out binary content under a text name, as git tells it (a NUL in the first 8,000 characters)', () => {
    const token = githubStyleToken('ghp');
    const outcome = runCheckOnFiles(committedSecrets, {
      'data.json': `\u0000\u0001 ${token}`,
      'late.json': `${'x'.repeat(8000)}\u0000 ${token}`,
      'app.py': 'print(1)\n',
    });
    expect(outcome.evidence[0]?.summary).toBe(
      'scanned 2 text file(s) for high-confidence credential formats',
    );
    expect(outcome.findings.map((f) => f.path)).toEqual(['late.json']);
  });

  describe('telling from the bytes that a file holds nothing', () => {
    const encode = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));
    const nothing = (bytes: Uint8Array, path = 'a.json', size = bytes.length) =>
      secretScanner.showsNothingIn!(path, bytes, size);

    it('holds because every marker is ASCII and matched case for case', () => {
      expect(ANY_CREDENTIAL_MARKER.flags).toBe('');
      expect(ANY_CREDENTIAL_MARKER.source).toMatch(/^[\x20-\x7e]+$/);
    });

    it('never says nothing where reading the decoded text finds something', () => {
      const token = githubStyleToken('ghp');
      const pieces = [
        'plain text\n',
        'ünïcödé ✓ 𝄞\n',
        token,
        `key: ${awsKeyId()}\n`,
        'xo',
        'x',
        '\u0000',
        '\ufeff',
        '\ud800',
        'ghp',
        '_',
        'PRIVATE KEY',
      ];
      const rawBytes = [[0xc3], [0xe2, 0x82], [0xf0, 0x9f, 0x98], [0xff], [0xfe], [0x80]];
      const next = seededChoices(11);
      let saidNothing = 0;
      for (let i = 0; i < 4000; i++) {
        const parts: number[] = [];
        const count = 1 + next(12);
        for (let j = 0; j < count; j++) {
          if (next(5) === 0) parts.push(...rawBytes[next(rawBytes.length)]!);
          else parts.push(...encode(pieces[next(pieces.length)]!));
          // Now and then a long run, so a NUL can fall on either side of the sniffing window.
          if (next(40) === 0) parts.push(...encode('é'.repeat(3990 + next(20))));
        }
        const bytes = new Uint8Array(parts);
        const visited = secretScanner.visit('a.json', decodeText(bytes), bytes.length);
        if (nothing(bytes)) {
          saidNothing++;
          expect([Buffer.from(bytes).toString('hex'), visited]).toEqual([
            Buffer.from(bytes).toString('hex'),
            undefined,
          ]);
        }
      }
      // The shortcut is taken, and not for everything.
      expect(saidNothing).toBeGreaterThan(400);
      expect(saidNothing).toBeLessThan(4000);
    });

    it('leaves UTF-16, binary-looking, oversized and marked files to the visit', () => {
      expect(nothing(encode('const a = 1;\n'))).toBe(true);
      expect(nothing(encode(`x ${githubStyleToken('ghp')}`))).toBe(false);
      expect(nothing(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toBe(false);
      expect(nothing(new Uint8Array([0xfe, 0xff, 0x00, 0x61]))).toBe(false);
      expect(nothing(encode(`${'é'.repeat(7000)}\u0000`))).toBe(false);
      expect(nothing(encode('ok'), 'big.json', MAX_SCAN_BYTES + 1)).toBe(false);
    });

    it('still counts a file it did not decode as scanned', async () => {
      const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-secrets-'));
      try {
        await fs.writeFile(path.join(dir, 'a.py'), 'print(1)\n');
        await fs.writeFile(path.join(dir, 'b.ts'), 'export const b = 2;\n');
        const outcome = await runCheckOnDir(committedSecrets, dir);
        expect(outcome.summary).toBe('No high-confidence secret in 2 scanned file(s).');
      } finally {
        await fs.rm(dir, { recursive: true, force: true });
      }
    });
  });
});
