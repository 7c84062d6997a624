import { describe, expect, it } from '@jest/globals';
import {
  commandName,
  contiguousSource,
  maskExpressions,
  parseShell,
  parseShellUncached,
  parseSimpleScript,
  runScriptSource,
  type ShellScript,
} from '../../src/evidence/shell.js';
import { parseWorkflow } from '../../src/evidence/workflows.js';
import { seededChoices } from '../support/seeded.js';

const parse = (text: string) => parseShell(contiguousSource(text));

describe('parseShell', () => {
  it('flattens pipelines into stages of one pipeline', () => {
    const { commands } = parse('curl -s u | tee log | sh -s -- -y');
    expect(commands.map((c) => [commandName(c), c.stage, c.stages])).toEqual([
      ['curl', 0, 3],
      ['tee', 1, 3],
      ['sh', 2, 3],
    ]);
    expect(new Set(commands.map((c) => c.pipeline)).size).toBe(1);
  });

  it('keeps && chains as separate commands at their own offsets', () => {
    const { commands } = parse('a && b || c');
    expect(commands.map((c) => [commandName(c), c.offset, c.stages])).toEqual([
      ['a', 0, 1],
      ['b', 5, 1],
      ['c', 10, 1],
    ]);
  });

  it('removes quotes from static words and keeps expansions loose', () => {
    const [cmd] = parse(`echo "a b" 'c' d\\ e "$HOME/x.sh"`).commands;
    expect(cmd!.args.map((w) => w.value)).toEqual(['echo', 'a b', 'c', 'd e', undefined]);
    expect(cmd!.args[4]!.loose).toBe('$HOME/x.sh');
  });

  it('reads commands inside $(…), <(…) and compound commands, marked as substituted', () => {
    const { commands } = parse('if true; then bash <(curl -s u); fi\nx=$(wget -qO- v)');
    expect(commands.map((c) => [commandName(c), c.substituted])).toEqual([
      ['true', false],
      ['bash', false],
      ['curl', true],
      [undefined, false],
      ['wget', true],
    ]);
    expect(commands[1]!.args[1]!.substitutions[0]!.kind).toBe('process-in');
  });

  it('gives here-document bodies with their file offsets', () => {
    const text = 'bash <<EOF\ncurl u | sh\nEOF\n';
    const [cmd] = parse(text).commands;
    const body = cmd!.redirects[0]!.heredoc!.source;
    expect(body.text).toBe('curl u | sh\n');
    expect(body.segments[0]!.file).toBe(text.indexOf('curl'));
  });

  it('reports a syntax error with its offset instead of throwing', () => {
    const result = parse('echo ok\nif true; then\n');
    expect(result.commands).toEqual([]);
    expect(result.error?.message).toMatch(/fi/);
  });

  it('converts the parser byte offsets to string offsets after non-ASCII text', () => {
    const [, cmd] = parse('echo é€😀; curl u').commands;
    expect(cmd!.offset).toBe('echo é€😀; '.length);
  });
});

describe('maskExpressions', () => {
  it('replaces ${{ }} with a same-length placeholder word', () => {
    const text = 'echo ${{ github.event.issue.title }} done';
    const masked = maskExpressions(text);
    expect(masked).toHaveLength(text.length);
    expect(parse(masked).commands[0]!.args.map((w) => w.value)).toEqual([
      'echo',
      expect.stringMatching(/^GHEX_+$/),
      'done',
    ]);
  });
});

describe('runScriptSource', () => {
  it('maps a literal block scalar line by line to the workflow file', () => {
    const text =
      'on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n          echo one\n            curl u | sh\n';
    const wf = parseWorkflow('.github/workflows/a.yml', text, 'workflow');
    const source = runScriptSource(wf, wf.jobs[0]!.steps[0]!.run!);
    const curl = parseShell(source).commands[1]!;
    expect(wf.positionAt(curl.offset)).toEqual({ line: 8, column: 13 });
  });
});

