import type { AnswerValue, Localized } from '../../../shared/drafts/checklist';
import type { DraftState } from '../../../shared/drafts/draft';
import type { AuditEvent, AuditEventType } from '../../../shared/drafts/lifecycle-types';
import { formatMessage, type MessageParams } from '../../../shared/drafts/messages';
import { sayPublishProblem, type PublishProblem } from '../../../shared/publishing/publish-problem';
import type { Role, RoomPolicy } from '../../../shared/drafts/team';

/** Who a line of the audit trail names: a member, or Riposte itself acting on a timer. */
export interface AuditActor {
  id: string;
  name: string;
  role: Role | 'system';
}

/** Riposte itself, when the clock (not a person) acts: a draft's freshness window closing. */
export const systemActor: AuditActor = { id: 'system', name: 'Riposte', role: 'system' };

interface Line {
  roomId: string;
  actor: AuditActor;
  at: number;
}
interface DraftLine extends Line {
  draftId: string;
}

/**
 * Everything the audit trail records, one variant per kind of line. Each variant carries
 * what its sentence needs, so the key and the English text follow from the entry itself.
 */
export type AuditRecord =
  | (Line & { type: 'member_added'; name: string; role: Role })
  | (Line & { type: 'member_removed'; name: string })
  | (Line & { type: 'policy_updated'; policy: RoomPolicy })
  | (Line & { type: 'playbook_updated' })
  | (Line & { type: 'checklist_updated' })
  | (Line & { type: 'bank_added'; bankId: string; title: string })
  | (Line & { type: 'bank_linked'; bankId: string; cueId: string | null; title: string })
  | (DraftLine & { type: 'created'; state: DraftState; trigger: string; ref: string | null })
  | (DraftLine & { type: 'edited' })
  | (DraftLine & { type: 'assigned'; assignee: string })
  | (DraftLine & { type: 'commented' })
  | (DraftLine & {
      type: 'checklist_answered';
      itemId: string;
      item: Localized;
      value: AnswerValue | 'cleared';
      note?: string;
    })
  | (Line & {
      type: 'checklist_room_answered';
      itemId: string;
      item: Localized;
      value: AnswerValue | 'cleared';
      note?: string;
    })
  | (DraftLine & { type: 'from_bank'; bankId: string; title: string })
  | PublishingRecord
  | TeamAccessRecord
  /** A step of the draft lifecycle, which writes its own sentence (shared/drafts/lifecycle.ts). */
  | { type: AuditEventType; roomId: string; actor: AuditActor; event: AuditEvent };

/** What publishing records: accounts, each channel's entry, the freeze switch, retractions. */
export type PublishingRecord =
  | (Line & { type: 'account_added'; accountId: string; label: string })
  | (Line & { type: 'account_removed'; accountId: string; label: string })
  | (DraftLine & { type: 'publish_queued'; entryId: string; channel: string; notBefore: number })
  | (DraftLine & { type: 'publish_cancelled'; entryId: string; channel: string })
  | (DraftLine & { type: 'published_channel'; entryId: string; channel: string; url: string | null })
  | (DraftLine & { type: 'publish_failed'; entryId: string; channel: string; problem: PublishProblem })
  | (DraftLine & { type: 'retracted'; reason: string })
  | (Line & { type: 'frozen'; reason: string })
  | (Line & { type: 'unfrozen'; cancelled: number });

/**
 * Who got in and who was let go: invites made, redeemed and cancelled, sessions revoked.
 * The actor is the lead who acted, or (for a redeemed invite) the person who joined.
 */
export type TeamAccessRecord =
  | (Line & { type: 'invite_created'; memberId: string; name: string; role: Role; reissued: boolean })
  | (Line & { type: 'invite_accepted'; sessionId: string; device: string })
  | (Line & { type: 'invites_cancelled'; memberId: string; name: string; count: number })
  | (Line & {
      type: 'session_revoked';
      sessionId: string;
      name: string;
      device: string;
      /** `left`: the person was removed from the team, and their sessions ended with it. */
      reason: 'revoked' | 'left';
    });

