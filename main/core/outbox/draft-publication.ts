import type { UnreadableDraftPart } from '../../../shared/contract/calls/drafts';
import type { DraftState } from '../../../shared/drafts/draft';

/** What the outbox reads of a draft it publishes. */
export interface PublishableDraft {
  id: string;
  roomId: string;
  state: DraftState;
  body: string;
  version: number;
  media: string[];
  altTexts: Record<string, string>;
  scheduledFor: number | null;
  expiresAt: number;
  triggerKind: 'item' | 'moment' | 'scratch' | 'bank';
  triggerRef: string | null;
  /** Its images or approvals did not read from the store: it is never published (see `refuseUnreadable`). */
  unreadable: readonly UnreadableDraftPart[];
}

/** The drafts area's side of publishing: read a draft, and record that a channel acknowledged it. */
export interface DraftPublication {
  get(id: string): PublishableDraft;
  /**
   * A channel acknowledged the post at `at` (inside the caller's transaction). The stopwatch
   * keeps the first acknowledgement; the draft becomes `published` once every channel is out.
   */
  recordPublication(draftId: string, at: number, everyChannelOut: boolean): void;
}
