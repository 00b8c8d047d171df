import { randomUUID } from 'node:crypto';
import type { OutboxView, PreflightView, Visibility } from '../../../shared/contract/calls/publishing';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { composeUrl } from '../../../shared/publishing/compose-url';
import { isLive, publicationStatus, type AccountView, type EntryView } from '../../../shared/publishing/outbox';
import type { AuditLog } from '../audit/audit-log';
import { durably } from '../db/durable-write';
import type { Db } from '../db/open-database';
import { keyedError } from '../errors';
import type { ReplyTarget } from '../networks/publishing/publisher';
import type { TeamService } from '../team/team-service';
import { requireLead, requireWriter, type ActingPerson } from '../team/team-roles';
import type { AccountRepository } from './account-repository';
import type { EntryRepository, StoredEntry } from './entry-repository';
import type { FreezeRepository } from './freeze-repository';
import { preflightRefusal } from './outbox-preflight';
import { refuseUnreadable } from '../drafts/draft-unreadable';
import type { DraftPublication, PublishableDraft } from './draft-publication';

export interface OutboxServiceDeps {
  db: Db;
  entries: EntryRepository;
  accounts: AccountRepository;
  freezes: FreezeRepository;
  drafts: DraftPublication;
  team: Pick<TeamService, 'policy' | 'members'>;
  audit: AuditLog;
  now: () => number;
  newRecordKey: () => string;
  /** The post a draft answers, when it was started from a Mastodon or Bluesky item. */
  replyTargetOf: (draft: PublishableDraft, network: AccountView['network']) => ReplyTarget | null;
  onChanged: (roomId: string) => void;
}

export function toEntryView(entry: StoredEntry, account: AccountView | undefined): EntryView {
  return {
    id: entry.id,
    draftId: entry.draftId,
    accountId: entry.accountId,
    network: entry.network,
    channelLabel: entry.channelLabel,
    body: entry.body,
    state: entry.state,
    notBefore: entry.notBefore,
    waitReason: entry.waitReason,
    waitUntil: entry.waitReason === null ? null : entry.nextAttemptAt,
    attempts: entry.attempts,
    remoteUrl: entry.remoteUrl,
    publishedAt: entry.publishedAt,
    failureCode: entry.failureCode,
    failureReason: entry.failureReason,
    failureProblem: entry.failureProblem,
    retryable: entry.retryable,
    composeUrl: entry.network === 'manual' && account ? composeUrl(account.server, entry.body) : null,
    createdAt: entry.createdAt,
    createdBy: entry.createdBy,
  };
}

/**
 * What people do with the outbox: publish an approved draft to chosen accounts, cancel
 * inside the undo window, retry, confirm a manual post, freeze the room, retract. The
 * sending itself is the sender's (outbox-sender.ts); this only ever writes entries.
 */