/** Audit sentences the lifecycle does not write (it only knows its own transitions). */
const linesEn = {
  'drafts.event.created': '{{actor}} created a draft.',
  'drafts.event.edited': '{{actor}} edited the draft.',
  'drafts.event.assigned': '{{actor}} assigned the draft to {{assignee}}.',
  'drafts.event.commented': '{{actor}} commented.',
  'drafts.event.answered': '{{actor}} answered "{{item}}": {{value}}.',
  'drafts.event.roomAnswered': '{{actor}} answered "{{item}}" for the whole room: {{value}}.',
  'drafts.event.fromBank': '{{actor}} took "{{title}}" from the pre-approved bank.',
  'drafts.event.bankAdded': '{{actor}} added "{{title}}" to the pre-approved bank.',
  'drafts.event.bankLinked': '{{actor}} tied "{{title}}" to a run-of-show cue.',
  'drafts.event.bankUnlinked': '{{actor}} untied "{{title}}" from its cue.',
  'drafts.event.memberAdded': '{{name}} joined the room as {{role}}.',
  'drafts.event.memberRemoved': '{{actor}} removed {{name}} from the room.',
  'drafts.event.policyUpdated': '{{actor}} changed the room’s review rules.',
  'drafts.event.playbookUpdated': '{{actor}} changed the playbook.',
  'drafts.event.checklistUpdated': '{{actor}} changed the checklist template.',
  'drafts.event.accountAdded': '{{actor}} connected the publishing account {{channel}}.',
  'drafts.event.accountRemoved': '{{actor}} removed the publishing account {{channel}}.',
  'drafts.event.publishQueued': '{{actor}} published to {{channel}} (leaves after the undo window).',
  'drafts.event.publishCancelled': '{{actor}} cancelled the post to {{channel}} before it left.',
  'drafts.event.publishedChannel': 'Published on {{channel}}.',
  'drafts.event.publishFailed': 'The post to {{channel}} failed: {{reason}}',
  'drafts.event.retracted': '{{actor}} retracted the response everywhere: {{reason}}',
  'drafts.event.frozen': '{{actor}} stopped all publishing: {{reason}}',
  'drafts.event.unfrozen': '{{actor}} let publishing resume ({{cancelled}} waiting posts cancelled).',
  'drafts.event.inviteCreated': '{{actor}} invited {{name}} as {{role}}.',
  'drafts.event.inviteReissued': '{{actor}} made a new invite for {{name}}; their unused ones stopped working.',
  'drafts.event.inviteAccepted': '{{actor}} joined with their invite, on “{{device}}”.',
  'drafts.event.invitesCancelled': '{{actor}} cancelled {{count}} unused invite(s) of {{name}}.',
  'drafts.event.sessionRevoked': '{{actor}} revoked the session of {{name}} on “{{device}}”.',
  'drafts.event.sessionEnded': 'The session of {{name}} on “{{device}}” ended: they left the team.',
} as const;
type LineKey = keyof typeof linesEn;

/** One row of audit_log as its repository stores it. */
export interface StoredAuditLine {
  roomId: string;
  draftId: string | null;
  type: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  at: number;
  from: string | null;
  to: string | null;
  detail: object;
  messageKey: string;
  params: MessageParams;
  message: string;
}

type Parts = { key: LineKey; draftId?: string; from?: string; to?: string; detail?: object; params?: MessageParams };

function line(entry: Line, type: string, parts: Parts): StoredAuditLine {
  const params: MessageParams = { actor: entry.actor.name, ...parts.params };
  return {
    roomId: entry.roomId,
    draftId: parts.draftId ?? null,
    type,
    actorId: entry.actor.id,
    actorName: entry.actor.name,
    actorRole: entry.actor.role,
    at: entry.at,
    from: parts.from ?? null,
    to: parts.to ?? null,
    detail: parts.detail ?? {},
    messageKey: parts.key,
    params,
    message: formatMessage(linesEn[parts.key], params),
  };
}

