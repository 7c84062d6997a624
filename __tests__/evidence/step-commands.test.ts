import { describe, expect, it } from '@jest/globals';
import { createMemo } from '../../src/evidence/context.js';
import { runCandidates, unwrapCommand } from '../../src/evidence/command-words.js';
import { expand, parseMakefile } from '../../src/evidence/makefile.js';
import { chainText, isRunnableFilePath, stepCommands } from '../../src/evidence/step-commands.js';
import { parseWorkflow } from '../../src/evidence/workflows.js';
import { filesFromRecord } from '../../src/repo/files.js';

/** What the one step of `ci.yml` runs, in a repository of `files`, as `words @ chain`. */
function runsOf(script: string, files: Record<string, string> = {}, shell = ''): string[] {
  const text = `on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n      - run: ${script}\n${shell}`;
  const ctx = { files: filesFromRecord({ '.github/workflows/ci.yml': text, ...files }), memo: createMemo() };
  const wf = parseWorkflow('.github/workflows/ci.yml', text, 'workflow');
  const runs = stepCommands(ctx).runs(wf, wf.jobs[0]!.steps[0]!, wf.jobs[0]);
  return runs.commands.map((c) => `${c.words.join(' ')} @ ${chainText(c.via)}`);
}

describe('command words', () => {
  it('peels wrappers to the command that runs', () => {
    expect(
      unwrapCommand(['sudo', '-E', 'env', 'A=1', 'uv', 'run', '--locked', '--with', 'x', 'tox', 'run']),
    ).toEqual(['tox', 'run']);
    expect(unwrapCommand(['go', 'run', 'golang.org/x/vuln/cmd/govulncheck@latest', './...'])).toEqual([
      'govulncheck',
      './...',
    ]);
    expect(unwrapCommand(['go', 'tool', '-modfile', 'tools/go.mod', 'govulncheck'])).toEqual(['govulncheck']);
    expect(unwrapCommand(['command', '-v', 'go'])).toEqual(['command', '-v', 'go']);
  });

  it('reads a container run from each plain word after the subcommand, and nothing else of docker', () => {
    expect(runCandidates(['docker', 'run', '--rm', 'golang', 'go', 'test'])).toContainEqual(['go', 'test']);
    expect(runCandidates(['docker', 'cp', 'b:/gotestsum.exe', '.'])).toEqual([
      ['docker', 'cp', 'b:/gotestsum.exe', '.'],
    ]);
  });

  it('never reaches inherited properties with a hostile command word', () => {
    for (const word of ['__proto__', 'constructor', 'hasOwnProperty'])
      expect(() => runCandidates([word, 'run', 'x'])).not.toThrow();
  });
});

describe('Makefiles', () => {
  it('reads targets, prerequisites, recipes with their lines, includes and variables', () => {
    const mf = parseMakefile(
      'Makefile',
      'GO ?= go\nGO ?= other\nFLAGS := -race\nFLAGS += -v\ninclude build/*.mk\n\n.PHONY: all\nall: test\n\ntest: a \\\n  b\n\t@$(GO) test $(FLAGS) \\\n\t  ./...\n',
    );
    expect(mf.defaultTarget).toBe('all');
    expect(mf.includes).toEqual(['build/*.mk']);
    expect(mf.rules.get('test')).toEqual({
      prerequisites: ['a', 'b'],
      recipe: [{ text: '@$(GO) test $(FLAGS) ./...', line: 12 }],
      line: 10,
    });
    expect(expand(mf.rules.get('test')!.recipe[0]!.text, mf.variables)).toBe('@go test -race -v ./...');
  });

  it('bounds variables that name each other and keeps unknown ones and $$ as written', () => {
    const vars = new Map([
      ['A', '$(B)$(B)'],
      ['B', '$(A)$(A)'],
    ]);
    expect(expand('$(A)', vars).length).toBeLessThanOrEqual(2000);
    expect(expand('$(UNKNOWN) $$HOME $(shell x)', new Map())).toBe('$(UNKNOWN) $HOME $(shell x)');
  });

  it('leaves a variable named in its own value as written: its earlier value is not known', () => {
    const mf = parseMakefile(
      'Makefile',
      "DATE:=$(if $(DATE),$(DATE),$(shell date -u +'%Y'))\nFLAGS := $(FLAGS) -v\nall:\n\tgo build -ldflags '-X main.date=$(DATE)' $(FLAGS) $${HOME}\n",
    );
    expect(expand(mf.rules.get('all')!.recipe[0]!.text, mf.variables)).toBe(
      "go build -ldflags '-X main.date=$(if $(DATE),$(DATE),$(shell date -u +'%Y'))' $(FLAGS) -v ${HOME}",
    );
  });
});

