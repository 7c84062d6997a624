/**
 * What made real repositories slow, reproduced for the benchmark's `shaped` tree: a thousand
 * Markdown documents of ten megabytes in all (tables, code blocks, long lists; some with the
 * support, incident and vulnerability sections policy checks read, linked from SECURITY.md and the
 * README), hundreds of shell scripts and Makefiles that workflows run, forty workflows with long
 * `run:` blocks, tens of megabytes of Go and TypeScript, and a vendored tree. Deterministic.
 */

export interface ShapeCounts {
  docs: number;
  /** Approximate size of one document in bytes. */
  docBytes: number;
  scripts: number;
  makefiles: number;
  workflows: number;
  /** Source files of about `sourceBytes` each. */
  sources: number;
  sourceBytes: number;
  vendored: number;
}

export const REAL_SHAPES: ShapeCounts = {
  docs: 1_000,
  docBytes: 11_000,
  scripts: 300,
  makefiles: 60,
  workflows: 40,
  sources: 1_500,
  sourceBytes: 20_000,
  vendored: 1_500,
};

type Add = (path: string, content: string) => void;
type Rnd = () => number;

/** Adds the shaped files; returns how many it added. */
export function addRealShapes(add: Add, rnd: Rnd, counts: ShapeCounts = REAL_SHAPES): number {
  let added = 0;
  const put: Add = (p, c) => {
    add(p, c);
    added++;
  };
  const docPaths: string[] = [];
  for (let i = 0; i < counts.docs; i++) {
    const area = pick(rnd, ['operator-manual', 'user-guide', 'developer-guide', 'proposals', 'reference']);
    const p = `docs/${area}/${i % 7 === 0 ? `upgrading/v${i}` : `page-${i}`}.md`;
    docPaths.push(p);
    put(p, document(i, rnd, counts.docBytes));
  }
  put('SECURITY.md', securityPolicy(docPaths.filter((_, i) => i % 50 === 3).slice(0, 12)));
  put('README.md', readme(docPaths.filter((_, i) => i % 97 === 5).slice(0, 8)));
  for (let i = 0; i < counts.scripts; i++)
    put(`hack/${pick(rnd, ['ci', 'release', 'dev'])}/task-${i}.sh`, script(i, rnd));
  for (let i = 0; i < counts.makefiles; i++)
    put(i === 0 ? 'Makefile' : `cmd/tool-${i}/Makefile`, makefile(i, rnd, counts.scripts));
  for (let i = 0; i < counts.workflows; i++)
    put(`.github/workflows/ci-${i}.yml`, workflow(i, rnd, counts.scripts));
  for (let i = 0; i < counts.sources; i++) {
    const go = i % 2 === 0;
    put(
      go ? `pkg/area${i % 40}/file_${i}.go` : `ui/src/app/area${i % 40}/component-${i}.tsx`,
      source(go, i, rnd, counts.sourceBytes),
    );
  }
  for (let i = 0; i < counts.vendored; i++) {
    put(`vendor/github.com/org${i % 30}/lib${i % 90}/file_${i}.go`, source(true, i, rnd, 6_000));
  }
  return added;
}

function document(i: number, rnd: Rnd, bytes: number): string {
  const parts = [`# ${pick(rnd, ['Configuring', 'Operating', 'Upgrading', 'Understanding'])} feature ${i}\n`];
  if (i % 20 === 0)
    parts.push(section('Support', 'Only the two latest minor releases are supported with fixes.'));
  if (i % 33 === 0)
    parts.push(section('Security incidents', 'We announce security incidents on the mailing list.'));
  if (i % 41 === 0) parts.push(section('Vulnerability handling', 'Reports are triaged within seven days.'));
  let size = parts.join('').length;
  for (let k = 0; size < bytes; k++) {
    const block = pick(rnd, [paragraph, table, codeBlock, longList])(rnd, k);
    parts.push(k % 5 === 0 ? `## Part ${k}\n\n${block}` : block);
    size += block.length;
  }
  return parts.join('\n');
}

function section(heading: string, sentence: string): string {
  return `## ${heading}\n\n${sentence} See the [release notes](https://example.invalid/releases).\n`;
}

function paragraph(rnd: Rnd, k: number): string {
  return `(${k}) ${LOREM.slice(0, 300 + Math.floor(rnd() * 500))} Use \`--flag\` and see [the guide](../reference/page-${Math.floor(rnd() * 1000)}.md).\n`;
}

function table(rnd: Rnd, k: number): string {
  const rows = Array.from(
    { length: 10 + Math.floor(rnd() * 30) },
    (_, r) => `| \`option${k}.${r}\` | string | \`"value-${r}"\` | ${LOREM.slice(0, 60)} |`,
  );
  return `| Name | Type | Default | Description |\n|---|---|---|---|\n${rows.join('\n')}\n`;
}

function codeBlock(rnd: Rnd, k: number): string {
  const body = Array.from(
    { length: 5 + Math.floor(rnd() * 25) },
    (_, n) => `kubectl -n argocd patch cm config-${k}-${n} --type merge -p '{"data":{"k${k}":"v"}}'`,
  );
  return `\`\`\`bash\n${body.join('\n')}\n\`\`\`\n`;
}

function longList(rnd: Rnd, k: number): string {
  const items = Array.from(
    { length: 20 + Math.floor(rnd() * 60) },
    (_, n) =>
      `- **item ${k}.${n}**: ${LOREM.slice(0, 40 + Math.floor(rnd() * 80))} ([link](https://example.invalid/${n}))`,
  );
  return `${items.join('\n')}\n`;
}

