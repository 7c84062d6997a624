/**
 * Synthetic repositories for the benchmarks (and the "reads only what it needs" test), made on the
 * fly in a temp directory and never committed. Content follows the fixture shapes under
 * __tests__/fixtures: workflows with pinned and unpinned `uses:`, Dockerfiles with FROM lines,
 * package.json / go.mod / requirements.txt / Cargo.toml manifests with their lockfiles, Markdown
 * documents, source files in several languages and a few binaries. Deterministic (seeded PRNG).
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { addRealShapes, REAL_SHAPES, type ShapeCounts } from './shapes.js';

export interface TreeSpec {
  name: string;
  /** Approximate total number of files. */
  files: number;
  /** Workflows, each directly in .github/workflows with a distinct name (GitHub reads no subfolders). */
  workflows: number;
  dockerfiles: number;
  /** Dependency manifests; most get a lockfile beside them. */
  manifests: number;
  /** Files of `largeFileBytes` each (a binary blob, a log, a JSON data set…). */
  largeFiles: number;
  largeFileBytes: number;
  /** Deepest folder nesting for source folders. */
  maxDepth: number;
  /** `git init` + commit, so the scan lists files with git rather than walking. */
  git: boolean;
  /** The shapes of real repositories that make scans slow (bench/shapes.ts), before the filler. */
  shapes?: ShapeCounts;
}

export const SIZES = {
  small: {
    name: 'small',
    files: 100,
    workflows: 5,
    dockerfiles: 2,
    manifests: 4,
    largeFiles: 0,
    largeFileBytes: 0,
    maxDepth: 3,
    git: false,
  },
  medium: {
    name: 'medium',
    files: 10_000,
    workflows: 100,
    dockerfiles: 50,
    manifests: 200,
    largeFiles: 0,
    largeFileBytes: 0,
    maxDepth: 6,
    git: true,
  },
  large: {
    name: 'large',
    files: 200_000,
    workflows: 2_000,
    dockerfiles: 1_000,
    manifests: 5_000,
    largeFiles: 4,
    largeFileBytes: 20 * 1024 * 1024,
    maxDepth: 10,
    git: true,
  },
  shaped: {
    name: 'shaped',
    files: 6_000,
    workflows: 10,
    dockerfiles: 10,
    manifests: 40,
    largeFiles: 0,
    largeFileBytes: 0,
    maxDepth: 6,
    git: true,
    shapes: REAL_SHAPES,
  },
} satisfies Record<string, TreeSpec>;

export interface GeneratedTree {
  root: string;
  /** Every file written, relative to the root, POSIX separators. */
  paths: string[];
  bytes: number;
}

