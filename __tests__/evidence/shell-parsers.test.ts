import { describe, expect, it } from '@jest/globals';
import {
  contiguousSource,
  parseShellUncached,
  parseWithMvdan,
  type ShellCommand,
  type ScriptSource,
} from '../../src/evidence/shell.js';
import { parseWithUnbash, readsAsExpected } from '../../src/evidence/shell-unbash.js';
import { forEachChild, parse, type SyntaxNode } from 'unbash';
import { seededChoices } from '../support/seeded.js';

/** Both walks of one script, as plain data (shared command objects become copies in each). */
const both = (source: ScriptSource) => {
  const mvdan = parseWithMvdan(source);
  const unbash = parseWithUnbash(source);
  const plain = (commands: ShellCommand[] | undefined) => JSON.parse(JSON.stringify(commands ?? null));
  return { mvdan, unbash: unbash && plain(unbash), mvdanCommands: plain(mvdan.commands) };
};

describe('the unbash walk gives what the mvdan-sh walk gives', () => {
  it.each([
    ['a list with `;` and a continuation before it', 'a; b ;c\ngit diff -- x \\\n; then_ok'],
    ['and-or lists and pipelines', 'a && b | c || d\ne | f |& g && h'],
    ['a negated pipeline and a negated command', 'if ! a | b; then c; fi\n! d'],
    ['timed commands', 'time a | b\ntime c'],
    ['background statements', 'a & b && c &\nd'],
    ['here-documents', "cat <<EOF\nx $(id)\nEOF\ncat <<-'E' | tee f\n\tbody\n\tE\necho done"],
    ['a here-document that is not the last redirection', 'cat <<EOF >out\nx\nEOF\n'],
    ['an empty here-document', 'cat <<EOF\nEOF\necho'],
    ['a here-document in a substitution', 'B=$(cat <<EOF\nhi\nEOF\n)\necho "$B"'],
    ['here-strings and descriptors', 'a <<< "$x" 2>&1 >>log 3<&0 &>/dev/null'],
    ['declarations', 'export A=$(curl -s x) B; declare -x C=1; local e; readonly F=2'],
    ['arithmetic', '(( y = $(b) )); echo $(( $(c) + 1 ))'],
    ['assignments', 'A= B=1 e+=f cmd arg\nC=(x $(d))\ng[1]=h\nZ='],
    ['globs, braces and extended globs', 'ls *.txt [ab]? {a,b*} ./{x,y}/z @(p|q) $HOME/{a,b}'],
    ['quoting', `echo 'a b' "c \\$d \\" e" $'f\\ng' $"h" i\\ j "k$(l)m"`],
    ['parameter expansions', 'echo ${x:-$(a)} ${y/$(b)/$(c)} ${z:$(d):$(e)} ${#w} ${!v} ${u[$(f)]}'],
    ['tests and cases', '[[ -n $(a) && $b == c ]]\ncase $(d) in x|y) e;; *) f;& esac'],
    [
      'tests, cases and lists with and without substitutions in their words',
      '[[ -f s && $x == "y z" ]]\ncase $v in a) b;; esac\nfor w in x $y "$z"; do c; done\n[[ ${n} = `d` ]]',
    ],
    [
      'compound commands',
      'if a; then b; elif c; then d; else e; fi\nwhile f; do g; done\nuntil h; do i; done\n' +
        'for j in $(k) l; do m; done\nfor ((n=0; n<$(o); n++)); do p; done\nselect q in r; do s; done',
    ],
    ['groups in pipelines', '{ a; b && c; } | d\n( e; f ) | g > out\n{ h; } 2>err'],
    ['functions', 'f() { a; } >o\nfunction g { b | c; }\nh() ( d )'],
    ['substitutions', 'diff <(a | b) >(c) `d` $(e $(f)) "$(g)"'],
    [
      'backquotes whose escapes decode to what is written',
      'go build -v `go list ./... | grep -v \'a\\|b\'`\necho `printf a\\.b` "`c \\| d`" `e $(f \\| g)`',
    ],
    ['redirection-only statements', '> out\n2>/dev/null cmd'],
    ['non-ASCII text', 'echo "é $(date)" 日本 && 😀 | x'],
    ['comments and blank lines', '# c\n\na # trailing\n\n  b'],
  ])('%s', (_name, text) => {
    const { mvdan, unbash, mvdanCommands } = both(contiguousSource(text));
    expect(mvdan.error).toBeUndefined();
    expect(unbash).toEqual(mvdanCommands);
  });

  it('places commands in the file when the script is a piece of it', () => {
    const source: ScriptSource = {
      text: 'curl -s x | bash\nexport A=$(b)',
      segments: [
        { at: 0, file: 40 },
        { at: 17, file: 90 },
      ],
    };
    const { unbash, mvdanCommands } = both(source);
    expect(unbash).toEqual(mvdanCommands);
    expect(unbash[2].offset).toBe(90);
  });
});

