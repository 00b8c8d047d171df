import { z } from 'zod';
import type { RoomPolicy } from './team';

export const draftStates = [
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
  'published',
  'rejected',
  'expired',
] as const;
export const DraftState = z.enum(draftStates);
export type DraftState = z.infer<typeof DraftState>;

/** States where the freshness clock still matters and the draft can still go out. */
export const activeStates: ReadonlySet<DraftState> = new Set([
  'draft',
  'in_review',
  'changes_requested',
  'approved',
  'scheduled',
]);

export const ApprovalSlot = z.enum(['brand', 'legal']);
export type ApprovalSlot = z.infer<typeof ApprovalSlot>;

export const Approval = z.object({
  slot: ApprovalSlot,
  memberId: z.string(),
  at: z.number().int(),
});
export type Approval = z.infer<typeof Approval>;

/** A lead's recorded decision to approve despite the listed required items not being met. */
export const ChecklistOverride = z.object({
  by: z.string(),
  at: z.number().int(),
  reason: z.string(),
  itemIds: z.array(z.string()),
});
export type ChecklistOverride = z.infer<typeof ChecklistOverride>;

/**
 * Reaction-time stopwatch. Each field is the time of the step on the path that led to the
 * current state: going back to editing clears the later steps, so the fields are always in
 * order (trigger ≤ first edit ≤ submitted ≤ approved ≤ published).
 */
export const Stopwatch = z.object({
  triggerAt: z.number().int(),
  firstEditAt: z.number().int().nullable(),
  submittedAt: z.number().int().nullable(),
  approvedAt: z.number().int().nullable(),
  publishedAt: z.number().int().nullable(),
});
export type Stopwatch = z.infer<typeof Stopwatch>;

/** What the lifecycle needs to know about a draft (the body lives elsewhere). */
export const DraftForLifecycle = z.object({
  id: z.string(),
  authorId: z.string(),
  state: DraftState,
  /** End of the freshness window: triggerAt + the room's window, pushed out by extensions. */
  expiresAt: z.number().int(),
  scheduledFor: z.number().int().nullable(),
  approvals: z.array(Approval),
  override: ChecklistOverride.nullable(),
  stopwatch: Stopwatch,
  /** Time of the last transition; later transitions never record an earlier time. */
  updatedAt: z.number().int(),
});
export type DraftForLifecycle = z.infer<typeof DraftForLifecycle>;

export function createDraft(input: {
  id: string;
  authorId: string;
  /** When the moment that prompted this response happened (or was noticed). */
  triggerAt: number;
  now: number;
  room: RoomPolicy;
}): DraftForLifecycle {
  return {
    id: input.id,
    authorId: input.authorId,
    state: 'draft',
    expiresAt: input.triggerAt + input.room.freshnessWindowMs,
    scheduledFor: null,
    approvals: [],
    override: null,
    stopwatch: {
      triggerAt: input.triggerAt,
      firstEditAt: null,
      submittedAt: null,
      approvedAt: null,
      publishedAt: null,
    },
    updatedAt: Math.max(input.now, input.triggerAt),
  };
}

/** Approval slots this room requires, in the order they are usually given. */
export function requiredSlots(room: RoomPolicy): ApprovalSlot[] {
  return room.requireLegalApproval ? ['brand', 'legal'] : ['brand'];
}

export function missingSlots(draft: Pick<DraftForLifecycle, 'approvals'>, room: RoomPolicy): ApprovalSlot[] {
  return requiredSlots(room).filter((slot) => !draft.approvals.some((a) => a.slot === slot));
}
