import { z } from 'zod';
import { AccountView, EntryView, FreezeView, ManualKind } from '../../publishing/outbox';
import { PublishProblem } from '../../publishing/publish-problem';
import { call } from './define-call';
import { Id, RoomOnly, Text } from './fields';

const EntryOnly = z.object({ id: Id });
/** A URL a person typed or pasted: http(s) only, so nothing else is ever opened from it. */
const WebUrl = z
  .string()
  .trim()
  .max(2000)
  .url()
  .refine((value) => /^https?:\/\//i.test(value), { error: 'errors.publishing.urlScheme' });
/** Leads give a reason for the grave switches (freeze, retract): it goes in the audit log. */
const Reason = Text(2000).refine((value) => value.length >= 5, { error: 'errors.publishing.reasonShort' });

/** Everything the outbox shows for one room, fetched at once and refetched on `outbox.changed`. */
export const OutboxView = z.object({
  accounts: z.array(AccountView),
  entries: z.array(EntryView),
  freeze: FreezeView.nullable(),
  /** Entries that are waiting to leave, listed when a lead is about to unfreeze. */
  waiting: z.number(),
});
export type OutboxView = z.infer<typeof OutboxView>;

/** What main says of one channel before "publish" is offered for a draft. */
export const PreflightView = z.object({
  accountId: z.string(),
  /** Null when the post would go; else why not, in the contract's error shape. */
  refusal: z
    .object({
      message: z.string(),
      messageKey: z.string().optional(),
      params: z.record(z.string(), z.string()).optional(),
    })
    .nullable(),
  /** The draft was started from a post on this network: it can go out as a reply to it. */
  canReply: z.boolean(),
});
export type PreflightView = z.infer<typeof PreflightView>;

export const Visibility = z.enum(['public', 'unlisted']);
export type Visibility = z.infer<typeof Visibility>;

export const publishingCalls = {
  'accounts.list': call(RoomOnly, z.array(AccountView)),
  /** Checks the token with verify_credentials before anything is stored. */
  'accounts.addMastodon': call(
    z.object({ roomId: Id, instance: WebUrl, accessToken: z.string().trim().min(8).max(500) }),
    AccountView,
  ),
  /** Logs in once with an app password; the session is kept and refreshed, never re-created per post. */
  'accounts.addBluesky': call(
    z.object({
      roomId: Id,
      service: WebUrl.default('https://bsky.social'),
      identifier: z.string().trim().min(3).max(253),
      appPassword: z.string().trim().min(4).max(200),
    }),
    AccountView,
  ),
  'accounts.addManual': call(z.object({ roomId: Id, kind: ManualKind, label: Text(100) }), AccountView),
  /** The account stops being offered; its entries and audit lines keep naming it. */
  'accounts.remove': call(z.object({ id: Id }), AccountView),

  'outbox.get': call(RoomOnly, OutboxView),
  /** The same checks `outbox.publish` makes, per open account of the draft's room, so the editor refuses first. */
  'outbox.preflight': call(z.object({ draftId: Id }), z.array(PreflightView)),
  /**
   * Publishes an approved (or scheduled) draft to the chosen accounts: one entry each, held
   * for the room's undo window (or until the draft's scheduled time) before it leaves.
   */
  'outbox.publish': call(
    z.object({
      draftId: Id,
      accountIds: z.array(Id).min(1).max(12),
      /** Answer the post the draft was started from (Mastodon and Bluesky items only). */
      asReply: z.boolean().default(false),
      contentWarning: z.string().trim().max(500).optional(),
      /** Mastodon only: "unlisted" keeps it off the public timelines. */
      visibility: Visibility.default('public'),
    }),
    z.array(EntryView),
  ),
  /** Stops an entry that has not left yet (the undo window, a scheduled post, a wait). */
  'outbox.cancel': call(EntryOnly, EntryView),
  /** Sends a failed entry again; an entry whose outcome was unclear is looked up first. */
  'outbox.retry': call(EntryOnly, EntryView),
  /** "Send it anyway" for an entry that waited past its draft's freshness window. */
  'outbox.confirmStale': call(EntryOnly, EntryView),
  /** A manual channel's post is out: its URL if the person has it; now is the published time. */
  'outbox.confirmManual': call(z.object({ id: Id, url: WebUrl.optional() }), EntryView),
  'outbox.freeze': call(z.object({ roomId: Id, reason: Reason }), OutboxView),
  /** Lets the waiting entries go (each with a fresh undo window), except those listed to cancel. */
  'outbox.unfreeze': call(z.object({ roomId: Id, cancelIds: z.array(Id).max(500).default([]) }), OutboxView),
  /** "Delete everywhere": leads only, with a reason; manual channels list where to delete by hand. */
  'outbox.retract': call(z.object({ draftId: Id, reason: Reason }), z.array(EntryView)),
  /** A manual channel's post was deleted by hand. */
  'outbox.confirmRetracted': call(EntryOnly, EntryView),
};

export const publishingEvents = {
  /** Something in the room's outbox changed (an entry, an account, the freeze). */
  'outbox.changed': z.object({ roomId: z.string() }),
  /** A post failed or needs a person: shown as an alert, like a moment. */
  'outbox.alert': z.object({
    roomId: z.string(),
    entryId: z.string(),
    draftId: z.string(),
    channelLabel: z.string(),
    kind: z.enum(['failed', 'reconnect', 'stale']),
    /** In English, for logs and clients that do not read `problem`. */
    reason: z.string(),
    problem: PublishProblem,
  }),
};
