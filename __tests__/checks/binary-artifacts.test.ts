import { afterEach, describe, expect, it } from '@jest/globals';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { binaryArtifacts, sniffBinary } from '../../src/checks/binary-artifacts.js';
import { isTestDataPath } from '../../src/evidence/test-material.js';
import { collectRepository } from '../../src/repo/collect.js';
import { fixture, runCheckOnDir } from '../support/run-check.js';

// Binary inputs are written at test time: the repository itself commits no binaries.
const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)]);
const MACHO_64 = Buffer.concat([Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 0x0c, 0, 0, 0x01]), Buffer.alloc(120)]);
const MACHO_FAT = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 2]), Buffer.alloc(120)]);
const JAVA_CLASS = Buffer.concat([Buffer.from([0xca, 0xfe, 0xba, 0xbe, 0, 0, 0, 65]), Buffer.alloc(120)]);
const ZIP = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 8, 0]), Buffer.alloc(120)]);
const WASM = Buffer.concat([Buffer.from([0x00, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), Buffer.alloc(56)]);

function pe(): Buffer {
  const buf = Buffer.alloc(256);
  buf.write('MZ', 0, 'latin1');
  buf.writeUInt32LE(0x80, 0x3c); // e_lfanew
  buf.write('PE\0\0', 0x80, 'latin1');
  return buf;
}

const dirs: string[] = [];

async function tree(files: Record<string, Buffer | string>, from?: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sscop-binary-'));
  dirs.push(dir);
  if (from) await fs.cp(from, dir, { recursive: true });
  for (const [rel, content] of Object.entries(files)) {
    await fs.mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await fs.writeFile(path.join(dir, rel), content);
  }
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => fs.rm(d, { recursive: true, force: true })));
});

