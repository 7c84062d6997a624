import { describe, expect, it } from '@jest/globals';
import {
  commandName,
  contiguousSource,
  maskExpressions,
  parseShell,
  runScriptSource,
} from '../../src/evidence/shell.js';
import { parseWorkflow } from '../../src/evidence/workflows.js';

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
