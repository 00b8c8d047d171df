import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { formatClock, formatElapsed, fromLocalInput, readableParams, toLocalInput, wordDiff } from './format';

// Local times depend on the machine's zone: pin one with summer time, restored after.
beforeAll(() => {
  vi.stubEnv('TZ', 'Europe/Paris');
});
afterAll(() => {
  vi.unstubAllEnvs();
});

describe('formatElapsed', () => {
  it('shows minutes and seconds, and hours only past one hour', () => {
    expect(formatElapsed(0)).toBe('0:00');
    expect(formatElapsed(4 * 60_000 + 7_999)).toBe('4:07');
    expect(formatElapsed(59 * 60_000 + 59_000)).toBe('59:59');
    expect(formatElapsed(3_600_000)).toBe('1:00:00');
    expect(formatElapsed(3_600_000 + 2 * 60_000 + 7_000)).toBe('1:02:07');
  });

  it('shows a negative time (a clock a little off) as zero', () => {
    expect(formatElapsed(-5_000)).toBe('0:00');
  });

  it('reads back to the whole seconds elapsed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100 * 3_600_000 }), (ms) => {
        const parts = formatElapsed(ms).split(':').map(Number);
        const seconds = parts.reduce((total, part) => total * 60 + part, 0);
        expect(seconds).toBe(Math.floor(ms / 1000));
        expect(parts.slice(1).every((part) => part < 60)).toBe(true);
      }),
    );
  });
});

describe('formatClock and readableParams', () => {
  const at = Date.UTC(2026, 6, 14, 18, 5, 9); // 20:05:09 in Paris (summer time)

  it('shows a clock time in the person’s zone and language', () => {
    expect(formatClock(at, 'fr')).toBe('20:05:09');
    expect(formatClock(at, 'en-GB')).toBe('20:05:09');
  });

  it('turns only the times an audit line carries into clock times', () => {
    expect(readableParams({ expiresAt: at, scheduledFor: at, count: 3, name: 'Ana' }, 'fr')).toEqual({
      expiresAt: '20:05:09',
      scheduledFor: '20:05:09',
      count: '3',
      name: 'Ana',
    });
    expect(readableParams({ expiresAt: 'soon' }, 'fr')).toEqual({ expiresAt: 'soon' });
  });

  it('writes numbers the reader’s way', () => {
    expect(readableParams({ cancelled: 12500 }, 'fr')).toEqual({ cancelled: '12\u202f500' });
    expect(readableParams({ cancelled: 12500 }, 'en')).toEqual({ cancelled: '12,500' });
  });

  it('shows a checklist question in the reader’s language and the answer as the reader’s word', () => {
    const params = {
      actor: 'Camille',
      item: 'Does it feel authentic?',
      itemFr: 'Est-ce que ça sonne juste et authentique ?',
      itemEn: 'Does it feel authentic?',
      value: 'pass',
    };
    const words: Record<string, Record<string, string>> = { fr: { pass: 'Validé' }, en: { pass: 'Pass' } };
    const inFrench = readableParams(params, 'fr', (value) => words['fr']?.[value] ?? value);
    expect(inFrench['item']).toBe('Est-ce que ça sonne juste et authentique ?');
    expect(inFrench['value']).toBe('Validé');
    const inEnglish = readableParams(params, 'en-GB', (value) => words['en']?.[value] ?? value);
    expect(inEnglish['item']).toBe('Does it feel authentic?');
    expect(inEnglish['value']).toBe('Pass');
  });

  it('keeps an older answer line, stored with the English question only, readable', () => {
    expect(readableParams({ item: 'Does it feel authentic?', value: 'fail' }, 'fr', () => 'Non validé')).toEqual({
      item: 'Does it feel authentic?',
      value: 'Non validé',
    });
  });
});

describe('wordDiff', () => {
  const join = (parts: { text: string }[]) => parts.map((part) => part.text).join('');

  it('marks the words added and removed between two revisions', () => {
    expect(wordDiff('We won the cup', 'We won the final cup')).toEqual([
      { text: 'We', kind: 'same' },
      { text: ' ', kind: 'same' },
      { text: 'won', kind: 'same' },
      { text: ' ', kind: 'same' },
      { text: 'the', kind: 'same' },
      { text: ' ', kind: 'same' },
      { text: 'final', kind: 'added' },
      { text: ' ', kind: 'added' },
      { text: 'cup', kind: 'same' },
    ]);
    expect(wordDiff('draft', 'final').map((part) => part.kind)).toEqual(['added', 'removed']);
  });

  it('keeps every word of both revisions: the old one without additions, the new one without removals', () => {
    const text = fc
      .array(fc.constantFrom('goal', 'cup', 'final', 'win', ' ', '  ', '\n'), { maxLength: 20 })
      .map((words) => words.join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const diff = wordDiff(before, after);
        expect(join(diff.filter((part) => part.kind !== 'added'))).toBe(before);
        expect(join(diff.filter((part) => part.kind !== 'removed'))).toBe(after);
      }),
    );
  });

  it('finds no change between a revision and itself', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60 }), (text) => {
        expect(wordDiff(text, text).every((part) => part.kind === 'same')).toBe(true);
      }),
    );
  });
});

describe('toLocalInput and fromLocalInput', () => {
  it('shows a time to the minute in the person’s zone', () => {
    expect(toLocalInput(Date.UTC(2026, 6, 14, 18, 5, 59))).toBe('2026-07-14T20:05');
    expect(toLocalInput(Date.UTC(2026, 0, 2, 3, 4))).toBe('2026-01-02T04:04');
  });

  it('reads an empty field as no time', () => {
    expect(fromLocalInput('')).toBeNaN();
  });

  it('reads back the minute it showed', () => {
    const hour = 3_600_000;
    const from = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 * 365 * 24 * 60 }), (minutes) => {
        const at = from + minutes * 60_000;
        // The hour clocks go back twice is shown twice: reading it back picks one of the two.
        const back = fromLocalInput(toLocalInput(at));
        expect([at, at - hour, at + hour]).toContain(back);
        expect(toLocalInput(back)).toBe(toLocalInput(at));
      }),
    );
  });
});