describe('binary-artifacts', () => {
  it('finds an ELF, a Mach-O and a PE by their magic bytes behind misleading extensions', async () => {
    const dir = await tree({
      'tools/helper.dat': ELF,
      'vendor/libcodec.1': MACHO_64,
      'assets/update.tmp': pe(),
    });
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.status).toBe('fail');
    expect(outcome.findings.map((f) => [f.path, f.message.split(' committed')[0], f.severity])).toEqual([
      ['assets/update.tmp', 'Windows PE executable or library', 'medium'],
      ['tools/helper.dat', 'ELF executable or library', 'medium'],
      ['vendor/libcodec.1', 'Mach-O executable or library', 'medium'],
    ]);
  });

  it('finds an extensionless executable', async () => {
    const outcome = await runCheckOnDir(binaryArtifacts, await tree({ 'bin/protoc': ELF }));
    expect(outcome.findings[0]).toMatchObject({ path: 'bin/protoc', line: 1 });
  });

  it('tells a fat Mach-O from a Java class file, though both start with CAFEBABE', () => {
    expect(sniffBinary(MACHO_FAT, undefined)).toBe('Mach-O universal binary');
    expect(sniffBinary(JAVA_CLASS, 'class')).toBe('Java class file');
  });

  it('takes no extension for a key of the archive table that it inherits (constructor, __proto__)', () => {
    const zip = new Uint8Array([0x50, 0x4b, 3, 4, 0, 0, 0, 0]);
    for (const ext of ['constructor', 'tostring', '__proto__', 'hasownproperty']) {
      expect(sniffBinary(zip, ext)).toBeUndefined();
    }
    expect(sniffBinary(zip, 'jar')).toBe('Java archive');
  });

  it('reports a ZIP only under an archive extension that carries code', async () => {
    const dir = await tree({
      'libs/client.jar': ZIP,
      'dist/pkg-1.0-py3-none-any.whl': ZIP,
      'docs/examples.zip': ZIP,
    });
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.findings.map((f) => f.path)).toEqual(['dist/pkg-1.0-py3-none-any.whl', 'libs/client.jar']);
  });

  it('does not report a file whose binary extension hides text, such as a Git LFS pointer', async () => {
    const pointer =
      'version https://git-lfs.github.com/spec/v1\noid sha256:' + 'a'.repeat(64) + '\nsize 12345\n';
    const outcome = await runCheckOnDir(
      binaryArtifacts,
      await tree({ 'bin/tool.exe': pointer, 'lib/libfoo.so': 'INPUT(-lfoo)\n' }),
    );
    expect(outcome.findings).toEqual([]);
    expect(outcome.status).toBe('pass');
  });

  it('reads only the first 64 bytes, and only of candidate files', async () => {
    const dir = await tree({
      'bin/tool': ELF,
      'src/index.js': 'export {}\n',
      'README.md': '# Tool\n',
      'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47]),
      'module.wasm': WASM,
    });
    expect(binaryArtifacts.needs('src/index.js')).toBeUndefined();
    expect(binaryArtifacts.needs('logo.png')).toBeUndefined();
    expect(binaryArtifacts.needs('bin/tool')).toBe('head');
    const { readPaths, files } = await collectRepository(dir, (p) => binaryArtifacts.needs(p));
    expect(readPaths).toEqual(['bin/tool', 'module.wasm']);
    expect(files.text('bin/tool')).toBeUndefined();
    expect(files.head('bin/tool')).toHaveLength(64);
  });

  it('explains a Gradle wrapper jar at info level when a workflow validates it', async () => {
    const dir = await tree(
      { 'gradle/wrapper/gradle-wrapper.jar': ZIP },
      fixture('binary-artifacts', 'gradle-validated'),
    );
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.status).toBe('pass');
    expect(outcome.findings[0]).toMatchObject({
      severity: 'info',
      path: 'gradle/wrapper/gradle-wrapper.jar',
    });
    expect(outcome.findings[0]?.message).toContain('.github/workflows/gradle-wrapper.yml:10');
  });

  it('counts setup-gradle v4 (pinned by SHA with a version comment) as wrapper validation', async () => {
    const dir = await tree(
      { 'gradle/wrapper/gradle-wrapper.jar': ZIP },
      fixture('binary-artifacts', 'gradle-setup-v4'),
    );
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.findings[0]?.severity).toBe('info');
  });

  it('suggests wrapper validation for a Gradle wrapper jar no workflow validates', async () => {
    const dir = await tree(
      { 'gradle/wrapper/gradle-wrapper.jar': ZIP },
      fixture('binary-artifacts', 'gradle-unvalidated'),
    );
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.status).toBe('partial');
    expect(outcome.findings[0]).toMatchObject({ severity: 'low', path: 'gradle/wrapper/gradle-wrapper.jar' });
    expect(outcome.findings[0]?.remediation).toContain('gradle/actions/wrapper-validation');
  });

  it('explains a Maven wrapper jar whose checksum the wrapper verifies', async () => {
    const dir = await tree(
      { '.mvn/wrapper/maven-wrapper.jar': ZIP },
      fixture('binary-artifacts', 'maven-checksum'),
    );
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.findings[0]).toMatchObject({ severity: 'info' });
    expect(outcome.findings[0]?.message).toContain('wrapperSha256Sum');
  });

  it('notes binaries in test data at info level, saying so', async () => {
    const dir = await tree({ 'testdata/elf/hello': ELF, 'src/test/resources/Sample.class': JAVA_CLASS });
    const outcome = await runCheckOnDir(binaryArtifacts, dir);
    expect(outcome.status).toBe('pass');
    expect(outcome.findings.map((f) => [f.severity, f.message])).toEqual([
      ['info', 'Java class file in test material, under test/ (test code).'],
      ['info', 'ELF executable or library in test material, under testdata/ (test data).'],
    ]);
  });

  it('recognises test data by folder or by test file name', () => {
    expect(isTestDataPath('pkg/testdata/x.bin')).toBe(true);
    expect(isTestDataPath('__tests__/fixtures/a')).toBe(true);
    expect(isTestDataPath('src/latest/x.bin')).toBe(false);
    expect(isTestDataPath('contest/x.bin')).toBe(false);
  });

  it('ignores short or empty files and random bytes', () => {
    expect(sniffBinary(new Uint8Array([0x7f, 0x45]), undefined)).toBeUndefined();
    expect(sniffBinary(new Uint8Array(64).fill(0xff), 'bin')).toBeUndefined();
    expect(
      sniffBinary(Buffer.from('MZ is a text file that starts with two capitals'.padEnd(64, '.')), undefined),
    ).toBeUndefined();
  });
});
