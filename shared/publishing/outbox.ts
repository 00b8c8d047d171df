import { z } from 'zod';
import { PublishProblem } from './publish-problem';

/** Where a room publishes: the two open networks, or by hand (X, Instagram, a press release…). */
export const PublishNetwork = z.enum(['mastodon', 'bluesky', 'manual']);
export type PublishNetwork = z.infer<typeof PublishNetwork>;

/** Networks without an open API: Riposte copies the text and opens their compose page. */
export const manualKinds = ['x', 'instagram', 'linkedin', 'tiktok', 'threads', 'facebook', 'press', 'other'] as const;
export const ManualKind = z.enum(manualKinds);
export type ManualKind = z.infer<typeof ManualKind>;

export const entryStates = [
  'queued',
  'sending',
  'unknown',
  'published',
  'failed',
  'cancelled',
  'retracting',
  'retracted',
] as const;
export const EntryState = z.enum(entryStates);
export type EntryState = z.infer<typeof EntryState>;

/** Why an entry that is due has not left yet; the card says it in words, with `waitUntil`. */
export const WaitReason = z.enum(['offline', 'rate_limited', 'retrying', 'stale', 'frozen', 'manual']);
export type WaitReason = z.infer<typeof WaitReason>;

export const PublishLimitsView = z.object({
  maxCharacters: z.number(),
  maxImages: z.number(),
  charactersPerUrl: z.number().nullable(),
  maxImageBytes: z.number(),
});
export type PublishLimitsView = z.infer<typeof PublishLimitsView>;

/** A publishing account as the renderer sees it: never its token or password. */
export const AccountView = z.object({
  id: z.string(),
  roomId: z.string(),
  network: PublishNetwork,
  label: z.string(),
  handle: z.string().nullable(),
  displayName: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  /** Instance or PDS origin; for a manual channel, its kind. */
  server: z.string(),
  limits: PublishLimitsView.nullable(),
  status: z.enum(['ok', 'reconnect']),
  removedAt: z.number().nullable(),
  createdAt: z.number(),
});
export type AccountView = z.infer<typeof AccountView>;

export const EntryView = z.object({
  id: z.string(),
  draftId: z.string(),
  accountId: z.string(),
  network: PublishNetwork,
  channelLabel: z.string(),
  body: z.string(),
  state: EntryState,
  notBefore: z.number(),
  waitReason: WaitReason.nullable(),
  waitUntil: z.number().nullable(),
  attempts: z.number(),
  remoteUrl: z.string().nullable(),
  publishedAt: z.number().nullable(),
  failureCode: z.string().nullable(),
  /** The English sentence; entries stored before problems had codes have only this. */
  failureReason: z.string().nullable(),
  /** Why, as a code and its parameters: the reader's screen says it in their language. */
  failureProblem: PublishProblem.nullable(),
  retryable: z.boolean(),
  /** Manual channels: the network's compose page, when it has one. */
  composeUrl: z.string().nullable(),
  createdAt: z.number(),
  createdBy: z.string(),
});
export type EntryView = z.infer<typeof EntryView>;

export const FreezeView = z.object({
  frozenAt: z.number(),
  frozenBy: z.string(),
  frozenByName: z.string(),
  reason: z.string(),
});
export type FreezeView = z.infer<typeof FreezeView>;

/** How a draft's publication stands across its chosen channels. */
export type PublicationStatus = 'none' | 'waiting' | 'sending' | 'published' | 'partly_published' | 'failed';

const live: ReadonlySet<EntryState> = new Set(['queued', 'sending', 'unknown']);

/**
 * A draft is published when every channel it was sent to is; "partly published" when some
 * are out and others failed or still wait (it must be visible: half a response is out).
 * Cancelled and retracted entries do not count.
 */
export function publicationStatus(entries: readonly Pick<EntryView, 'state'>[]): PublicationStatus {
  const counted = entries.filter((e) => e.state !== 'cancelled' && e.state !== 'retracted' && e.state !== 'retracting');
  if (counted.length === 0) return 'none';
  const published = counted.filter((e) => e.state === 'published').length;
  if (published === counted.length) return 'published';
  if (published > 0) return 'partly_published';
  if (counted.some((e) => e.state === 'sending' || e.state === 'unknown')) return 'sending';
  if (counted.some((e) => live.has(e.state))) return 'waiting';
  return 'failed';
}

export function isLive(state: EntryState): boolean {
  return live.has(state);
}
