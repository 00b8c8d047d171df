import { describe, expect, it } from 'vitest';
import enErrors from '../../../shared/i18n/locales/en/errors.json';
import frErrors from '../../../shared/i18n/locales/fr/errors.json';
import { englishError, errorTemplate } from '../../../shared/i18n/english-errors';
import { tempCoresPerTest } from '../testing/temp-core';
import { columnError, columnErrorKey, columnErrorTexts, type ColumnErrorName } from './column-errors';

const createTempCore = tempCoresPerTest();
const names = Object.keys(columnErrorTexts) as ColumnErrorName[];

describe('columns errors can be said in English and French', () => {
  it.each(names)('errors.column.%s is in both catalogs', (name) => {
    const key = columnErrorKey(name);
    expect(errorTemplate(enErrors, key), key).toBeTypeOf('string');
    expect(errorTemplate(frErrors, key), key).toBeTypeOf('string');
  });

  it.each(names)('errors.column.%s says in English what its message says', (name) => {
    const error = columnError(name, { field: 'columnId' });
    expect(error.messageKey).toBe(columnErrorKey(name));
    expect(error.code).toBe(columnErrorTexts[name].code);
    expect(error.field).toBe('columnId');
    expect(englishError(columnErrorKey(name))).toBe(error.message);
  });

  it('reach the caller with their key', async () => {
    const core = createTempCore(() => 1_700_000_000_000, { startIngest: false });
    expect(await core.dispatch('columns.update', { id: 'gone', name: 'x' })).toMatchObject({
      ok: false,
      code: 'not_found',
      messageKey: 'errors.column.notFound',
    });
  });
});
