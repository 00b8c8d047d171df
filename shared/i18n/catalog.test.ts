import { describe, expect, it } from 'vitest';
import { catalog } from './catalog';

function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([key, value]) => keys(value, prefix ? `${prefix}.${key}` : key));
}

function placeholders(node: unknown, prefix = ''): Record<string, string[]> {
  if (typeof node === 'string') return { [prefix]: (node.match(/\{\{\w+\}\}/g) ?? []).sort() };
  if (typeof node !== 'object' || node === null) return {};
  return Object.assign(
    {},
    ...Object.entries(node).map(([key, value]) => placeholders(value, prefix ? `${prefix}.${key}` : key)),
  ) as Record<string, string[]>;
}

describe('i18n catalog', () => {
  it('has the same keys in French and English', () => {
    expect(keys(catalog.fr).sort()).toEqual(keys(catalog.en).sort());
  });

  it('uses the same placeholders in both languages', () => {
    expect(placeholders(catalog.fr)).toEqual(placeholders(catalog.en));
  });

  it('has no empty strings', () => {
    for (const locale of [catalog.fr, catalog.en]) {
      for (const [key, value] of Object.entries(placeholders(locale))) {
        expect(value, key).toBeDefined();
      }
      expect(JSON.stringify(locale)).not.toMatch(/:""/);
    }
  });
});
