/**
 * Size limits on the source: no file in src/ over 500 lines and no function over 120 lines, so
 * every module can be read in one sitting. Functions are measured with the TypeScript parser, from
 * the line their declaration starts on (doc comment excluded) to the line of their closing brace.
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const MAX_FILE_LINES = 500;
const MAX_FUNCTION_LINES = 120;

/** A file's line count, as `wc -l` gives it. */
function lineCount(text: string): number {
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The name a function goes by: its own, else the variable or property it is assigned to. */
function functionName(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if ((ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && parent.name)
    return parent.name.getText(source);
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  return `<anonymous at line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}>`;
}

/** Every function with a body in `text` longer than `limit` lines: name and length. */
function longFunctions(
  fileName: string,
  text: string,
  limit = MAX_FUNCTION_LINES,
): Array<{ name: string; lines: number }> {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const out: Array<{ name: string; lines: number }> = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > limit) out.push({ name: functionName(node as ts.FunctionLikeDeclaration, source), lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return out;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFiles(rel);
    return entry.name.endsWith('.ts') ? [rel] : [];
  });
}

/** Every file and function in src/ over its limit, as `file PATH` / `function PATH NAME`, with its length. */
function overLimits(): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of sourceFiles('src')) {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    const lines = lineCount(text);
    if (lines > MAX_FILE_LINES) out.set(`file ${file}`, lines);
    for (const f of longFunctions(file, text)) out.set(`function ${file} ${f.name}`, f.lines);
  }
  return out;
}

describe('source size limits', () => {
  const found = overLimits();

  it(`no file in src/ is over ${MAX_FILE_LINES} lines and no function over ${MAX_FUNCTION_LINES}`, () => {
    expect([...found].map(([key, lines]) => `${key} (${lines} lines)`)).toEqual([]);
  });

  it('measures a function from its declaration to its closing brace', () => {
    const body = (n: number): string =>
      Array.from({ length: n }, (_, i) => `  const a${i} = ${i};`).join('\n');
    // 121 lines: the opening line, 119 body lines, the closing brace.
    const long = `/** doc */\nexport function long(): void {\n${body(119)}\n}\n`;
    const fits = `const fits = (): void => {\n${body(118)}\n};\n`;
    const method = `class C {\n  method(): void {\n${body(130)}\n  }\n}\n`;
    expect(longFunctions('x.ts', long)).toEqual([{ name: 'long', lines: 121 }]);
    expect(longFunctions('x.ts', fits)).toEqual([]);
    expect(longFunctions('x.ts', method)).toEqual([{ name: 'method', lines: 132 }]);
  });
});
