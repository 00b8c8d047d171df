import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCatalogI18n } from './testing/catalog-i18n';
import { checkAnswer, ChecklistItem } from '../../shared/drafts/checklist';
import { errorText, sayCodeWords } from './i18n';

beforeAll(() => initCatalogI18n('fr'));

describe('code words in the reader’s language', () => {
  it('says roles, approval slots and lifecycle actions in French, one by one in a list', async () => {
    await i18next.changeLanguage('fr');
    expect(sayCodeWords({ role: 'writer', slot: 'brand', missing: 'brand, legal', action: 'request changes' })).toEqual(
      {
        role: 'rédacteur',
        slot: 'communication',
        missing: 'communication, juridique',
        action: 'demander des modifications',
      },
    );
    await i18next.changeLanguage('en');
    expect(sayCodeWords({ role: 'writer', missing: 'brand, legal' })).toEqual({
      role: 'writer',
      missing: 'brand, legal',
    });
  });

  it('says a publishing failure of an audit line, and a server’s reason carried in both languages, in theirs', async () => {
    const problem = JSON.stringify({ code: 'serverSaid', params: { status: 422, detail: 'Validation failed' } });
    const line = { channel: '@ana', reason: 'the server answered 422: “Validation failed”', problem };
    await i18next.changeLanguage('fr');
    expect(sayCodeWords(line)['reason']).toBe('le serveur a répondu 422\u00a0: «\u00a0Validation failed\u00a0»');
    expect(sayCodeWords({ reason: 'x', reasonEn: 'en words', reasonFr: 'mots français' })['reason']).toBe(
      'mots français',
    );
    // An audit line stored before failures had codes keeps its sentence.
    expect(sayCodeWords({ reason: 'The instance answered HTTP 500' })['reason']).toBe('The instance answered HTTP 500');
    await i18next.changeLanguage('en');
    expect(sayCodeWords(line)['reason']).toBe('the server answered 422: “Validation failed”');
  });

  it('names the checklist question of a refused n/a in the person’s language', async () => {
    const item = ChecklistItem.parse({
      id: 'authentic',
      kind: 'question',
      level: 'required',
      section: 'strategy',
      allowNa: false,
      text: { en: 'Does it feel authentic?', fr: 'Est-ce que ça sonne juste ?' },
      help: { en: 'Read it aloud.', fr: 'Lisez-le à voix haute.' },
    });
    const refused = checkAnswer(item, { value: 'na' });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    await i18next.changeLanguage('fr');
    expect(errorText(refused)).toContain('« Est-ce que ça sonne juste ? »');
    await i18next.changeLanguage('en');
    expect(errorText(refused)).toBe(
      '"Does it feel authentic?" must be answered pass or fail; n/a is not accepted for it.',
    );
  });
});

describe('checklist items named in an error or an audit line', () => {
  it('shows the questions in the reader’s language when the line carries both texts', async () => {
    const params = {
      items: 'image_rights',
      itemsEn: 'Do we hold the image rights?',
      itemsFr: 'Avons-nous les droits de l’image ?',
    };
    await i18next.changeLanguage('fr');
    expect(sayCodeWords(params)['items']).toBe('Avons-nous les droits de l’image ?');
    await i18next.changeLanguage('en');
    expect(sayCodeWords(params)['items']).toBe('Do we hold the image rights?');
    expect(sayCodeWords({ items: 'image_rights' })['items']).toBe('image_rights');
  });
});