/** Writes the tree under `root` (created if missing; expected empty). */
export async function generateTree(
  root: string,
  spec: TreeSpec,
  options: { onProgress?: (written: number, total: number) => void; concurrency?: number } = {},
): Promise<GeneratedTree> {
  const rnd = prng(hash(spec.name));
  const files = new Map<string, string | Uint8Array>();
  const add = (p: string, content: string | Uint8Array): void => {
    files.set(p, content);
  };

  // Community files and settings at the root.
  add('README.md', readme(spec.name));
  add('SECURITY.md', SECURITY_MD);
  add('SUPPORT.md', SUPPORT_MD);
  add('CHANGELOG.md', changelog(rnd));
  add('LICENSE', 'MIT License\n\nCopyright (c) bench\n');
  add('.gitignore', 'node_modules/\ndist/\n*.log\n');
  add('.github/CODEOWNERS', '* @bench/maintainers\n/docs/ @bench/docs\n');
  add('.github/dependabot.yml', DEPENDABOT_YML);

  if (spec.shapes) addRealShapes(add, rnd, spec.shapes);
  for (let i = 0; i < spec.workflows; i++) add(`.github/workflows/wf-${pad(i, 4)}.yml`, workflow(i, rnd));
  // A few composite actions, also read by the workflow checks.
  const actions = Math.max(1, Math.floor(spec.workflows / 50));
  for (let i = 0; i < actions; i++) add(`.github/actions/step-${i}/action.yml`, compositeAction(i, rnd));

  for (let i = 0; i < spec.dockerfiles; i++) {
    const where = i % 3;
    const p =
      where === 0
        ? `services/svc-${pad(i, 4)}/Dockerfile`
        : where === 1
          ? `docker/svc-${pad(i, 4)}.Dockerfile`
          : `services/svc-${pad(i, 4)}/Containerfile`;
    add(p, dockerfile(i, rnd));
  }

  for (let i = 0; i < spec.manifests; i++) {
    const dir = `packages/${pick(rnd, ['core', 'web', 'cli', 'tools', 'libs'])}/pkg-${pad(i, 4)}`;
    const withLock = rnd() < 0.85;
    switch (i % 4) {
      case 0:
        add(`${dir}/package.json`, packageJson(i, rnd));
        if (withLock) add(`${dir}/package-lock.json`, packageLock(i, rnd));
        break;
      case 1:
        add(`${dir}/go.mod`, goMod(i, rnd));
        if (withLock) add(`${dir}/go.sum`, goSum(rnd));
        break;
      case 2:
        add(`${dir}/requirements.txt`, requirements(rnd, withLock));
        if (withLock) add(`${dir}/poetry.lock`, poetryLock(rnd));
        break;
      default:
        add(`${dir}/Cargo.toml`, cargoToml(i));
        if (withLock) add(`${dir}/Cargo.lock`, cargoLock(rnd));
    }
  }

  for (let i = 0; i < spec.largeFiles; i++) {
    const kind = i % 4;
    if (kind === 0) add(`assets/blob-${i}.bin`, randomBytes(spec.largeFileBytes));
    else if (kind === 1) add(`logs/build-${i}.log`, repeatTo(LOG_LINE, spec.largeFileBytes));
    else if (kind === 2) add(`testdata/dataset-${i}.json`, repeatTo(JSON_ROW, spec.largeFileBytes));
    else add(`vendor/bundle-${i}.min.js`, repeatTo(MIN_JS, spec.largeFileBytes));
  }

  // The rest: Markdown documents, source files and a few binaries, in deep and wide folders of ~25 files.
  let dir = '';
  let inDir = 0;
  for (let i = 0; files.size < spec.files; i++) {
    if (inDir === 0) {
      dir = sourceDir(rnd, spec.maxDepth, i);
      inDir = 10 + Math.floor(rnd() * 30);
    }
    inDir--;
    const r = rnd();
    if (r < 0.03) add(`docs/${dir}/topic-${i}.md`, markdownDoc(i, rnd));
    else if (r < 0.035) add(`${dir}/fixture-${i}.${pick(rnd, ['png', 'jar', 'so', 'exe'])}`, binary(rnd));
    else {
      const lang = pick(rnd, LANGS);
      add(`${dir}/${lang.prefix}${i}.${lang.ext}`, lang.body(i, rnd));
    }
  }

  // Directories first (sorted: parents before children), then files with bounded concurrency.
  const dirs = new Set<string>();
  for (const p of files.keys()) dirs.add(path.posix.dirname(p));
  await fs.mkdir(root, { recursive: true });
  for (const d of [...dirs].sort()) if (d !== '.') await fs.mkdir(path.join(root, d), { recursive: true });

  const entries = [...files];
  let next = 0;
  let written = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < entries.length) {
      const [rel, content] = entries[next++]!;
      await fs.writeFile(path.join(root, rel), content);
      bytes += typeof content === 'string' ? Buffer.byteLength(content) : content.byteLength;
      if (++written % 5000 === 0) options.onProgress?.(written, entries.length);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency ?? 64 }, worker));
  if (written % 5000 !== 0) options.onProgress?.(written, entries.length);

  if (spec.git) await gitCommitAll(root);
  return { root, paths: [...files.keys()].sort(), bytes };
}

/** `git init` and one commit of everything, never running hooks or the user's signing setup. */
export async function gitCommitAll(root: string): Promise<void> {
  const id = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid'];
  const quiet = ['-c', 'commit.gpgsign=false', '-c', 'gc.auto=0', '-c', 'core.autocrlf=false'];
  await run('git', ['init', '-q', '--initial-branch=main', '--template=', root]);
  await run('git', [...id, ...quiet, '-C', root, 'add', '-A']);
  await run('git', [...id, ...quiet, '-C', root, 'commit', '-q', '--no-verify', '-m', 'synthetic tree']);
}

