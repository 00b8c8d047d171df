import fc from 'fast-check';

/** Query texts built from `leaf` terms with AND (a space), OR, NOT (`-`) and parentheses, nested. */
export function queryTexts(leaf: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.letrec<{ node: string; and: string; or: string; not: string }>((tie) => ({
    node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('and'), tie('or'), tie('not')),
    and: fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a} ${b})`),
    or: fc.tuple(tie('node'), tie('node')).map(([a, b]) => `(${a} OR ${b})`),
    not: tie('node').map((a) => `-${a}`),
  })).node;
}
