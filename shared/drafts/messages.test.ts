import { describe, expect, it } from 'vitest';
import { englishError, errorTemplate, placeholdersOf } from '../i18n/english-errors';
import enErrors from '../i18n/locales/en/errors.json';
import frErrors from '../i18n/locales/fr/errors.json';
import { draftMessagesEn, draftMessagesFr } from './messages';

const placeholders = (text: string) => placeholdersOf(text).sort();

describe('the lifecycle’s error messages in the UI catalog', () => {
  const errorKeys = Object.keys(draftMessagesEn).filter((key) => key.startsWith('errors.'));

  it('has every lifecycle error key in English and French, with the same placeholders', () => {
    for (const key of errorKeys as (keyof typeof draftMessagesEn)[]) {
      const en = errorTemplate(enErrors, key);
      const fr = errorTemplate(frErrors, key);
      expect(typeof en, key).toBe('string');
      expect(typeof fr, key).toBe('string');
      // The template parser fills its own params (field, detail) into the catalog's checklist keys.
      if (key.startsWith('errors.checklist.')) continue;
      expect(placeholders(String(en)), key).toEqual(placeholders(draftMessagesEn[key]));
      expect(placeholders(String(fr)), key).toEqual(placeholders(draftMessagesFr[key]));
    }
  });

  it('renders the same English sentence as the domain, times aside', () => {
    expect(englishError('errors.draft.notAllowed', { role: 'writer', action: 'approve' })).toBe(
      'As writer, you cannot approve this draft.',
    );
  });
});
