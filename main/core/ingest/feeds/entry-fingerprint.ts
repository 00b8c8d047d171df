import { hash } from 'node:crypto';
import type { EntryContext, RawEntry } from './item-fields';

/**
 * What a caller remembers of an entry it stored: the key a re-poll looks it up by. The
 * fingerprint changes whenever the feed rewrites the entry (an edited title or body, a new
 * date), so only entries unchanged since they were stored are left out unread.
 */
export interface EntryKey {
  extId: string;
  fingerprint: string;
  /** The entry had no text and no link: counted again on the health line when it is left out. */
  unreadable: boolean;
}

/** Stored entries by extId, as the caller kept them from an earlier parse's `keys`. */
export type KnownEntries = ReadonlyMap<string, Omit<EntryKey, 'extId'>>;

/**
 * A hash of the entry's source text and of what the document lends it (base, language, the
 * feed's author for entries without one), computed without decoding or sanitizing anything.
 * 128 bits of SHA-256 (hardware-accelerated: microseconds an entry) tell an edit apart; a
 * feed that forged a collision would only hide its own edit.
 */
export function entryFingerprint(entry: RawEntry, context: EntryContext): string {
  const lent = `${context.base ?? ''}\u0000${context.language ?? ''}\u0000${entry.authorName ?? ''}\u0000`;
  return hash('sha256', lent + entry.sourceText, 'base64').slice(0, 22);
}