describe('what a step runs', () => {
  it("reads a wrapper action's command input, and not actions/github-script's JavaScript", () => {
    const text = [
      'on: push',
      'jobs:',
      '  t:',
      '    runs-on: x',
      '    steps:',
      '      - uses: nick-fields/retry@v3',
      '        with:',
      '          command: go test ./...',
      '      - uses: actions/github-script@v7',
      '        with:',
      '          script: |',
      '            make test',
      "            await exec.exec('npm', ['test'])",
      '',
    ].join('\n');
    const ctx = { files: filesFromRecord({ '.github/workflows/ci.yml': text }), memo: createMemo() };
    const wf = parseWorkflow('.github/workflows/ci.yml', text, 'workflow');
    const [retry, script] = wf.jobs[0]!.steps;
    const words = (step: typeof retry) =>
      stepCommands(ctx)
        .runs(wf, step!, wf.jobs[0])
        .commands.map((c) => c.words.join(' '));
    expect(words(retry)).toEqual(['go test ./...']);
    expect(words(script)).toEqual([]);
  });

  it('follows make -C into a sub-Makefile, its prerequisites and $(MAKE), with the chain', () => {
    const runs = runsOf('make -C sub ci', {
      'sub/Makefile': 'ci: lint\n\t$(MAKE) unit\nlint:\n\tgolangci-lint run\nunit:\n\tgo test ./...\n',
    });
    expect(runs).toEqual([
      'make -C sub ci @ .github/workflows/ci.yml:6',
      'golangci-lint run @ .github/workflows/ci.yml:6 → sub/Makefile:4',
      'make unit @ .github/workflows/ci.yml:6 → sub/Makefile:2',
      'go test ./... @ .github/workflows/ci.yml:6 → sub/Makefile:2 → sub/Makefile:6',
    ]);
  });

  it('reads targets from included files, and a bare make builds the default target', () => {
    const runs = runsOf('make', {
      Makefile: 'include mk/*.mk\nall: unit\n',
      'mk/test.mk': 'unit:\n\tpytest\n',
    });
    expect(runs).toContain('pytest @ .github/workflows/ci.yml:6 → mk/test.mk:2');
  });

  it('reads scripts run by path, through bash and source, and stops at cycles', () => {
    const runs = runsOf('bash -e scripts/a.sh', {
      'scripts/a.sh': 'source scripts/b.sh\n',
      'scripts/b.sh': './scripts/a.sh\ncargo test\n',
    });
    expect(runs).toContain('cargo test @ .github/workflows/ci.yml:6 → scripts/a.sh:1 → scripts/b.sh:2');
    expect(runs.filter((r) => r.startsWith('./scripts/a.sh'))).toHaveLength(1);
  });

  it('ends a make target that depends on itself, and a recipe that runs its own target', () => {
    const runs = runsOf('make loop', { Makefile: 'loop: loop\n\t$(MAKE) loop\n' });
    expect(runs.length).toBeLessThan(10);
  });

  it('does not read a script whose shebang names another language, nor a path outside the checkout', () => {
    expect(runsOf('./ci/run', { 'ci/run': '#!/usr/bin/env python3\nimport os\n' })).toEqual([
      './ci/run @ .github/workflows/ci.yml:6',
    ]);
    expect(runsOf('../../etc/x.sh')).toEqual(['../../etc/x.sh @ .github/workflows/ci.yml:6']);
  });

  it('splits PowerShell lines into commands, and does not read a Python step', () => {
    expect(runsOf('npm ci; npm test', {}, '        shell: pwsh\n')).toEqual([
      'npm ci @ .github/workflows/ci.yml:6',
      'npm test @ .github/workflows/ci.yml:6',
    ]);
    expect(runsOf('import os', {}, '        shell: python\n')).toEqual([]);
  });

  it('declares Makefiles, shell scripts and extensionless files in script folders, not vendored ones', () => {
    expect(
      ['Makefile', 'sub/GNUmakefile', 'mk/go.mk', 'Makefile.Common', 'hack/verify.sh', 'script/cibuild'].map(
        isRunnableFilePath,
      ),
    ).toEqual([true, true, true, true, true, true]);
    expect(
      ['src/main.go', 'vendor/x/Makefile', 'bin/tool', 'scripts/gen.py'].map(isRunnableFilePath),
    ).toEqual([false, false, false, false]);
  });
});

describe('delegating make targets', () => {
  it('runs the target a delegating rule is handed (TARGET=…), found in an included file', () => {
    const runs = runsOf('make govulncheck', {
      Makefile: 'include ./Makefile.Common\ngovulncheck:\n\t@$(MAKE) for-all-target TARGET="vulncheck"\n',
      'Makefile.Common': 'vulncheck:\n\tgovulncheck ./...\n',
    });
    expect(runs).toContain('govulncheck ./... @ .github/workflows/ci.yml:6 → Makefile:3 → Makefile.Common:2');
  });
});

describe('shells', () => {
  it('reads a step whose shell is chosen by an expression, and a script that does not parse, line by line', () => {
    expect(runsOf('npm run test:ci', {}, '        shell: ${{ matrix.shell }}\n')).toEqual([
      'npm run test:ci @ .github/workflows/ci.yml:6',
    ]);
    expect(runsOf('go test ./... && (', {})).toEqual([
      'go test ./... @ .github/workflows/ci.yml:6',
      '( @ .github/workflows/ci.yml:6',
    ]);
  });
});

describe('bounds on hostile files', () => {
  it('reads a wide web of prerequisites once per target, within a budget', () => {
    const names = Array.from({ length: 400 }, (_, i) => `t${i}`);
    // Every target depends on every other: read naively, 400^5 visits.
    const makefile = names.map((n) => `${n}: ${names.join(' ')}\n\t@true ${n}\n`).join('');
    const runs = runsOf('make t0', { Makefile: makefile });
    expect(runs.length).toBeLessThanOrEqual(2_001);
    expect(new Set(runs).size).toBe(runs.length);
  });

  it('follows at most a few dozen scripts for one step', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 100; i++)
      files[`scripts/s${i}.sh`] = `./scripts/s${i + 1}.sh\n./scripts/s${i + 1}.sh\n`;
    expect(runsOf('./scripts/s0.sh', files).length).toBeLessThan(100);
  });
});
