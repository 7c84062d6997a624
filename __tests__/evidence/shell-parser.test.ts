import { describe, expect, it } from '@jest/globals';
import { contiguousSource, parseShellUncached, commandName } from '../../src/evidence/shell.js';
import { childNodes, fromGoString, items, nodeType, parseToTree } from '../../src/evidence/shell-parser.js';

const names = (text: string): Array<string | undefined> =>
  parseShellUncached(contiguousSource(text)).commands.map(commandName);

describe('reading the parser tree directly', () => {
  it('decodes Go strings as GopherJS does: one U+FFFD per invalid byte', () => {
    expect(fromGoString('plain')).toBe('plain');
    expect(fromGoString('\xc3\xa9\xe6\x97\xa5')).toBe('é日');
    expect(fromGoString('\xf0\x9f\x98\x80')).toBe('😀');
    // A truncated sequence is one replacement per byte (WHATWG decoding would give one for both).
    expect(fromGoString('\xe2\x82x')).toBe('\ufffd\ufffdx');
    // An encoded surrogate and an overlong form are invalid in Go.
    expect(fromGoString('\xed\xa0\x80')).toBe('\ufffd\ufffd\ufffd');
    expect(fromGoString('\xc0\xaf')).toBe('\ufffd\ufffd');
  });

  it('reads words with non-ASCII text as written', () => {
    const [cmd] = parseShellUncached(contiguousSource('echo "é $(date)" 日本')).commands;
    expect(cmd!.args.map((w) => w.loose)).toEqual(['echo', 'é $(date)', '日本']);
    expect(cmd!.args[2]!.offset).toBe(17);
  });

  it('visits the nodes mvdan/sh Walk visits, in field order, leaving out slice bounds', () => {
    const file = parseToTree('echo ${x/$(a)/$(b)} ${y:$(c):$(d)}');
    const [stmt] = items(file.Stmts);
    expect(childNodes(stmt!).map(nodeType)).toEqual(['CallExpr']);
    expect(names('echo ${x/$(a)/$(b)} ${y:$(c):$(d)}')).toEqual(['echo', 'a', 'b']);
  });

  it('finds substitutions in loops, tests, arithmetic and arrays', () => {
    expect(
      names('for i in $(a); do :; done; [[ $(b) ]]; (( $(c) )); x=( $(d) ); case $(e) in *) f;; esac'),
    ).toEqual(['a', ':', 'b', 'c', undefined, 'd', 'e', 'f']);
  });
});