describe('mvdan-sh reads what unbash does not read cleanly or as mvdan-sh does', () => {
  it.each([
    ['an unterminated quote', 'echo "a'],
    ['an unknown parameter operation', 'echo ${shell id -u}'],
    ['the same in a here-document body', 'cat <<EOF\n${shell id -u}\nEOF\n'],
    ['the same in a test', '[[ -n $x && -z ${shell id -u} ]]'],
    ['the same in a `for` list', 'for x in a ${shell id}; do :; done'],
    ['a missing fi', 'if a; then b'],
    ['escaped backquotes (unbash decodes them into a script of its own)', 'echo `a \\`b\\``'],
    ['an escaped dollar in backquotes', 'echo `a \\$b | c`'],
    ['an escaped quote in backquotes in double quotes', 'echo "`a \\"b\\"`"'],
    ['escaped backslashes in backquotes', 'echo `a \\\\| b`'],
    ['a function body that is not a command', 'f() a'],
    ['`let`, whose arithmetic unbash reads as words', 'let x=$(a)+1'],
    ['coprocesses, which the two split differently', 'coproc a\ncoproc NAME { b; }'],
    ['a declaration of a quoted name', 'export "$X"'],
    ['a comment ending in a backslash', 'docker run \\\n  # --rm \\\n  image'],
    ['an array before a command', 'a[1]=x cmd'],
    ['a negation after `time`', 'a || time ! b'],
    ['a here-document that never closes', 'cat <<EOF\nx'],
    ['`time` in a later pipeline stage, a keyword to mvdan-sh', 'a | time b'],
    ['`function` where mvdan-sh wants a name', 'function; [[ -f s ]]'],
    ['`function` after redirections', '>out function @(x)'],
    ['a function named with its parentheses left open', 'function f (x)'],
    ['a definition as a pipeline stage', 'f() [[ -f s ]] | x'],
    ['an extended glob as the command name', '@(x) y'],
    ['an extended glob after the word `function`', 'a function @(x)'],
    ['a word after a redirection in a declaration', 'export M=1 <<<w cat'],
    ['empty arithmetic', '(( ))'],
    ['a `;` in arithmetic', '((a; ))'],
    ['`[[` in arithmetic', '((\n[[ ))'],
    ['an operator where a test wants a word', '[[ | ]]'],
    ['a redirection where `&>` wants a word', 'a &> 2>&1'],
  ])('%s', (_name, text) => {
    const source = contiguousSource(text);
    expect(parseWithUnbash(source)).toBeUndefined();
    expect(parseShellUncached(source)).toEqual(parseWithMvdan(source));
  });
});

describe('the unbash installed is one the walk reads', () => {
  it('reads the first-use probe as the walk expects', () => {
    expect(readsAsExpected(parse, forEachChild)).toBe(true);
  });

  it('refuses an unbash whose tree is shaped otherwise (mvdan-sh then reads every script)', () => {
    const rename = (node: SyntaxNode): void => {
      if (node.type === 'AndOr') (node as { type: string }).type = 'AndList';
      forEachChild(node, rename);
    };
    const reshaped = (text: string) => {
      const tree = parse(text);
      forEachChild(tree, rename);
      return tree;
    };
    expect(readsAsExpected(reshaped, forEachChild)).toBe(false);
  });
});

describe('a nesting deeper than unbash reads (256 levels)', () => {
  it('is read by mvdan-sh, every command in place', () => {
    const source = contiguousSource('echo ' + '$('.repeat(300) + 'curl x | bash' + ')'.repeat(300));
    expect(parseWithUnbash(source)).toBeUndefined();
    // Each substitution lists every command under it: compare places, not the (exponential) trees.
    const places = (commands: ShellCommand[]) => commands.map((c) => [c.offset, c.end, c.stage]);
    const read = parseShellUncached(source).commands;
    expect(read).toHaveLength(302);
    expect(places(read)).toEqual(places(parseWithMvdan(source).commands));
  });
});

describe('the two walks on generated scripts', () => {
  const pieces = [
    'a',
    'curl -fsSL https://x/i.sh',
    'bash',
    '"$X"',
    "'q r'",
    '$(b c)',
    '`d`',
    '`d \\| e`',
    '`f \\$g`',
    '${E:-f}',
    '${G/h/i}',
    'J=k',
    'L=',
    'export M=$(n)',
    'local o',
    '2>&1',
    '>out',
    '<<<w',
    '*.go',
    '{p,q}',
    '<(r)',
    '\\;',
    '$((1+2))',
    '[[ -f s ]]',
    '[[ $x == y ]]',
    '[[ ${x junk} ]]',
    '!',
    'time',
    '{',
    '}',
    '(',
    ')',
    'if',
    'then',
    'fi',
    'do',
    'done',
    'case',
    'in',
    'esac',
    ';;',
    'let t=1',
    "$'x\\n'",
    '"a $(b) c"',
    'f()',
    'function',
    'coproc',
    'while',
    'until',
    '((',
    '))',
    '${#x}',
    '${x:1:2}',
    'a[1]=2',
    'declare -a',
    '#c',
    '>&2',
    '&>',
    '|&',
    '{a..b}',
    '@(x)',
    '<<-E',
    'E',
    '"',
  ];
  const glue = [' ', ' ', '\n', ' && ', ' || ', ' | ', '; ', ' & ', ' \\\n  ', '\n\n'];

  it('never reads a script unbash accepts differently from mvdan-sh, and never accepts what it rejects', () => {
    const next = seededChoices(7);
    let compared = 0;
    for (let i = 0; i < 6000; i++) {
      let text = '';
      const n = 1 + next(10);
      for (let k = 0; k < n; k++) text += pieces[next(pieces.length)]! + glue[next(glue.length)]!;
      if (next(4) === 0) text += 'cat <<EOF\nline $(u) ${v}\nEOF\n';
      const source = contiguousSource(text);
      const { mvdan, unbash, mvdanCommands } = both(source);
      if (unbash === null || unbash === undefined) continue;
      compared++;
      expect({ text, error: mvdan.error?.message, commands: unbash }).toEqual({
        text,
        error: undefined,
        commands: mvdanCommands,
      });
    }
    expect(compared).toBeGreaterThan(400);
  });
});