function run(cmd: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(cmd, args, { maxBuffer: 64 * 1024 * 1024 }, (error, _stdout, stderr) =>
      error ? reject(new Error(`${cmd} ${args.join(' ')}: ${stderr || error.message}`)) : resolve(),
    );
  });
}

// ---------------------------------------------------------------------------------------------
// Shapes

const SEGMENTS = ['src', 'lib', 'internal', 'pkg', 'app', 'core', 'util', 'api', 'model', 'handlers'];
const TOPS = ['src', 'lib', 'apps', 'internal', 'modules', 'components', 'server', 'client'];

function sourceDir(rnd: () => number, maxDepth: number, i: number): string {
  const depth = 1 + Math.floor(rnd() * maxDepth);
  const parts = [`${pick(rnd, TOPS)}`, `m${Math.floor(rnd() * 60)}`];
  for (let d = 1; d < depth; d++) parts.push(`${pick(rnd, SEGMENTS)}${Math.floor(rnd() * 4)}`);
  if (rnd() < 0.1) parts.push('testdata');
  parts.push(`d${i}`);
  return parts.join('/');
}

const SHA = (rnd: () => number): string =>
  Array.from({ length: 40 }, () => '0123456789abcdef'[Math.floor(rnd() * 16)]).join('');

const ACTIONS = [
  'actions/checkout',
  'actions/setup-node',
  'actions/setup-go',
  'actions/setup-python',
  'actions/cache',
  'actions/upload-artifact',
  'docker/login-action',
  'docker/build-push-action',
  'github/codeql-action/init',
  'github/codeql-action/analyze',
  'codecov/codecov-action',
];

function uses(rnd: () => number): string {
  const action = pick(rnd, ACTIONS);
  const r = rnd();
  if (r < 0.5) return `${action}@${SHA(rnd)} # v4.1.0`;
  if (r < 0.8) return `${action}@v${1 + Math.floor(rnd() * 4)}`;
  if (r < 0.9) return `${action}@main`;
  return `docker://alpine:3.${10 + Math.floor(rnd() * 10)}`;
}

function workflow(i: number, rnd: () => number): string {
  const triggers = pick(rnd, [
    '[push, pull_request]',
    '\n  push:\n    branches: [main]\n  pull_request:',
    '\n  pull_request_target:\n    types: [opened]',
    '\n  issues:\n    types: [opened]',
    '\n  release:\n    types: [published]',
    '\n  schedule:\n    - cron: "0 3 * * 1"',
  ]);
  const perms = rnd() < 0.6 ? 'permissions:\n  contents: read\n' : '';
  const steps = Array.from({ length: 2 + Math.floor(rnd() * 5) }, () => `      - uses: ${uses(rnd)}`);
  const run =
    rnd() < 0.15
      ? '      - run: echo "${{ github.event.issue.title }}"'
      : pick(rnd, [
          '      - run: npm ci && npm test',
          '      - run: go test ./...',
          '      - run: pytest -q',
        ]);
  return `name: Workflow ${i}
on: ${triggers}
${perms}jobs:
  build:
    runs-on: ubuntu-latest
    steps:
${steps.join('\n')}
${run}
      - name: Build image
        run: |
          docker build -t app:${i} .
          docker push app:${i}
`;
}

function compositeAction(i: number, rnd: () => number): string {
  return `name: Step ${i}
description: shared setup
runs:
  using: composite
  steps:
    - uses: ${uses(rnd)}
    - run: echo setup
      shell: bash
`;
}

function dockerfile(i: number, rnd: () => number): string {
  const base = pick(rnd, ['node:20-alpine', 'golang:1.22', 'python:3.12-slim', 'debian:bookworm-slim']);
  const pinned = rnd() < 0.4 ? `@sha256:${SHA(rnd)}${SHA(rnd).slice(0, 24)}` : '';
  return `# syntax=docker/dockerfile:1
ARG BASE=${base}${pinned}
FROM \${BASE} AS build
WORKDIR /src
COPY . .
RUN make build-${i}

FROM ${pick(rnd, ['gcr.io/distroless/static', 'alpine:3.19', 'scratch'])}
COPY --from=build /src/out /app
ENTRYPOINT ["/app"]
`;
}

