import { describe, expect, it } from 'vitest';
import { catalog } from '../i18n/catalog';
import {
  englishPublishProblem,
  publishProblem,
  publishProblemCodes,
  publishProblemSentence,
  publishSteps,
  sayPublishProblem,
  storedPublishProblem,
  whileDoing,
} from './publish-problem';

const nbsp = '\u00a0';

describe('publishing problems', () => {
  it('has every code and step in both languages', () => {
    for (const code of publishProblemCodes) {
      expect(catalog.fr.publishing.problems[code], code).toBeTruthy();
      expect(catalog.fr.publishing.problems[code], code).not.toBe(catalog.en.publishing.problems[code]);
    }
    for (const step of publishSteps) expect(catalog.fr.publishing.problemSteps[step], step).toBeTruthy();
  });

  it('says a server refusal in the reader’s language, the server’s own words kept as written', () => {
    const refused = publishProblem('serverSaid', { status: 422, detail: 'Validation failed: Text too long' });
    expect(sayPublishProblem(refused, 'en')).toBe('the server answered 422: “Validation failed: Text too long”');
    expect(sayPublishProblem(refused, 'fr')).toBe(
      `le serveur a répondu 422${nbsp}: «${nbsp}Validation failed: Text too long${nbsp}»`,
    );
    expect(englishPublishProblem(refused)).toBe('The server answered 422: “Validation failed: Text too long”');
  });

  it('names the step with its parameters, and a second problem met while settling the first', () => {
    const upload = whileDoing(publishProblem('httpStatus', { status: 503 }), {
      step: 'uploading',
      params: { fileName: 'but.png' },
    });
    const settled = { ...upload, then: publishProblem('tooManyStatuses') };
    expect(publishProblemSentence(settled, 'fr')).toBe(
      `Envoi de but.png${nbsp}: le serveur a répondu HTTP 503${nbsp}; puis trop de messages depuis celui-ci pour savoir s’il est parti`,
    );
    expect(publishProblemSentence(settled, 'en')).toBe(
      'Uploading but.png: the server answered HTTP 503; then too many posts since this one to be sure whether it went out',
    );
  });

  it('formats sizes and times by Intl in the reader’s language', () => {
    const heavy = publishProblem('imageTooHeavy', { fileName: 'a.jpg', maxBytes: 1024 * 1024 });
    expect(sayPublishProblem(heavy, 'fr')).toContain('1 Mio');
    expect(sayPublishProblem(heavy, 'en')).toContain('1 MiB');
    const until = Date.UTC(2026, 11, 7, 18, 30);
    const limited = publishProblem('signInsLimited', { untilAt: until });
    expect(sayPublishProblem(limited, 'fr')).toContain(
      new Intl.DateTimeFormat('fr', { dateStyle: 'medium', timeStyle: 'short' }).format(until),
    );
  });

  it('reads a stored problem back, and nothing from rows stored before codes or from a broken value', () => {
    const problem = publishProblem('credentialsGone');
    expect(storedPublishProblem(JSON.stringify(problem))).toEqual(problem);
    expect(storedPublishProblem(null)).toBeNull();
    expect(storedPublishProblem('{"code":"no-such-code","params":{}}')).toBeNull();
    expect(storedPublishProblem('The instance answered HTTP 500')).toBeNull();
  });
});
