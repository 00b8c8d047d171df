import { z } from 'zod';
import type { ChecklistState } from './checklist';
import type { ApprovalSlot, DraftForLifecycle, DraftState } from './draft';
import type { MessageParams } from './messages';
import type { Member, Role, RoomPolicy } from './team';

export const MIN_OVERRIDE_REASON = 10;
export const MIN_EXTEND_MS = 60_000;
export const MAX_EXTEND_MS = 24 * 3_600_000;

/** Everything a member can do to a draft. Validate with this schema at the contract boundary. */
export const DraftAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('submit') }),
  z.object({ type: z.literal('request_changes'), note: z.string().max(2000).optional() }),
  z.object({ type: z.literal('approve') }),
  z.object({ type: z.literal('reject'), reason: z.string().max(2000).optional() }),
  z.object({ type: z.literal('publish') }),
  z.object({ type: z.literal('schedule'), at: z.number().int() }),
  z.object({ type: z.literal('unschedule') }),
  z.object({ type: z.literal('extend'), byMs: z.number().int() }),
  z.object({ type: z.literal('expire') }),
  z.object({ type: z.literal('reopen') }),
  z.object({ type: z.literal('withdraw') }),
  z.object({ type: z.literal('override_checklist'), reason: z.string().max(2000) }),
]);
export type DraftAction = z.infer<typeof DraftAction>;
export type DraftActionType = DraftAction['type'];

export interface TransitionContext {
  actor: Member;
  room: RoomPolicy;
  /** The draft's checklist as it stands now (auto answers merged in). */
  checklist: ChecklistState;
  now: number;
}

export type AuditEventType =
  | 'submitted'
  | 'changes_requested'
  | 'approval_recorded'
  | 'approved'
  | 'rejected'
  | 'published'
  | 'scheduled'
  | 'unscheduled'
  | 'extended'
  | 'expired'
  | 'reopened'
  | 'withdrawn'
  | 'checklist_overridden';

/** One line of the draft's audit trail: who did what, when, and from which state to which. */
export interface AuditEvent {
  type: AuditEventType;
  draftId: string;
  actorId: string;
  actorRole: Role;
  at: number;
  from: DraftState;
  to: DraftState;
  detail: {
    reason?: string;
    note?: string;
    slot?: ApprovalSlot;
    itemIds?: string[];
    scheduledFor?: number;
    expiresAt?: number;
  };
  messageKey: string;
  params: MessageParams;
  /** English rendering of messageKey + params. */
  message: string;
}

export type TransitionErrorCode = 'invalid_transition' | 'forbidden';

export type TransitionResult =
  | { ok: true; draft: DraftForLifecycle; event: AuditEvent }
  | { ok: false; code: TransitionErrorCode; message: string; messageKey: string; params: MessageParams };