function securityPolicy(linked: string[]): string {
  return `# Security Policy

## Reporting a vulnerability

Report vulnerabilities privately through GitHub's security advisories. We reply within three working days.

## More

${linked.map((p) => `- [${p}](${p})`).join('\n')}
`;
}

function readme(linked: string[]): string {
  return `# Shaped synthetic repository

Generated for the sscop benchmarks.

## Support

${linked.map((p) => `- [${p}](${p})`).join('\n')}
`;
}

function script(i: number, rnd: Rnd): string {
  const functions = Array.from({ length: 4 + Math.floor(rnd() * 12) }, (_, k) => shellFunction(k, rnd));
  const download =
    i % 25 === 0
      ? 'curl -sSfL https://example.invalid/install.sh | sh -s -- -b "$(go env GOPATH)/bin"\n'
      : '';
  return `#!/usr/bin/env bash
# Task ${i}: generated.
set -euo pipefail

ROOT="$(cd "$(dirname "\${BASH_SOURCE[0]}")/../.." && pwd)"
VERSION="\${VERSION:-$(git describe --tags --always)}"
declare -a TARGETS=(linux/amd64 linux/arm64 darwin/arm64)

${functions.join('\n')}
${download}case "\${1:-all}" in
  build) build_0 ;;
  test) go test ./... -race -count=1 ;;
  *) for t in "\${TARGETS[@]}"; do echo "target $t"; done ;;
esac
`;
}

function shellFunction(k: number, rnd: Rnd): string {
  const lines = Array.from({ length: 3 + Math.floor(rnd() * 10) }, (_, n) =>
    pick(rnd, [
      `  echo "step ${n} of \${FUNCNAME[0]}" >&2`,
      `  if [[ -f "$ROOT/file-${n}" ]]; then rm -f "$ROOT/file-${n}"; fi`,
      `  go build -ldflags "-X main.version=\${VERSION}" -o "dist/bin-${n}" ./cmd/tool-${n}`,
      `  cat <<EOF > "$ROOT/out-${n}.txt"\nversion: \${VERSION}\nEOF`,
      `  for f in $(find . -name '*.go' | head -n ${n + 1}); do gofmt -l "$f"; done`,
    ]),
  );
  return `build_${k}() {\n${lines.join('\n')}\n}\n`;
}

function makefile(i: number, rnd: Rnd, scripts: number): string {
  const targets = Array.from({ length: 6 + Math.floor(rnd() * 10) }, (_, k) => {
    const run = pick(rnd, [
      `\t./hack/ci/task-${(i * 7 + k) % scripts}.sh build`,
      '\tgo test ./... -coverprofile=coverage.out',
      '\tgolangci-lint run ./...',
      `\tdocker build -t app:$(VERSION) -f Dockerfile.${k} .`,
    ]);
    return `target-${k}: ${k > 0 ? `target-${k - 1}` : ''}\n${run}\n\t@echo done ${k}\n`;
  });
  return `VERSION ?= $(shell git describe --tags)\n.PHONY: all test\n\nall: target-0\n\ntest:\n\tgo test ./...\n\n${targets.join('\n')}`;
}

function workflow(i: number, rnd: Rnd, scripts: number): string {
  const runLines = Array.from({ length: 30 + Math.floor(rnd() * 60) }, (_, k) =>
    pick(rnd, [
      `          echo "::group::step ${k}"`,
      `          ./hack/ci/task-${(i * 11 + k) % scripts}.sh test`,
      `          make -C cmd/tool-${1 + ((i + k) % 20)} target-${k % 6}`,
      '          go test ./... -race',
      `          if [ -n "\${{ github.head_ref }}" ]; then echo "pr"; fi`,
      '          npm ci && npm run build --workspaces',
      `          curl -sSfL -o tool.tgz https://example.invalid/tool-${k}.tgz && echo "abc  tool.tgz" | sha256sum -c -`,
    ]),
  );
  return `name: CI ${i}
on:
  push:
    branches: [main]
  pull_request:
permissions:
  contents: read
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11 # v4.1.1
      - uses: actions/setup-go@v5
      - name: Long build
        run: |
${runLines.join('\n')}
      - name: Test
        run: make test
`;
}

function source(go: boolean, i: number, rnd: Rnd, bytes: number): string {
  const parts = [
    go
      ? `package area${i % 40}\n\nimport (\n\t"context"\n\t"fmt"\n)\n`
      : `import { useState } from 'react';\n`,
  ];
  let size = parts[0]!.length;
  for (let k = 0; size < bytes; k++) {
    const fn = go
      ? `\n// Handle${k} handles case ${k}.\nfunc Handle${i}_${k}(ctx context.Context, name string) (string, error) {\n\tif name == "" {\n\t\treturn "", fmt.Errorf("empty name %d", ${k})\n\t}\n\treturn fmt.Sprintf("hello %s %d", name, ${Math.floor(rnd() * 1e6)}), nil\n}\n`
      : `\nexport function Component${i}_${k}(props: { name: string }): JSX.Element {\n  const [value, setValue] = useState(${Math.floor(rnd() * 1e6)});\n  return <div onClick={() => setValue(value + 1)}>{props.name}</div>;\n}\n`;
    parts.push(fn);
    size += fn.length;
  }
  return parts.join('');
}

const LOREM =
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum. The operator keeps the cluster in the state the repository declares, and reports drift as it finds it.';

function pick<T>(rnd: Rnd, items: readonly T[]): T {
  return items[Math.floor(rnd() * items.length)]!;
}
