import { z } from 'zod';
import { NormalizedItem, SourceKind } from '../../../shared/domain/item';

/**
 * The replay recording format (resources/demo/README.md): JSONL, a header line, then one
 * recorded item per line sorted by publishedAt. Used by the demo, the detector rehearsals
 * and the room export, so the parser names the line of every problem it finds.
 */
export const RECORDING_FORMAT = 'riposte-recording';
export const RECORDING_VERSION = 1;

export const RecordingHeader = z
  .object({
    format: z.literal(RECORDING_FORMAT),
    version: z.literal(RECORDING_VERSION),
    title: z.string().min(1).max(500),
    startsAt: z.number().int(),
    endsAt: z.number().int(),
    timeZone: z.string().min(1).max(64).refine(isKnownTimeZone, 'must be an IANA time zone'),
    language: z.enum(['fr', 'en']),
  })
  .refine((h) => h.endsAt >= h.startsAt, { message: 'must not be before startsAt', path: ['endsAt'] });
export type RecordingHeader = z.infer<typeof RecordingHeader>;

/** Where an item was originally taken in (a replay of a replay keeps the first origin). */
export const RecordedSource = z.object({
  kind: SourceKind,
  label: z.string().min(1).max(200),
});
export type RecordedSource = z.infer<typeof RecordedSource>;

export const RecordedItem = NormalizedItem.extend({ source: RecordedSource });
export type RecordedItem = z.infer<typeof RecordedItem>;

export interface Recording {
  header: RecordingHeader;
  items: RecordedItem[];
}

/** A recording that cannot be read or written; `line` is 1-based, null when not about one line. */
export class RecordingError extends Error {
  override readonly name = 'RecordingError';
  constructor(
    message: string,
    readonly line: number | null,
  ) {
    super(line === null ? message : `line ${line}: ${message}`);
  }
}

/**
 * Parses a whole recording. Blank lines (a trailing newline, CRLF files) are ignored.
 * Throws RecordingError naming the first bad line: bad JSON, a field that does not match
 * the schema, items out of order or outside the header window, or a repeated extId
 * (the replay source stores items under one source id, so extIds must be unique).
 */
export function parseRecording(text: string): Recording {
  const lines = text.replace(/^\uFEFF/, '').split('\n');
  let header: RecordingHeader | null = null;
  const items: RecordedItem[] = [];
  const lineOfExtId = new Map<string, number>();

  for (let index = 0; index < lines.length; index++) {
    const raw = (lines[index] ?? '').trim();
    if (raw === '') continue;
    const lineNumber = index + 1;
    const value = parseJsonLine(raw, lineNumber);

    if (header === null) {
      header = validateHeader(value, lineNumber);
      continue;
    }
    const item = validate(RecordedItem, value, lineNumber, 'item');
    checkPlacement(header, items.at(-1), item, lineNumber);
    const previousLine = lineOfExtId.get(item.extId);
    if (previousLine !== undefined) {
      throw new RecordingError(`extId "${item.extId}" is already used on line ${previousLine}`, lineNumber);
    }
    lineOfExtId.set(item.extId, lineNumber);
    items.push(item);
  }

  if (header === null) throw new RecordingError('the recording is empty: a header line is required', null);
  return { header, items };
}

/**
 * Yields the recording line by line, each ending with "\n", so an export can stream a large
 * room without building one string. Validates as it goes and throws RecordingError (the
 * line number is the one the bad item would have had in the file).
 */
export function* recordingLines(header: RecordingHeader, items: Iterable<RecordedItem>): Generator<string> {
  const checkedHeader = validateHeader(header, 1);
  yield `${JSON.stringify(orderedHeader(checkedHeader))}\n`;
  let previous: RecordedItem | undefined;
  let lineNumber = 1;
  const seen = new Set<string>();
  for (const candidate of items) {
    lineNumber++;
    const item = validate(RecordedItem, candidate, lineNumber, 'item');
    checkPlacement(checkedHeader, previous, item, lineNumber);
    if (seen.has(item.extId)) throw new RecordingError(`extId "${item.extId}" is repeated`, lineNumber);
    seen.add(item.extId);
    previous = item;
    yield `${JSON.stringify(orderedItem(item))}\n`;
  }
}

