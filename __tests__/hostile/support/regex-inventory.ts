/**
 * An inventory of the regular expressions in sscop's sources, read from the TypeScript syntax tree:
 * every regex literal and every `new RegExp(…)` whose pattern can be worked out statically
 * (string literals, templates over `const` strings, `String.raw`, `[…].join(sep)`, `X.source`).
 * A piece that cannot be worked out (e.g. a word list built at run time) is replaced by a plain
 * word and the entry is marked `approximated`: a list of literal alternatives adds no ambiguity.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface RegexSite {
  /** Path relative to the repository root, e.g. `src/checks/codeowners.ts`. */
  file: string;
  line: number;
  source: string;
  flags: string;
  approximated: boolean;
}

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..', '..');

/** The `.ts` files directly inside `dir` (relative to the repository root), sorted. */
export function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(REPO_ROOT, dir))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

const PLACEHOLDER = 'word';

export function inventoryRegexes(files: readonly string[]): RegexSite[] {
  return files.flatMap((file) => regexesIn(file, readFileSync(path.join(REPO_ROOT, file), 'utf8')));
}

function regexesIn(file: string, text: string): RegexSite[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const consts = new Map<string, ts.Expression>();
  const collect = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) {
      const list = node.parent;
      if (ts.isVariableDeclarationList(list) && list.flags & ts.NodeFlags.Const)
        consts.set(node.name.text, node.initializer);
    }
    ts.forEachChild(node, collect);
  };
  collect(sf);

  const out: RegexSite[] = [];
  const lineOf = (node: ts.Node): number => sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
  const visit = (node: ts.Node): void => {
    if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
      const literal = node.getText(sf);
      const end = literal.lastIndexOf('/');
      out.push({
        file,
        line: lineOf(node),
        source: literal.slice(1, end),
        flags: literal.slice(end + 1),
        approximated: false,
      });
    } else if (
      (ts.isNewExpression(node) || ts.isCallExpression(node)) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'RegExp' &&
      node.arguments?.[0]
    ) {
      const state = { approximated: false };
      const source = evaluate(node.arguments[0], consts, sf, state, 0);
      const flagsArg = node.arguments[1];
      const flags = flagsArg ? evaluate(flagsArg, consts, sf, state, 0) : '';
      out.push({ file, line: lineOf(node), source, flags, approximated: state.approximated });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

/** The string value of a constant expression, as far as it can be worked out without running code. */
function evaluate(
  expr: ts.Expression,
  consts: ReadonlyMap<string, ts.Expression>,
  sf: ts.SourceFile,
  state: { approximated: boolean },
  depth: number,
): string {
  const again = (e: ts.Expression): string => evaluate(e, consts, sf, state, depth + 1);
  if (depth > 20) return approximate(state);
  if (ts.isParenthesizedExpression(expr) || ts.isAsExpression(expr)) return again(expr.expression);
  if (ts.isStringLiteral(expr) || ts.isNoSubstitutionTemplateLiteral(expr)) return expr.text;
  if (ts.isTemplateExpression(expr)) {
    return expr.head.text + expr.templateSpans.map((s) => again(s.expression) + s.literal.text).join('');
  }
  if (ts.isTaggedTemplateExpression(expr) && expr.tag.getText(sf) === 'String.raw') {
    const t = expr.template;
    if (ts.isNoSubstitutionTemplateLiteral(t)) return t.rawText ?? t.text;
    return (
      (t.head.rawText ?? t.head.text) +
      t.templateSpans.map((s) => again(s.expression) + (s.literal.rawText ?? s.literal.text)).join('')
    );
  }
  if (ts.isBinaryExpression(expr) && expr.operatorToken.kind === ts.SyntaxKind.PlusToken)
    return again(expr.left) + again(expr.right);
  if (ts.isIdentifier(expr)) {
    const init = consts.get(expr.text);
    return init ? again(init) : approximate(state);
  }
  if (ts.isRegularExpressionLiteral(expr)) {
    const literal = expr.getText(sf);
    return literal.slice(1, literal.lastIndexOf('/'));
  }
  if (ts.isPropertyAccessExpression(expr) && expr.name.text === 'source') return again(expr.expression);
  if (
    ts.isCallExpression(expr) &&
    ts.isPropertyAccessExpression(expr.expression) &&
    expr.expression.name.text === 'join' &&
    ts.isArrayLiteralExpression(expr.expression.expression)
  ) {
    const sep = expr.arguments[0] ? again(expr.arguments[0]) : ',';
    return expr.expression.expression.elements.map((e) => again(e)).join(sep);
  }
  return approximate(state);
}

function approximate(state: { approximated: boolean }): string {
  state.approximated = true;
  return PLACEHOLDER;
}
