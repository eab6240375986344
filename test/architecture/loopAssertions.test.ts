import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '..', '..');
const walk = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : f.endsWith('.test.ts') ? [join(dir, f)] : []));

const TEST_CALLS = new Set(['it', 'test']);
const LOOP_METHODS = new Set(['forEach', 'map', 'flatMap', 'filter', 'every', 'some', 'reduce', 'find']);

const unwrap = (e: ts.Expression): ts.Expression => (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) ? unwrap(e.expression) : e);
const nonEmptyLiteral = (e: ts.Expression): boolean => {
  const x = unwrap(e);
  return ts.isArrayLiteralExpression(x) && x.elements.length > 0 && !x.elements.some(ts.isSpreadElement);
};

/** The initialiser of the `const` a name refers to, searched in the enclosing blocks (`const CASES = [[…], …]`). */
function constInitializer(name: ts.Identifier): ts.Expression | undefined {
  for (let scope: ts.Node | undefined = name.parent; scope; scope = scope.parent) {
    if (!ts.isBlock(scope) && !ts.isSourceFile(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
      for (const d of statement.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name.text) return d.initializer;
    }
  }
  return undefined;
}

/**
 * Loops that always run: over a non-empty array literal (`for (const k of [2, 3])`, or a `const` of the file
 * holding one), or counting between number literals (`for (let s = 1; s <= 25; s++)`). Anything else may not.
 */
function loopMayBeEmpty(node: ts.Node): boolean {
  if (ts.isForStatement(node)) {
    const init = node.initializer && ts.isVariableDeclarationList(node.initializer) ? node.initializer.declarations[0]?.initializer : undefined;
    const cond = node.condition;
    if (init && cond && ts.isNumericLiteral(unwrap(init)) && ts.isBinaryExpression(cond) && ts.isNumericLiteral(unwrap(cond.right))) {
      const [from, to] = [Number((unwrap(init) as ts.NumericLiteral).text), Number((unwrap(cond.right) as ts.NumericLiteral).text)];
      if (cond.operatorToken.kind === ts.SyntaxKind.LessThanToken ? from < to : cond.operatorToken.kind === ts.SyntaxKind.LessThanEqualsToken && from <= to) return false;
    }
    return true;
  }
  let iterable: ts.Expression | undefined;
  if (ts.isForOfStatement(node) || ts.isForInStatement(node)) iterable = node.expression;
  else if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) iterable = node.expression.expression;
  else return true; // while, do: the condition decides
  const x = unwrap(iterable);
  if (ts.isIdentifier(x)) {
    const init = constInitializer(x);
    return !(init && nonEmptyLiteral(init));
  }
  return !nonEmptyLiteral(x);
}

/** The loop (statement, or callback of an array method) whose body holds `node`, if any, below `top`. */
function enclosingLoops(node: ts.Node, top: ts.Node): ts.Node[] {
  const loops: ts.Node[] = [];
  for (let n = node.parent; n && n !== top; n = n.parent) {
    if (ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n)) {
      // the iterable expression itself is not the body
      if ((ts.isForOfStatement(n) || ts.isForInStatement(n)) && node.pos >= n.expression.pos && node.end <= n.expression.end) continue;
      loops.push(n);
    } else if ((ts.isArrowFunction(n) || ts.isFunctionExpression(n)) && ts.isCallExpression(n.parent) && ts.isPropertyAccessExpression(n.parent.expression) && LOOP_METHODS.has(n.parent.expression.name.text) && n.parent.arguments.includes(n)) {
      loops.push(n.parent);
    }
  }
  return loops;
}

const isExpectCall = (n: ts.Node): n is ts.CallExpression =>
  ts.isCallExpression(n) && ((ts.isIdentifier(n.expression) && n.expression.text === 'expect') || (ts.isPropertyAccessExpression(n.expression) && ts.isIdentifier(n.expression.expression) && n.expression.expression.text === 'expect'));

/**
 * Tests (it/test callbacks) whose every `expect` sits in a loop over data that may be empty: such a test
 * passes without checking anything when the data is empty. A guard (an expect outside the loops, such as
 * the data's length, or `expect.assertions(n)`) makes it fail instead. Returns "line name" per test found.
 */
function scanSource(source: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && TEST_CALLS.has(node.expression.text)) {
      const body = node.arguments.find((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a));
      const title = node.arguments[0];
      if (body) {
        const expects: ts.CallExpression[] = [];
        const collect = (n: ts.Node): void => {
          if (isExpectCall(n)) expects.push(n);
          ts.forEachChild(n, collect);
        };
        collect(body);
        const guarded = expects.some((e) => enclosingLoops(e, body).every((l) => !loopMayBeEmpty(l)));
        if (expects.length > 0 && !guarded) found.push(`${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${title && ts.isStringLiteralLike(title) ? title.text : '?'}`);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const scanFile = (file: string): string[] =>
  scanSource(ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true)).map((f) => `${relative(root, file)}:${f}`);

describe('assertions inside loops have a guard', () => {
  it('no test asserts only inside loops over data that may be empty', () => {
    const files = walk(join(root, 'test'));
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap(scanFile)).toEqual([]);
  });

  it('the scanner finds such a test and accepts a guarded one', () => {
    const probe = (code: string): string[] => scanSource(ts.createSourceFile('probe.test.ts', code, ts.ScriptTarget.ES2022, true));
    expect(probe(`it('a', () => { for (const r of rows) expect(r).toBe(1); });`)).toHaveLength(1);
    expect(probe(`it('a', () => { rows.forEach((r) => expect(r).toBe(1)); });`)).toHaveLength(1);
    expect(probe(`it('a', () => { expect(rows.length).toBeGreaterThan(0); for (const r of rows) expect(r).toBe(1); });`)).toEqual([]);
    expect(probe(`it('a', () => { for (const k of [2, 3]) expect(k).toBeGreaterThan(1); });`)).toEqual([]);
    expect(probe(`it('a', () => { expect.assertions(2); for (const r of rows) expect(r).toBe(1); });`)).toEqual([]);
    expect(probe(`const KS = [2, 3] as const; it('a', () => { for (const k of KS) expect(k).toBe(2); });`)).toEqual([]);
    expect(probe(`let KS = [2, 3]; it('a', () => { for (const k of KS) expect(k).toBe(2); });`)).toHaveLength(1);
    expect(probe(`it('a', () => { const cases = [1, 2]; for (const k of cases) expect(k).toBe(2); });`)).toEqual([]);
    expect(probe(`it('a', () => { { const cases = [1]; } for (const k of cases) expect(k).toBe(2); });`)).toHaveLength(1);
    expect(probe(`it('a', () => { for (let s = 1; s <= 25; s++) expect(s).toBe(1); });`)).toEqual([]);
    expect(probe(`it('a', () => { for (let i = 0; i < n; i++) expect(i).toBe(1); });`)).toHaveLength(1);
  });
});
