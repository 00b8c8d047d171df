import { parseRegExpLiteral, visitRegExpAST } from '@eslint-community/regexpp';
import type { Quantifier } from '@eslint-community/regexpp/ast';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/**
 * A safe-regex style check: a quantifier that repeats without bound around a group that
 * itself holds a repeating quantifier (star height above one, like `(a+)*` or
 * `(?:<!--[\s\S]*?-->\s*)*`) can backtrack exponentially when the match fails, so it never
 * belongs in code that reads text from the network.
 */
export interface UnsafeRegex {
  file: string;
  line: number;
  pattern: string;
}

const unbounded = (quantifier: Quantifier): boolean => quantifier.max === Number.POSITIVE_INFINITY;

/**
 * True when some unbounded quantifier contains another unbounded one. A bounded inner
 * repetition (`(\+\w{2,21})*`) is left alone: its cost is capped by its bound.
 */
export function hasNestedQuantifier(literal: string): boolean {
  const ast = parseRegExpLiteral(literal);
  let nested = false;
  visitRegExpAST(ast, {
    onQuantifierEnter(outer) {
      if (!unbounded(outer)) return;
      visitRegExpAST(outer.element, {
        onQuantifierEnter(inner) {
          if (unbounded(inner)) nested = true;
        },
      });
    },
  });
  return nested;
}

function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...sourceFiles(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) files.push(path);
  }
  return files;
}

/** Every regex literal (and `new RegExp('…')` with a literal pattern) in the folders' TypeScript files. */
export function findUnsafeRegexes(root: string, folders: readonly string[]): UnsafeRegex[] {
  const found: UnsafeRegex[] = [];
  for (const file of folders.flatMap((folder) => sourceFiles(join(root, folder)))) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const check = (literal: string, node: ts.Node) => {
      if (!hasNestedQuantifier(literal)) return;
      const { line } = source.getLineAndCharacterOfPosition(node.getStart());
      found.push({ file: relative(root, file), line: line + 1, pattern: literal });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isRegularExpressionLiteral(node)) check(node.text, node);
      if (
        ts.isNewExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === 'RegExp' &&
        node.arguments?.[0] &&
        ts.isStringLiteralLike(node.arguments[0])
      ) {
        check(`/${node.arguments[0].text}/`, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}