function packageJson(i: number, rnd: () => number): string {
  const deps = Object.fromEntries(
    Array.from({ length: 3 + Math.floor(rnd() * 8) }, (_, k) => [`dep-${k}-${i % 50}`, `^${k}.2.${i % 9}`]),
  );
  return `${JSON.stringify(
    { name: `@bench/pkg-${i}`, version: '1.0.0', scripts: { test: 'jest' }, dependencies: deps },
    null,
    2,
  )}\n`;
}

function packageLock(i: number, rnd: () => number): string {
  const packages: Record<string, unknown> = { '': { name: `@bench/pkg-${i}`, version: '1.0.0' } };
  for (let k = 0; k < 20 + Math.floor(rnd() * 40); k++) {
    packages[`node_modules/dep-${k}`] = {
      version: `${k}.2.3`,
      resolved: `https://registry.npmjs.org/dep-${k}/-/dep-${k}-${k}.2.3.tgz`,
      integrity: `sha512-${Buffer.from(SHA(rnd) + SHA(rnd)).toString('base64')}`,
    };
  }
  return `${JSON.stringify({ name: `@bench/pkg-${i}`, lockfileVersion: 3, requires: true, packages }, null, 2)}\n`;
}

function goMod(i: number, rnd: () => number): string {
  const reqs = Array.from(
    { length: 2 + Math.floor(rnd() * 6) },
    (_, k) => `\tgithub.com/example/lib${k} v1.${k}.${i % 7}`,
  );
  return `module example.com/bench/pkg${i}\n\ngo 1.22\n\nrequire (\n${reqs.join('\n')}\n)\n`;
}

function goSum(rnd: () => number): string {
  return Array.from(
    { length: 10 + Math.floor(rnd() * 20) },
    (_, k) => `github.com/example/lib${k} v1.${k}.0 h1:${Buffer.from(SHA(rnd)).toString('base64')}=\n`,
  ).join('');
}

function requirements(rnd: () => number, pinned: boolean): string {
  return Array.from(
    { length: 3 + Math.floor(rnd() * 10) },
    (_, k) => `package${k}${pinned ? `==${k}.1.0` : '>=1.0'}\n`,
  ).join('');
}

function poetryLock(rnd: () => number): string {
  return Array.from(
    { length: 5 + Math.floor(rnd() * 10) },
    (_, k) =>
      `[[package]]\nname = "package${k}"\nversion = "${k}.1.0"\nfiles = [\n    {file = "package${k}.whl", hash = "sha256:${SHA(rnd)}"},\n]\n\n`,
  ).join('');
}

function cargoToml(i: number): string {
  return `[package]\nname = "crate${i}"\nversion = "0.1.0"\nedition = "2021"\n\n[dependencies]\nserde = "1"\ntokio = { version = "1", features = ["full"] }\n`;
}

function cargoLock(rnd: () => number): string {
  return `version = 3\n\n${Array.from(
    { length: 5 + Math.floor(rnd() * 10) },
    (_, k) =>
      `[[package]]\nname = "crate-dep${k}"\nversion = "1.${k}.0"\nsource = "registry+https://github.com/rust-lang/crates.io-index"\nchecksum = "${SHA(rnd)}"\n\n`,
  ).join('')}`;
}

function markdownDoc(i: number, rnd: () => number): string {
  const paras = Array.from(
    { length: 2 + Math.floor(rnd() * 6) },
    () => `${LOREM.slice(0, 200 + Math.floor(rnd() * 400))}\n`,
  );
  return `# Topic ${i}\n\n${paras.join('\n')}\n## Details\n\n- [Security policy](../SECURITY.md)\n- [Home](../README.md)\n\n| key | value |\n| --- | ----- |\n| id  | ${i} |\n`;
}

function binary(rnd: () => number): Uint8Array {
  const magic = pick(rnd, [
    [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], // PNG
    [0x50, 0x4b, 0x03, 0x04], // zip / jar
    [0x7f, 0x45, 0x4c, 0x46], // ELF
    [0x4d, 0x5a, 0x90, 0x00], // PE
  ]);
  const out = new Uint8Array(512 + Math.floor(rnd() * 4096));
  out.set(magic);
  for (let k = magic.length; k < out.length; k++) out[k] = Math.floor(rnd() * 256);
  return out;
}

interface Lang {
  ext: string;
  prefix: string;
  body: (i: number, rnd: () => number) => string;
}