export function serializeRecording(header: RecordingHeader, items: Iterable<RecordedItem>): string {
  let text = '';
  for (const line of recordingLines(header, items)) text += line;
  return text;
}

function orderedHeader(header: RecordingHeader): RecordingHeader {
  return {
    format: header.format,
    version: header.version,
    title: header.title,
    startsAt: header.startsAt,
    endsAt: header.endsAt,
    timeZone: header.timeZone,
    language: header.language,
  };
}

/** A fixed key order keeps files byte-identical whatever order the caller built objects in. */
function orderedItem(item: RecordedItem): RecordedItem {
  return {
    extId: item.extId,
    publishedAt: item.publishedAt,
    source: { kind: item.source.kind, label: item.source.label },
    url: item.url,
    authorHandle: item.authorHandle,
    authorName: item.authorName,
    language: item.language,
    text: item.text,
    html: item.html,
    engagement: orderedEngagement(item.engagement),
    mediaUrls: item.mediaUrls,
  };
}

function orderedEngagement(engagement: RecordedItem['engagement']): RecordedItem['engagement'] {
  const ordered: RecordedItem['engagement'] = {};
  if (engagement.likes !== undefined) ordered.likes = engagement.likes;
  if (engagement.reposts !== undefined) ordered.reposts = engagement.reposts;
  if (engagement.replies !== undefined) ordered.replies = engagement.replies;
  return ordered;
}

function checkPlacement(
  header: RecordingHeader,
  previous: RecordedItem | undefined,
  item: RecordedItem,
  lineNumber: number,
): void {
  if (item.publishedAt < header.startsAt || item.publishedAt > header.endsAt) {
    throw new RecordingError(
      `publishedAt ${item.publishedAt} is outside the recording (${header.startsAt} to ${header.endsAt})`,
      lineNumber,
    );
  }
  if (previous !== undefined && item.publishedAt < previous.publishedAt) {
    throw new RecordingError(
      `publishedAt ${item.publishedAt} is before the previous item's (${previous.publishedAt}); items must be sorted by publishedAt`,
      lineNumber,
    );
  }
}

function parseJsonLine(raw: string, lineNumber: number): unknown {
  try {
    return JSON.parse(raw) as unknown;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new RecordingError(`not valid JSON (${reason})`, lineNumber);
  }
}

function validateHeader(value: unknown, lineNumber: number): RecordingHeader {
  const format = typeof value === 'object' && value !== null && 'format' in value ? value.format : undefined;
  if (format !== RECORDING_FORMAT) {
    throw new RecordingError(
      `this is not a Riposte recording (the header's format must be "${RECORDING_FORMAT}")`,
      lineNumber,
    );
  }
  return validate(RecordingHeader, value, lineNumber, 'header');
}

function validate<T>(schema: z.ZodType<T>, value: unknown, lineNumber: number, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const detail = issue === undefined ? `invalid ${what}` : describeIssue(issue);
  throw new RecordingError(detail, lineNumber);
}

/** Plain sentences like "publishedAt must be a number", rather than zod's generic wording. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const field = issue.path.length === 0 ? 'the line' : formatPath(issue.path);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.message.endsWith('received undefined')) return `${field} is required`;
      return `${field} must be ${withArticle(issue.expected)}`;
    case 'too_big':
      return `${field} must ${sizeWords(issue.origin, 'at most', issue.maximum)}`;
    case 'too_small':
      return `${field} must ${sizeWords(issue.origin, 'at least', issue.minimum)}`;
    case 'invalid_value':
      return `${field} must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}`;
    case 'custom':
      return `${field} ${issue.message}`;
    case 'unrecognized_keys':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
    case 'invalid_format':
    case 'not_multiple_of':
      return `${field}: ${issue.message}`;
    default: {
      const unhandled: never = issue;
      return String(unhandled);
    }
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

function withArticle(expected: string): string {
  if (expected === 'int') return 'an integer';
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function sizeWords(origin: string, bound: string, limit: number | bigint): string {
  switch (origin) {
    case 'string':
      return `be ${bound} ${limit} characters`;
    case 'array':
      return `have ${bound} ${limit} entries`;
    default:
      return `be ${bound} ${limit}`;
  }
}

function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
