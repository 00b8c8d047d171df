import { MAX_MEDIA } from '../../../shared/drafts/networks';
import type { DraftTrigger } from '../../../shared/contract/calls/drafts';
import { keyedError } from '../errors';

/** Far above any network's limit (Mastodon 500), far below what would slow a room down. */
export const MAX_BODY_CHARS = 10_000;
/** Saves by one person closer together than this extend one revision instead of adding another. */
export const REVISION_BURST_MS = 60_000;

export function checkBody(body: string): void {
  if (body.length > MAX_BODY_CHARS) {
    throw keyedError(
      'too_large',
      'errors.draft.tooLong',
      `The draft is ${body.length.toLocaleString('en')} characters long; keep it under ${MAX_BODY_CHARS.toLocaleString('en')} (a post is at most 500). Nothing was saved; the previous text is kept.`,
      { field: 'body', params: { length: body.length, max: MAX_BODY_CHARS } },
    );
  }
}

/** The names to store: duplicates dropped, each one an image in the room's asset folder now. */
export function checkMedia(media: string[], exists: (name: string) => boolean): string[] {
  const unique = [...new Set(media)];
  if (unique.length > MAX_MEDIA) {
    throw keyedError(
      'invalid_input',
      'errors.draft.tooManyMedia',
      `A post carries at most ${MAX_MEDIA} images; ${unique.length} are attached. Nothing was saved.`,
      { field: 'media', params: { count: unique.length, max: MAX_MEDIA } },
    );
  }
  const missing = unique.find((name) => !exists(name));
  if (missing !== undefined) {
    throw keyedError(
      'invalid_input',
      'errors.draft.mediaMissing',
      `"${missing}" is not an image in this room's asset folder. Drop the file there first, or leave it out. Nothing was saved.`,
      { field: 'media', params: { name: missing } },
    );
  }
  return unique;
}

/** When the moment happened: an item's publication, a moment's time, or now; never later than now. */
export function triggerTime(
  trigger: DraftTrigger,
  at: number,
  itemTime: (itemId: number) => number | undefined,
): { at: number; ref: string | null } {
  switch (trigger.kind) {
    case 'item': {
      const published = itemTime(trigger.itemId);
      if (published === undefined) {
        throw keyedError('not_found', 'errors.draft.itemMissing', 'This item is not in this room (any more).', {
          field: 'trigger.itemId',
        });
      }
      return { at: Math.min(published, at), ref: String(trigger.itemId) };
    }
    case 'moment':
      return { at: Math.min(trigger.at ?? at, at), ref: trigger.momentId };
    case 'scratch':
      return { at, ref: null };
  }
}
