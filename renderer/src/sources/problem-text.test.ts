import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { initCatalogI18n } from '../testing/catalog-i18n';
import { said } from '../../../shared/sources/health-problem';
import { problemText } from './problem-text';

beforeAll(() => initCatalogI18n('fr'));

describe('problemText', () => {
  it('says a stored problem in the reader’s language', async () => {
    const { message, problem } = said('offline');
    await i18next.changeLanguage('fr');
    expect(problemText({ lastError: message, problem }, i18next.t, 'fr')).toBe(
      'Pas de réseau : en attente de reconnexion',
    );
    await i18next.changeLanguage('en');
    expect(problemText({ lastError: message, problem }, i18next.t, 'en')).toBe('No network: waiting to reconnect');
  });

  it('formats a wait the reader’s way', async () => {
    const { message, problem } = said('timeout', { timeoutMs: 1500 });
    await i18next.changeLanguage('fr');
    expect(problemText({ lastError: message, problem }, i18next.t, 'fr')).toBe(
      'Le serveur n’a pas répondu en 1,5\u00a0seconde',
    );
  });

  it('shows an older row, stored with its English sentence only, as it was stored', async () => {
    await i18next.changeLanguage('fr');
    expect(problemText({ lastError: 'The server answered 404 Not Found', problem: null }, i18next.t, 'fr')).toBe(
      'The server answered 404 Not Found',
    );
    expect(problemText({ lastError: null, problem: null }, i18next.t, 'fr')).toBeNull();
  });
});
