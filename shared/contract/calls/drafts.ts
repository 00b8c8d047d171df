import { z } from 'zod';
import { AnswerValue, ChecklistAnswer } from '../../drafts/checklist';
import { Approval, ChecklistOverride, DraftState, Stopwatch } from '../../drafts/draft';
import { DraftAction } from '../../drafts/lifecycle-types';
import { Network } from '../../drafts/networks';
import { AssetName } from './assets';
import { call } from './define-call';
import { Id, Networks, RoomOnly, Text } from './fields';

const DraftOnly = z.object({ id: Id });
/** Bounded here only against abuse; the service refuses long bodies with a clear message. */
const Body = z.string().max(4_000_000);

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

/**
 * Stored parts of a draft that could not be read and have no safe stand-in: its images (an
 * approved post would go out without them) and its approvals (it could look more or less
 * approved than it is). They read as none, and the draft is read-only: every change,
 * approval, checklist answer or publication of it is refused. Outputs only.
 */
export const UnreadableDraftPart = z.enum(['media', 'approvals']);
export type UnreadableDraftPart = z.infer<typeof UnreadableDraftPart>;

export const DraftView = z.object({
  id: z.string(),
  roomId: z.string(),
  body: z.string(),
  networks: z.array(Network),
  /** Image names from the room's asset folder (see assets.list), served at /assets/<roomId>/<name>. */
  media: z.array(z.string()),
  /** Alt text per attached image, by name: asked for each image, sent as its description. */
  altTexts: z.record(z.string(), z.string()),
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
  /** Empty when the draft reads whole; otherwise what could not be read, and the draft is read-only. */
  unreadable: z.array(UnreadableDraftPart),
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

export const draftCalls = {
  'drafts.list': call(RoomOnly, z.array(DraftView)),
  'drafts.get': call(DraftOnly, DraftView),
  'drafts.create': call(
    z.object({ roomId: Id, trigger: DraftTrigger, body: Body.default(''), networks: Networks }),
    DraftView,
  ),
  'drafts.save': call(
    z.object({
      id: Id,

      body: Body,
      baseVersion: z.number().int().min(1),
      networks: Networks.optional(),
      /** Replaces the attached images when given; main checks each is in the room's asset folder. */
      media: z.array(AssetName).max(4).optional(),
      /** Alt text per image name; may change while the draft can still be edited. */
      altTexts: z.record(AssetName, z.string().max(1500)).optional(),
    }),
    DraftView,
  ),
  'drafts.assign': call(z.object({ id: Id, assigneeId: Id.nullable() }), DraftView),
  'drafts.transition': call(z.object({ id: Id, action: DraftAction }), DraftView),
  'drafts.answer': call(
    /** null takes the answer back (the undo of an answer). */
    z.object({ id: Id, itemId: Id, value: AnswerValue.nullable(), note: z.string().max(2000).optional() }),
    DraftView,
  ),
  'drafts.comment': call(z.object({ id: Id, body: Text(5000) }), Comment),
  'drafts.comments': call(DraftOnly, z.array(Comment)),
  'drafts.revisions': call(DraftOnly, z.array(Revision)),
};

export const draftEvents = {
  /** Something about the room's drafts changed; listeners refetch what they show. */
  'drafts.changed': z.object({ roomId: z.string(), draftId: z.string().nullable() }),
};