describe('the parse cache by script text', () => {
  const scripts = [
    'npm ci\nnpm test -- --ci',
    'curl -fsSL https://x.example/i.sh | bash\necho "$(date)" > out.txt',
    'cat <<EOF > notes.md\nhello $USER\nEOF\nif [ -f a ]; then make; fi',
    'for f in *.txt; do wc -l "$f"; done 2>/dev/null',
    'export A=$(curl -s u) && diff <(sort a) <(sort b)',
    'echo "unterminated',
  ];

  it('gives the same commands, offsets and heredoc sources as a fresh parse, wherever the script sits', () => {
    for (const script of scripts) {
      // The same text as a block scalar in two workflows at different offsets, and at offset 0.
      const body = script
        .split('\n')
        .map((l) => `          ${l}`)
        .join('\n');
      for (const pad of ['', '# a comment that moves the script\n# and another\n']) {
        const text = `${pad}on: push\njobs:\n  a:\n    runs-on: x\n    steps:\n      - run: |\n${body}\n`;
        const wf = parseWorkflow('.github/workflows/a.yml', text, 'workflow');
        const source = runScriptSource(wf, wf.jobs[0]!.steps[0]!.run!);
        expect(parseShell(source)).toEqual(parseShellUncached(source));
      }
      expect(parse(script)).toEqual(parseShellUncached(contiguousSource(script)));
      expect(parseShell(contiguousSource(script, 17))).toEqual(
        parseShellUncached(contiguousSource(script, 17)),
      );
    }
  });

  it('reuses a parse kept by text, and keeps none made with keep false', () => {
    const kept = 'echo kept-by-text';
    expect(parseShell(contiguousSource(kept))).toBe(parseShell(contiguousSource(kept)));
    const passing = 'echo parsed-once-and-dropped';
    const once = parseShell(contiguousSource(passing), { keep: false });
    const again = parseShell(contiguousSource(passing));
    expect(again).not.toBe(once);
    expect(again).toEqual(once);
    // A text kept before is still reused by a parse that keeps nothing.
    expect(parseShell(contiguousSource(kept), { keep: false })).toBe(parseShell(contiguousSource(kept)));
  });

  it('keeps a command inside a substitution the same object as in the command list', () => {
    const source = contiguousSource('echo $(curl -s u)', 40);
    const { commands } = parseShell(source);
    const curl = commands.find((c) => commandName(c) === 'curl');
    expect(commands.find((c) => commandName(c) === 'echo')?.args[1]?.substitutions[0]?.commands[0]).toBe(
      curl,
    );
    expect(curl?.offset).toBe(47);
  });
});

describe('parseSimpleScript (plain scripts without the parser)', () => {
  /** Pipeline ids only group commands: number them by first appearance before comparing. */
  const normalise = (script: ShellScript | undefined): ShellScript | undefined => {
    if (!script) return script;
    const ids = new Map<number, number>();
    return {
      ...script,
      commands: script.commands.map((c) => {
        if (!ids.has(c.pipeline)) ids.set(c.pipeline, ids.size);
        return { ...c, pipeline: ids.get(c.pipeline)! };
      }),
    };
  };
  const full = (text: string) => normalise(parseShellUncached(contiguousSource(text)));

  it.each([
    'npm ci',
    'npm ci\nnpm test -- --ci\n',
    '  go test ./...  &&  go vet ./...\n\n',
    'make build | tee build.log',
    'a | b | c && d || e\nf',
    'a &&\n  b\nc |\n d',
    'docker build -t app:0 .\ndocker push app:0',
    'echo GHEX___________ --flag=value @scope/pkg 50% a+b x,y',
  ])('splits %j exactly as the parser does', (text) => {
    const simple = parseSimpleScript(text);
    expect(simple).toBeDefined();
    expect(normalise(simple)).toEqual(full(text));
  });

  it.each([
    'echo "quoted"',
    'echo $HOME',
    'a; b',
    'a & b',
    'a |& b',
    'FOO=bar make',
    'export A=b',
    'if true\nthen x\nfi',
    'a && ',
    '| a',
    'a > out',
    '# comment',
    'line\r\n',
  ])('leaves %j to the parser', (text) => {
    expect(parseSimpleScript(text)).toBeUndefined();
  });

  it('agrees with the parser on generated scripts whenever it takes them', () => {
    const words = [
      'npm',
      'ci',
      'run',
      'test',
      '-q',
      '--x=1',
      './s.sh',
      'app:0',
      'a=b',
      'if',
      'do',
      'in',
      'x.y/z',
    ];
    const glue = [' ', '  ', '\t', '\n', ' && ', '||', ' | ', '|', ' &', '\n\n', ' &&\n', '|&'];
    const next = seededChoices(42);
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      let text = '';
      const n = 1 + next(8);
      for (let k = 0; k < n; k++) {
        if (next(3) === 0) text += glue[next(glue.length)];
        text += words[next(words.length)]! + glue[next(glue.length)];
      }
      const simple = parseSimpleScript(text);
      if (!simple) continue;
      taken++;
      expect({ text, parsed: normalise(simple) }).toEqual({ text, parsed: full(text) });
    }
    expect(taken).toBeGreaterThan(100);
  });
});