const LANGS: Lang[] = [
  {
    ext: 'ts',
    prefix: 'module',
    body: (i, rnd) =>
      `import { helper } from './helper.js';\n\nexport function run${i}(input: string): string {\n  const token = process.env.API_TOKEN;\n  if (!token) throw new Error('API_TOKEN is not set');\n${lines(rnd, '  // step')}  return helper(input) + token.length;\n}\n`,
  },
  {
    ext: 'js',
    prefix: 'util',
    body: (i, rnd) =>
      `'use strict';\n\nmodule.exports = function util${i}(a, b) {\n${lines(rnd, '  a += b; //')}  return a;\n};\n`,
  },
  {
    ext: 'go',
    prefix: 'handler',
    body: (i, rnd) =>
      `package handlers\n\nimport "fmt"\n\n// Handle${i} handles a request.\nfunc Handle${i}(name string) string {\n${lines(rnd, '\t// step')}\treturn fmt.Sprintf("hello %s", name)\n}\n`,
  },
  {
    ext: 'py',
    prefix: 'service',
    body: (i, rnd) =>
      `import os\n\n\ndef service_${i}(value):\n    """Does the work."""\n${lines(rnd, '    # step')}    return os.environ.get("HOME", "") + str(value)\n`,
  },
  {
    ext: 'java',
    prefix: 'Service',
    body: (i, rnd) =>
      `package com.example;\n\npublic final class Service${i} {\n  public String call(String in) {\n${lines(rnd, '    // step')}    return in.trim();\n  }\n}\n`,
  },
  {
    ext: 'c',
    prefix: 'unit',
    body: (i, rnd) =>
      `#include <stdio.h>\n\nint unit_${i}(int x) {\n${lines(rnd, '  x += 1; //')}  return x;\n}\n`,
  },
  {
    ext: 'css',
    prefix: 'style',
    body: (i, rnd) => `.c${i} {\n${lines(rnd, '  margin: 0; /*')}  color: #333;\n}\n`,
  },
  {
    ext: 'json',
    prefix: 'data',
    body: (i, rnd) =>
      `${JSON.stringify({ id: i, items: Array.from({ length: 5 + Math.floor(rnd() * 30) }, (_, k) => ({ k, v: `value-${k}` })) })}\n`,
  },
];

function lines(rnd: () => number, prefix: string): string {
  const n = 5 + Math.floor(rnd() * 60);
  let out = '';
  for (let k = 0; k < n; k++) out += `${prefix} ${k}${prefix.endsWith('/*') ? ' */' : ''}\n`;
  return out;
}

function readme(name: string): string {
  return `# Synthetic repository (${name})\n\nGenerated for the sscop benchmarks.\n\nSee [SECURITY.md](SECURITY.md) and [SUPPORT.md](SUPPORT.md).\n`;
}

const SECURITY_MD = `# Security Policy

## Supported Versions

| Version | Supported |
| ------- | --------- |
| 2.x     | yes       |

## Reporting a Vulnerability

Email security@example.org. We acknowledge reports within 2 working days and publish advisories
for confirmed vulnerabilities.
`;

const SUPPORT_MD = `# Support

Version 2.x receives security updates until 2030-01-01. Version 1.x is no longer supported.
`;

const DEPENDABOT_YML = `version: 2
updates:
  - package-ecosystem: npm
    directory: /
    schedule:
      interval: weekly
  - package-ecosystem: github-actions
    directory: /
    schedule:
      interval: weekly
`;

function changelog(rnd: () => number): string {
  return Array.from(
    { length: 20 },
    (_, k) =>
      `## 1.${20 - k}.0\n\n- ${k % 5 === 0 ? 'Security: fixed CVE-2024-' + (1000 + Math.floor(rnd() * 9000)) : 'Bug fixes'}\n\n`,
  ).join('');
}

const LOREM =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.';
const LOG_LINE = '2024-01-01T00:00:00Z INFO build step completed in 12ms (cache hit)\n';
const JSON_ROW = '{"id": 1, "name": "row", "tags": ["a", "b", "c"], "ok": true}\n';
const MIN_JS = 'var a=function(b){return b+1},c=a(2);';

function repeatTo(unit: string, bytes: number): string {
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function pick<T>(rnd: () => number, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** mulberry32: small, fast, deterministic. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
