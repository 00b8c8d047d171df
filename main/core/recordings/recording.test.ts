import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  parseRecording,
  recordingLines,
  RecordingError,
  serializeRecording,
  type RecordedItem,
  type RecordingHeader,
} from './recording';

const header: RecordingHeader = {
  format: 'riposte-recording',
  version: 1,
  title: 'Finale',
  startsAt: 1_000_000,
  endsAt: 2_000_000,
  timeZone: 'Europe/Paris',
  language: 'fr',
};

function item(publishedAt: number, extId = `id-${publishedAt}`): RecordedItem {
  return {
    extId,
    url: 'https://example.com/a',
    authorHandle: '@a@social.example.org',
    authorName: 'A',
    text: 'Allez ! #FinaleCDN2026',
    html: '<p>Allez !</p>',
    language: 'fr',
    publishedAt,
    engagement: { likes: 3 },
    mediaUrls: [],
    source: { kind: 'mastodon', label: 'social.example.org' },
  };
}

function errorOf(text: string): RecordingError {
  try {
    parseRecording(text);
  } catch (error) {
    if (error instanceof RecordingError) return error;
    throw error;
  }
  throw new Error('expected the recording to be refused');
}

describe('recording format', () => {
  it('round-trips header and items', () => {
    const items = [item(1_000_000), item(1_500_000), item(1_500_000, 'same-time'), item(2_000_000)];
    const text = serializeRecording(header, items);
    expect(text.split('\n')).toHaveLength(6);
    expect(parseRecording(text)).toEqual({ header, items });
  });

  it('streams the same text line by line', () => {
    const items = [item(1_000_000), item(1_200_000)];
    const lines = [...recordingLines(header, items)];
    expect(lines).toHaveLength(3);
    expect(lines.every((l) => l.endsWith('\n'))).toBe(true);
    expect(lines.join('')).toBe(serializeRecording(header, items));
  });

  it('accepts CRLF, a BOM and blank lines', () => {
    const text = `\uFEFF${serializeRecording(header, [item(1_000_000)]).replaceAll('\n', '\r\n')}\r\n\r\n`;
    expect(parseRecording(text).items).toHaveLength(1);
  });

  it('names the line and field of a wrong type', () => {
    const lines = serializeRecording(header, [item(1_000_000), item(1_100_000)]).split('\n');
    lines[2] = lines[2]?.replace('"publishedAt":1100000', '"publishedAt":"soon"') ?? '';
    const error = errorOf(lines.join('\n'));
    expect(error.line).toBe(3);
    expect(error.message).toBe('line 3: publishedAt must be a number');
  });

  it.each([
    ['a missing field', (l: string) => l.replace('"authorName":"A",', ''), 'line 2: authorName is required'],
    [
      'a fractional time',
      (l: string) => l.replace('"publishedAt":1000000', '"publishedAt":1000000.5'),
      'line 2: publishedAt must be an integer',
    ],
    [
      'a negative count',
      (l: string) => l.replace('"likes":3', '"likes":-1'),
      'line 2: engagement.likes must be at least 0',
    ],
    [
      'an unknown source kind',
      (l: string) => l.replace('"kind":"mastodon"', '"kind":"fax"'),
      'line 2: source.kind must be',
    ],
    [
      'a media url of the wrong type',
      (l: string) => l.replace('"mediaUrls":[]', '"mediaUrls":[1]'),
      'line 2: mediaUrls[0] must be a string',
    ],
    ['broken JSON', (l: string) => l.slice(0, 20), 'line 2: not valid JSON'],
  ])('reports %s', (_name, corrupt, expected) => {
    const [first, second] = serializeRecording(header, [item(1_000_000)]).split('\n');
    const error = errorOf(`${first}\n${corrupt(second ?? '')}\n`);
    expect(error.message.startsWith(expected)).toBe(true);
  });

  it('refuses a file that is not a recording', () => {
    expect(errorOf('{"hello":1}\n').message).toMatch(/^line 1: this is not a Riposte recording/);
    expect(errorOf('').message).toMatch(/empty/);
    expect(errorOf(JSON.stringify({ ...header, timeZone: 'Mars/Olympus' })).message).toBe(
      'line 1: timeZone must be an IANA time zone',
    );
    expect(errorOf(JSON.stringify({ ...header, endsAt: 0 })).message).toBe(
      'line 1: endsAt must not be before startsAt',
    );
  });

  it('refuses items out of order, outside the window, or with a repeated extId', () => {
    const head = JSON.stringify(header);
    const line = (i: RecordedItem) => JSON.stringify(i);
    expect(errorOf([head, line(item(1_500_000)), line(item(1_400_000))].join('\n')).message).toMatch(
      /^line 3: publishedAt 1400000 is before the previous item's/,
    );
    expect(errorOf([head, line(item(2_500_000))].join('\n')).message).toMatch(
      /^line 2: publishedAt 2500000 is outside/,
    );
    expect(errorOf([head, line(item(1_100_000, 'x')), '', line(item(1_200_000, 'x'))].join('\n')).message).toBe(
      'line 4: extId "x" is already used on line 2',
    );
    expect(() => serializeRecording(header, [item(1_500_000), item(1_400_000)])).toThrow(/line 3/);
  });

  it('writes keys in a fixed order whatever order the objects were built in (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1_000_000, max: 2_000_000 }), { maxLength: 30 }), (times) => {
        const sorted = [...times].sort((a, b) => a - b);
        const items = sorted.map((t, i) => item(t, `k${i}`));
        const shuffled = items.map((i) => Object.fromEntries(Object.entries(i).reverse()) as RecordedItem);
        const text = serializeRecording(header, items);
        expect(serializeRecording(header, shuffled)).toBe(text);
        expect(parseRecording(text).items).toEqual(items);
      }),
    );
  });
});