export function createOutboxService(deps: OutboxServiceDeps) {
  const { db, entries, accounts, freezes, drafts, team, audit, now, onChanged } = deps;

  const mustGetEntry = (id: string): StoredEntry => {
    const entry = entries.get(id);
    if (!entry) {
      throw keyedError('not_found', 'errors.publishing.entryNotFound', 'This outbox entry no longer exists.', {
        field: 'id',
      });
    }
    return entry;
  };
  const view = (entry: StoredEntry): EntryView => toEntryView(entry, accounts.get(entry.accountId));
  const writer = (actor: ActingPerson, roomId: string): RoomMember => {
    const by = actor(roomId);
    requireWriter(
      by,
      'errors.publishing.publishRole',
      (role) => `Only a lead or a writer can publish; you are ${role} in this room.`,
    );
    return by;
  };
  /** Writes a person's change to an entry, or says clearly that it moved on meanwhile. */
  const change = (entry: StoredEntry, next: Partial<StoredEntry>): StoredEntry => {
    const updated: StoredEntry = { ...entry, ...next, updatedAt: Math.max(now(), entry.updatedAt + 1) };
    if (!entries.replace(entry, updated)) {
      throw keyedError(
        'conflict',
        'errors.publishing.entryMoved',
        'This entry changed while you were looking at it (it may have just been sent). Look again.',
      );
    }
    return updated;
  };
  const done = <T>(roomId: string, value: T): T => {
    onChanged(roomId);
    return value;
  };

  const outboxOf = (roomId: string): OutboxView => {
    const freeze = freezes.current(roomId);
    const all = entries.ofRoom(roomId);
    const roomAccounts = accounts.ofRoom(roomId);
    const byId = new Map(roomAccounts.map((a) => [a.id, a]));
    return {
      accounts: roomAccounts,
      entries: all.map((e) => toEntryView(e, byId.get(e.accountId))),
      freeze: freeze && {
        ...freeze,
        frozenByName: team.members(roomId, true).find((m) => m.id === freeze.frozenBy)?.name ?? freeze.frozenBy,
      },
      waiting: all.filter((e) => e.state === 'queued' || e.state === 'unknown').length,
    };
  };

  return {
    get: outboxOf,

    /** Each open account of the draft's room, with what `publish` would refuse there (if anything). */
    preflight(draftId: string): PreflightView[] {
      const draft = drafts.get(draftId);
      refuseUnreadable(draft.unreadable, 'draftId');
      return accounts
        .ofRoom(draft.roomId)
        .filter((account) => account.removedAt === null)
        .map((account) => {
          const refusal = preflightRefusal(draft, account);
          return {
            accountId: account.id,
            refusal: refusal && {
              message: refusal.message,
              ...(refusal.messageKey ? { messageKey: refusal.messageKey } : {}),
              ...(refusal.params ? { params: refusal.params } : {}),
            },
            canReply: account.network !== 'manual' && deps.replyTargetOf(draft, account.network) !== null,
          };
        });
    },

    publish(
      actor: ActingPerson,
      input: {
        draftId: string;
        accountIds: string[];
        asReply: boolean;
        contentWarning?: string | undefined;
        visibility?: Visibility | undefined;
      },
    ): EntryView[] {
      const draft = drafts.get(input.draftId);
      const by = writer(actor, draft.roomId);
      refuseUnreadable(draft.unreadable, 'draftId');
      if (draft.state !== 'approved' && draft.state !== 'scheduled' && draft.state !== 'published') {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.notApproved',
          'Only an approved draft can be published. Get it approved first.',
          { field: 'draftId' },
        );
      }
      const at = now();
      const existing = entries.ofDraft(draft.id);
      const targets = [...new Set(input.accountIds)].map((id) => {
        const account = accounts.get(id);
        if (!account || account.roomId !== draft.roomId || account.removedAt !== null) {
          throw keyedError(
            'not_found',
            'errors.publishing.accountNotFound',
            'This publishing account no longer exists.',
            {
              field: 'accountIds',
            },
          );
        }
        if (account.status === 'reconnect') {
          throw keyedError(
            'unauthorized',
            'errors.publishing.reconnect',
            `${account.label} must be reconnected: the server refused its credentials. Add it again.`,
            { field: 'accountIds', params: { channel: account.label } },
          );
        }
        // Never twice: one live or published entry per channel and version of the text.
        const twin = existing.find(
          (e) => e.accountId === id && e.body === draft.body && (isLive(e.state) || e.state === 'published'),
        );
        if (twin) {
          throw keyedError(
            'conflict',
            'errors.publishing.alreadySent',
            `This text is already ${twin.state === 'published' ? 'published' : 'on its way'} on ${account.label}.`,
            { field: 'accountIds', params: { channel: account.label } },
          );
        }
        const refusal = preflightRefusal(draft, account);
        if (refusal) throw refusal;
        return account;
      });
      const policy = team.policy(draft.roomId);
      const notBefore =
        draft.state === 'scheduled' && draft.scheduledFor !== null
          ? Math.max(draft.scheduledFor, at + policy.publishHoldMs)
          : at + policy.publishHoldMs;
      const queue = db.transaction(() =>
        targets.map((account) => {
          const entry: StoredEntry = {
            id: randomUUID(),
            roomId: draft.roomId,
            draftId: draft.id,
            accountId: account.id,
            network: account.network,
            channelLabel: account.label,
            body: draft.body,
            draftVersion: draft.version,
            media: draft.media.map((name) => ({ name, altText: draft.altTexts[name] ?? '' })),
            replyTo: input.asReply ? deps.replyTargetOf(draft, account.network) : null,
            contentWarning:
              account.network === 'mastodon' && input.contentWarning && input.contentWarning.length > 0
                ? input.contentWarning
                : null,
            visibility: account.network === 'mastodon' ? (input.visibility ?? 'public') : 'public',
            rkey: deps.newRecordKey(),
            state: 'queued',
            notBefore,
            waitReason: account.network === 'manual' ? 'manual' : null,
            nextAttemptAt: null,
            attempts: 0,
            firstSentAt: null,
            staleConfirmed: false,
            remoteId: null,
            remoteUrl: null,
            publishedAt: null,
            failureCode: null,
            failureReason: null,
            failureProblem: null,
            retryable: false,
            createdAt: at,
            createdBy: by.id,
            updatedAt: at,
            retractedAt: null,
          };
          entries.insert(entry);
          audit.record({
            type: 'publish_queued',
            roomId: draft.roomId,
            draftId: draft.id,
            actor: by,
            at,
            entryId: entry.id,
            channel: account.label,
            notBefore,
          });
          return entry;
        }),
      );
      // Durable: a queued entry (and its record key) a power cut undid would be silently lost.
      const made = durably(db, queue);
      return done(draft.roomId, made.map(view));
    },

    cancel(actor: ActingPerson, id: string): EntryView {
      const entry = mustGetEntry(id);
      const by = writer(actor, entry.roomId);
      // A queued entry never reached a server; one that already tried may only be dropped once it
      // waits for a go-ahead past its freshness window (otherwise a retry is under way).
      if (entry.state !== 'queued' || (entry.attempts > 0 && entry.waitReason !== 'stale')) {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.tooLateToCancel',
          'It has already left (or is leaving). Once it is out, a lead can retract it.',
        );
      }
      const cancelEntry = db.transaction(() => {
        const next = change(entry, { state: 'cancelled', waitReason: null, nextAttemptAt: null });
        audit.record({
          type: 'publish_cancelled',
          roomId: entry.roomId,
          draftId: entry.draftId,
          actor: by,
          at: next.updatedAt,
          entryId: id,
          channel: entry.channelLabel,
        });
        return next;
      });
      // Durable: a cancel a power cut undid would let the post go out.
      const cancelled = durably(db, cancelEntry);
      return done(entry.roomId, view(cancelled));
    },

    retry(actor: ActingPerson, id: string): EntryView {
      const entry = mustGetEntry(id);
      writer(actor, entry.roomId);
      if (entry.state !== 'failed' || !entry.retryable) {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.notRetryable',
          'Only a failed entry that can be sent again can be retried; change the draft and publish it anew.',
        );
      }
      // An entry whose last try had no clear answer is looked up before anything is sent again.
      const next = change(entry, {
        state: entry.failureCode === 'unknown' ? 'unknown' : 'queued',
        waitReason: null,
        nextAttemptAt: null,
        notBefore: now(),
        failureCode: null,
        failureReason: null,
        failureProblem: null,
        retryable: false,
      });
      return done(entry.roomId, view(next));
    },

    confirmStale(actor: ActingPerson, id: string): EntryView {
      const entry = mustGetEntry(id);
      writer(actor, entry.roomId);
      if (entry.waitReason !== 'stale') {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.notStale',
          'This entry is not waiting for a go-ahead.',
        );
      }
      return done(entry.roomId, view(change(entry, { staleConfirmed: true, waitReason: null, nextAttemptAt: null })));
    },

    confirmManual(actor: ActingPerson, input: { id: string; url?: string | undefined }): EntryView {
      const entry = mustGetEntry(input.id);
      const by = writer(actor, entry.roomId);
      if (entry.network !== 'manual' || entry.state !== 'queued') {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.notManual',
          'This entry is not waiting to be posted by hand.',
        );
      }
      if (freezes.current(entry.roomId)) {
        throw keyedError('invalid_transition', 'errors.publishing.frozen', 'Publishing is stopped in this room.');
      }
      const at = now();
      if (at < entry.notBefore) {
        throw keyedError('invalid_transition', 'errors.publishing.stillHeld', 'The undo window is still open.');
      }
      const recordPosted = db.transaction(() => {
        const next = change(entry, {
          state: 'published',
          waitReason: null,
          publishedAt: at,
          remoteUrl: input.url ?? null,
        });
        audit.record({
          type: 'published_channel',
          roomId: entry.roomId,
          draftId: entry.draftId,
          actor: by,
          at,
          entryId: entry.id,
          channel: entry.channelLabel,
          url: input.url ?? null,
        });
        drafts.recordPublication(entry.draftId, at, publicationStatus(entries.ofDraft(entry.draftId)) === 'published');
        return next;
      });
      // Durable: the publish record (and the draft's published time) must survive a power cut.
      const published = durably(db, recordPosted);
      return done(entry.roomId, view(published));
    },

    freeze(actor: ActingPerson, input: { roomId: string; reason: string }): OutboxView {
      const by = actor(input.roomId);
      requireLead(by, 'freeze', 'stop or restart publishing');
      if (freezes.current(input.roomId)) return outboxOf(input.roomId);
      const at = now();
      const freezeRoom = db.transaction(() => {
        freezes.freeze(input.roomId, at, by.id, input.reason);
        audit.record({ type: 'frozen', roomId: input.roomId, actor: by, at, reason: input.reason });
      });
      // Durable: a freeze a power cut undid would let queued posts leave.
      durably(db, freezeRoom);
      return done(input.roomId, outboxOf(input.roomId));
    },

    unfreeze(actor: ActingPerson, input: { roomId: string; cancelIds: string[] }): OutboxView {
      const by = actor(input.roomId);
      requireLead(by, 'freeze', 'stop or restart publishing');
      const at = now();
      const hold = team.policy(input.roomId).publishHoldMs;
      const cancel = new Set(input.cancelIds);
      db.transaction(() => {
        if (!freezes.unfreeze(input.roomId, at, by.id)) return;
        for (const entry of entries.liveOfRoom(input.roomId)) {
          if (entry.state !== 'queued' && entry.state !== 'unknown') continue;
          // What waited gets a fresh undo window: nothing leaves the instant the switch is lifted.
          const next =
            cancel.has(entry.id) && entry.attempts === 0 && entry.state === 'queued'
              ? { state: 'cancelled' as const, waitReason: null }
              : { notBefore: Math.max(entry.notBefore, at + hold) };
          change(entry, next);
        }
        audit.record({ type: 'unfrozen', roomId: input.roomId, actor: by, at, cancelled: cancel.size });
      })();
      return done(input.roomId, outboxOf(input.roomId));
    },

    retract(actor: ActingPerson, input: { draftId: string; reason: string }): EntryView[] {
      const draft = drafts.get(input.draftId);
      const by = actor(draft.roomId);
      requireLead(by, 'retract', 'retract a published response');
      const published = entries.ofDraft(draft.id).filter((e) => e.state === 'published');
      if (published.length === 0) {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.nothingToRetract',
          'Nothing of this draft is published.',
        );
      }
      const at = now();
      const markRetracting = db.transaction(() => {
        audit.record({
          type: 'retracted',
          roomId: draft.roomId,
          draftId: draft.id,
          actor: by,
          at,
          reason: input.reason,
        });
        return published.map((entry) =>
          change(entry, {
            state: 'retracting',
            waitReason: entry.network === 'manual' ? 'manual' : null,
            nextAttemptAt: null,
            failureCode: null,
            failureReason: null,
            failureProblem: null,
          }),
        );
      });
      // Durable: a lead's retract (and its audit line) must survive a power cut.
      const marked = durably(db, markRetracting);
      return done(draft.roomId, marked.map(view));
    },

    confirmRetracted(actor: ActingPerson, id: string): EntryView {
      const entry = mustGetEntry(id);
      writer(actor, entry.roomId);
      if (entry.network !== 'manual' || entry.state !== 'retracting') {
        throw keyedError(
          'invalid_transition',
          'errors.publishing.notRetracting',
          'This post is not waiting to be deleted by hand.',
        );
      }
      return done(entry.roomId, view(change(entry, { state: 'retracted', waitReason: null, retractedAt: now() })));
    },
  };
}
export type OutboxService = ReturnType<typeof createOutboxService>;
