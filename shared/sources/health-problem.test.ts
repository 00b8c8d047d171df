import { describe, expect, it } from 'vitest';
import { catalog } from '../i18n/catalog';
import { placeholdersOf } from '../i18n/english-errors';
import { englishProblem, fillProblem, HealthProblem, healthProblemCodes, said } from './health-problem';

describe('health problems', () => {
  it('has a sentence for every code in both languages, with the same placeholders', () => {
    for (const code of healthProblemCodes) {
      const en = catalog.en.sources.problems[code];
      const fr = catalog.fr.sources.problems[code];
      expect(fr, code).toBeTruthy();
      expect(placeholdersOf(fr).sort(), code).toEqual(placeholdersOf(en).sort());
    }
  });

  it('keeps the English sentence it always stored, and says it in French from the code', () => {
    const timeout = said('timeout', { timeoutMs: 20_000 });
    expect(timeout.message).toBe('The server did not answer within 20 seconds');
    expect(fillProblem(catalog.fr.sources.problems.timeout, timeout.problem, 'fr')).toBe(
      'Le serveur n’a pas répondu en 20\u00a0secondes',
    );
    const wait = said('rateLimitedWait', { status: '429 Too Many Requests', waitMs: 90_000 });
    expect(wait.message).toBe('The server answered 429 Too Many Requests; asked us to wait 90 seconds');
    expect(fillProblem(catalog.fr.sources.problems.rateLimitedWait, wait.problem, 'fr')).toBe(
      'Le serveur a répondu 429 Too Many Requests et demande d’attendre 90\u00a0secondes',
    );
    expect(englishProblem({ code: 'tooLarge', params: { maxBytes: 15 * 1024 * 1024 } })).toBe(
      'The feed is larger than 15 MiB',
    );
    expect(
      fillProblem(catalog.fr.sources.problems.tooLarge, { code: 'tooLarge', params: { maxBytes: 3000 } }, 'fr'),
    ).toBe('Le flux dépasse 3000\u00a0octets');
  });

  it('refuses a code it does not know', () => {
    expect(HealthProblem.safeParse({ code: 'somethingElse', params: {} }).success).toBe(false);
    expect(HealthProblem.safeParse({ code: 'offline', params: {} }).success).toBe(true);
  });
});