/** The row an entry is stored as: its sentence key, parameters and English text. */
export function toStoredLine(entry: AuditRecord): StoredAuditLine {
  switch (entry.type) {
    case 'member_added':
      return line(entry, entry.type, {
        key: 'drafts.event.memberAdded',
        params: { name: entry.name, role: entry.role },
      });
    case 'member_removed':
      return line(entry, entry.type, { key: 'drafts.event.memberRemoved', params: { name: entry.name } });
    case 'policy_updated':
      return line(entry, entry.type, { key: 'drafts.event.policyUpdated', detail: entry.policy });
    case 'playbook_updated':
      return line(entry, entry.type, { key: 'drafts.event.playbookUpdated' });
    case 'checklist_updated':
      return line(entry, entry.type, { key: 'drafts.event.checklistUpdated' });
    case 'bank_added':
      return line(entry, entry.type, {
        key: 'drafts.event.bankAdded',
        detail: { bankId: entry.bankId },
        params: { title: entry.title },
      });
    case 'bank_linked':
      return line(entry, entry.type, {
        key: entry.cueId === null ? 'drafts.event.bankUnlinked' : 'drafts.event.bankLinked',
        detail: { bankId: entry.bankId, cueId: entry.cueId },
        params: { title: entry.title },
      });
    case 'created':
      return line(entry, entry.type, {
        key: 'drafts.event.created',
        draftId: entry.draftId,
        to: entry.state,
        detail: { trigger: entry.trigger, ref: entry.ref },
      });
    case 'edited':
      return line(entry, entry.type, { key: 'drafts.event.edited', draftId: entry.draftId });
    case 'assigned':
      return line(entry, entry.type, {
        key: 'drafts.event.assigned',
        draftId: entry.draftId,
        params: { assignee: entry.assignee },
      });
    case 'commented':
      return line(entry, entry.type, { key: 'drafts.event.commented', draftId: entry.draftId });
    case 'checklist_answered':
      return line(entry, entry.type, {
        key: 'drafts.event.answered',
        draftId: entry.draftId,
        detail: { itemId: entry.itemId, value: entry.value, ...(entry.note ? { note: entry.note } : {}) },
        // Both texts of the question travel, so each reader sees it in their own language;
        // `item` stays the English one for the stored fallback sentence. The answer is a code.
        params: { item: entry.item.en, itemFr: entry.item.fr, itemEn: entry.item.en, value: entry.value },
      });
    case 'checklist_room_answered':
      return line(entry, entry.type, {
        key: 'drafts.event.roomAnswered',
        detail: { itemId: entry.itemId, value: entry.value, ...(entry.note ? { note: entry.note } : {}) },
        params: { item: entry.item.en, itemFr: entry.item.fr, itemEn: entry.item.en, value: entry.value },
      });
    case 'from_bank':
      return line(entry, entry.type, {
        key: 'drafts.event.fromBank',
        draftId: entry.draftId,
        from: 'draft',
        to: 'approved',
        detail: { bankId: entry.bankId },
        params: { title: entry.title },
      });
    case 'account_added':
    case 'account_removed':
      return line(entry, entry.type, {
        key: entry.type === 'account_added' ? 'drafts.event.accountAdded' : 'drafts.event.accountRemoved',
        detail: { accountId: entry.accountId },
        params: { channel: entry.label },
      });
    case 'publish_queued':
      return line(entry, entry.type, {
        key: 'drafts.event.publishQueued',
        draftId: entry.draftId,
        detail: { entryId: entry.entryId, notBefore: entry.notBefore },
        params: { channel: entry.channel },
      });
    case 'publish_cancelled':
      return line(entry, entry.type, {
        key: 'drafts.event.publishCancelled',
        draftId: entry.draftId,
        detail: { entryId: entry.entryId },
        params: { channel: entry.channel },
      });
    case 'published_channel':
      return line(entry, entry.type, {
        key: 'drafts.event.publishedChannel',
        draftId: entry.draftId,
        detail: { entryId: entry.entryId, url: entry.url },
        params: { channel: entry.channel },
      });
    case 'publish_failed':
      return line(entry, entry.type, {
        key: 'drafts.event.publishFailed',
        draftId: entry.draftId,
        detail: { entryId: entry.entryId },
        // The reason travels as its code and parameters (JSON), so each reader reads it in their
        // language; `reason` is the English phrase, for the stored sentence and older readers.
        params: {
          channel: entry.channel,
          reason: sayPublishProblem(entry.problem, 'en'),
          problem: JSON.stringify(entry.problem),
        },
      });
    case 'retracted':
      return line(entry, entry.type, {
        key: 'drafts.event.retracted',
        draftId: entry.draftId,
        params: { reason: entry.reason },
      });
    case 'frozen':
      return line(entry, entry.type, { key: 'drafts.event.frozen', params: { reason: entry.reason } });
    case 'unfrozen':
      return line(entry, entry.type, {
        key: 'drafts.event.unfrozen',
        params: { cancelled: String(entry.cancelled) },
      });
    case 'invite_created':
      return line(entry, entry.type, {
        key: entry.reissued ? 'drafts.event.inviteReissued' : 'drafts.event.inviteCreated',
        detail: { memberId: entry.memberId, reissued: entry.reissued },
        params: { name: entry.name, role: entry.role },
      });
    case 'invite_accepted':
      return line(entry, entry.type, {
        key: 'drafts.event.inviteAccepted',
        detail: { sessionId: entry.sessionId },
        params: { device: entry.device },
      });
    case 'invites_cancelled':
      return line(entry, entry.type, {
        key: 'drafts.event.invitesCancelled',
        detail: { memberId: entry.memberId },
        params: { name: entry.name, count: String(entry.count) },
      });
    case 'session_revoked':
      return line(entry, entry.type, {
        key: entry.reason === 'left' ? 'drafts.event.sessionEnded' : 'drafts.event.sessionRevoked',
        detail: { sessionId: entry.sessionId },
        params: { name: entry.name, device: entry.device },
      });
    default: {
      // The lifecycle's own steps: its sentence, as it wrote it.
      const { event, actor } = entry;
      return {
        roomId: entry.roomId,
        draftId: event.draftId,
        type: event.type,
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
        at: event.at,
        from: event.from,
        to: event.to,
        detail: event.detail,
        messageKey: event.messageKey,
        params: { actor: actor.name, ...event.params },
        message: event.message,
      };
    }
  }
}
