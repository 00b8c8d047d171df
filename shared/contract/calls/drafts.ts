import { z } from 'zod';
import { AnswerValue, ChecklistAnswer, ChecklistTemplate } from '../../drafts/checklist';
import { Approval, ChecklistOverride, DraftState, Stopwatch } from '../../drafts/draft';
import { DraftAction } from '../../drafts/lifecycle-types';
import { Network } from '../../drafts/networks';
import { Member, Role, RoomPolicy } from '../../drafts/team';
import { Playbook } from '../../playbook/playbook';
import { AssetName } from './assets';
import { call } from './define-call';

const Id = z.string().min(1).max(64);
const RoomOnly = z.object({ roomId: Id });
const DraftOnly = z.object({ id: Id });
/** The person at the keyboard picks who they are; main checks they are a member of the room. */
const Actor = { actorId: Id };
/** Bounded here only against abuse; the service refuses long bodies with a clear message. */
const Body = z.string().max(4_000_000);
const Networks = z.array(Network).max(3).default([]);

export const DraftTrigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), itemId: z.number().int().positive() }),
  z.object({ kind: z.literal('moment'), momentId: Id, at: z.number().int().min(0).optional() }),
  z.object({ kind: z.literal('scratch') }),
]);
export type DraftTrigger = z.infer<typeof DraftTrigger>;

export const ChecklistProgressView = z.object({
  total: z.number(),
  answered: z.number(),
  requiredTotal: z.number(),
  requiredMet: z.number(),
  readyForApproval: z.boolean(),
});

export const DraftView = z.object({
  id: z.string(),
  roomId: z.string(),
  body: z.string(),
  networks: z.array(Network),
  /** Image names from the room's asset folder (see assets.list), served at /assets/<roomId>/<name>. */
  media: z.array(z.string()),
  triggerKind: z.enum(['item', 'moment', 'scratch', 'bank']),
  triggerRef: z.string().nullable(),
  authorId: z.string(),
  assigneeId: z.string().nullable(),
  state: DraftState,
  version: z.number(),
  expiresAt: z.number(),
  scheduledFor: z.number().nullable(),
  approvals: z.array(Approval),
  override: ChecklistOverride.nullable(),
  stopwatch: Stopwatch,
  /** People's answers only; automatic items are computed from the body wherever shown. */
  answers: z.record(z.string(), ChecklistAnswer),
  progress: ChecklistProgressView,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type DraftView = z.infer<typeof DraftView>;

export const Revision = z.object({
  id: z.number(),
  version: z.number(),
  body: z.string(),
  memberId: z.string(),
  startedAt: z.number(),
  at: z.number(),
});
export type Revision = z.infer<typeof Revision>;

export const Comment = z.object({ id: z.number(), memberId: z.string(), body: z.string(), at: z.number() });
export type Comment = z.infer<typeof Comment>;

export const RoomMember = Member.extend({ roomId: z.string(), removedAt: z.number().nullable() });
export type RoomMember = z.infer<typeof RoomMember>;

export const BankEntry = z.object({
  id: z.string(),
  roomId: z.string(),
  title: z.string(),
  body: z.string(),
  networks: z.array(Network),
  validFrom: z.number(),
  validUntil: z.number(),
  approvedBy: z.string(),
  createdAt: z.number(),
  /** The run-of-show cue this text is ready for: offered when that cue comes due. */
  cueId: z.string().nullable(),
});
export type BankEntry = z.infer<typeof BankEntry>;

export const AuditEntry = z.object({
  id: z.number(),
  roomId: z.string(),
  draftId: z.string().nullable(),
  type: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  actorRole: z.string(),
  at: z.number(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListInput = z.object({
  roomId: Id,
  draftId: Id.optional(),
  actorId: Id.optional(),
  type: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

const Text = (max: number) => z.string().trim().min(1).max(max);

export const draftCalls = {
  'members.list': call(RoomOnly.extend({ includeRemoved: z.boolean().default(false) }), z.array(RoomMember)),
  'members.add': call(z.object({ roomId: Id, name: Text(200), role: Role }), RoomMember),
  'members.remove': call(z.object({ roomId: Id, memberId: Id, ...Actor }), RoomMember),
  'policy.get': call(RoomOnly, RoomPolicy),
  'policy.update': call(z.object({ roomId: Id, ...Actor, policy: RoomPolicy }), RoomPolicy),
  'playbook.get': call(RoomOnly, Playbook),
  'playbook.update': call(z.object({ roomId: Id, ...Actor, playbook: Playbook }), Playbook),
  'playbook.export': call(RoomOnly, z.object({ fileName: z.string(), text: z.string() })),
  'playbook.import': call(z.object({ roomId: Id, ...Actor, text: z.string().max(5_000_000) }), Playbook),
  'checklist.get': call(RoomOnly, ChecklistTemplate),
  /** Unknown until parsed by the domain, so a bad template gets a message naming what is wrong. */
  'checklist.update': call(z.object({ roomId: Id, ...Actor, template: z.unknown() }), ChecklistTemplate),
  'drafts.list': call(RoomOnly, z.array(DraftView)),
  'drafts.get': call(DraftOnly, DraftView),
  'drafts.create': call(
    z.object({ roomId: Id, ...Actor, trigger: DraftTrigger, body: Body.default(''), networks: Networks }),
    DraftView,
  ),
  'drafts.save': call(
    z.object({
      id: Id,
      ...Actor,
      body: Body,
      baseVersion: z.number().int().min(1),
      networks: Networks.optional(),
      /** Replaces the attached images when given; main checks each is in the room's asset folder. */
      media: z.array(AssetName).max(4).optional(),
    }),
    DraftView,
  ),
  'drafts.assign': call(z.object({ id: Id, ...Actor, assigneeId: Id.nullable() }), DraftView),
  'drafts.transition': call(z.object({ id: Id, ...Actor, action: DraftAction }), DraftView),
  'drafts.answer': call(
    z.object({ id: Id, ...Actor, itemId: Id, value: AnswerValue, note: z.string().max(2000).optional() }),
    DraftView,
  ),
  'drafts.comment': call(z.object({ id: Id, ...Actor, body: Text(5000) }), Comment),
  'drafts.comments': call(DraftOnly, z.array(Comment)),
  'drafts.revisions': call(DraftOnly, z.array(Revision)),
  'bank.list': call(RoomOnly, z.array(BankEntry)),
  'bank.add': call(
    z.object({
      roomId: Id,
      ...Actor,
      title: Text(200),
      body: Text(20_000),
      networks: Networks,
      validFrom: z.number().int().min(0),
      validUntil: z.number().int().min(0),
      cueId: Id.nullable().default(null),
    }),
    BankEntry,
  ),
  /** Ties a text to a cue of the same room (null unties it). */
  'bank.link': call(z.object({ id: Id, ...Actor, cueId: Id.nullable() }), BankEntry),
  /** What the bank holds, valid now, for the cue a scheduled moment came from. */
  'bank.offers': call(z.object({ momentId: Id }), z.array(BankEntry)),
  'bank.use': call(z.object({ id: Id, ...Actor }), DraftView),
  'audit.list': call(AuditListInput, z.array(AuditEntry)),
};

export const draftEvents = {
  /** Something about the room's drafts changed; listeners refetch what they show. */
  'drafts.changed': z.object({ roomId: z.string(), draftId: z.string().nullable() }),
  'team.changed': z.object({ roomId: z.string() }),
};
