import { describe, expect, it } from 'vitest';
import { findUnsafeRegexes, hasNestedQuantifier } from './regex-safety';

/** Everything that reads text a remote server chose: feeds, network APIs, HTML, recordings. */
const feedTextFolders = [
  'main/core/ingest',
  'main/core/networks',
  'main/core/net',
  'main/core/sanitize',
  'main/core/recordings',
];

describe('regexes over feed text', () => {
  it('recognises the patterns that backtrack exponentially', () => {
    expect(hasNestedQuantifier(String.raw`/^(?:\s|<!DOCTYPE(?:[^[>]|\[[\s\S]*?\])*>)*<([A-Za-z_][\w.:-]*)/i`)).toBe(
      true,
    );
    expect(hasNestedQuantifier(String.raw`/^(?:<!--[\s\S]*?-->\s*)*x/`)).toBe(true);
    expect(hasNestedQuantifier('/(a+)+$/')).toBe(true);
    expect(hasNestedQuantifier(String.raw`/&(?!(?:[A-Za-z_:][\w.:-]*|#[0-9]+);)/`)).toBe(false);
    expect(hasNestedQuantifier(String.raw`/(?:ab)*c\s*/`)).toBe(false);
  });

  it('none has a quantifier repeated inside another (star height above one)', () => {
    expect(findUnsafeRegexes(process.cwd(), feedTextFolders)).toEqual([]);
  });
});
