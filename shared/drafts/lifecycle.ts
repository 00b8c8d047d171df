import { unmetRequiredItems, type ChecklistTemplate } from './checklist';
import { activeStates, missingSlots, type ApprovalSlot, type DraftForLifecycle, type DraftState } from './draft';
import { isStale } from './freshness';
import {
  MAX_EXTEND_MS,
  MIN_EXTEND_MS,
  MIN_OVERRIDE_REASON,
  type AuditEvent,
  type AuditEventType,
  type DraftAction,
  type TransitionContext,
  type TransitionErrorCode,
  type TransitionResult,
} from './lifecycle-types';
import { draftMessage, type DraftMessageKey, type MessageParams } from './messages';
import { writingRoles, type Member, type RoomPolicy } from './team';

export * from './lifecycle-types';
export { freshnessState, isStale, timeLeft, type FreshnessState } from './freshness';
export { createDraft, missingSlots, requiredSlots } from './draft';

/**
 * The draft state machine, pure: same inputs, same answer, nothing stored. The caller
 * persists `draft` and appends `event` to the audit trail in one transaction.
 *
 *   draft → in_review ⇄ changes_requested;  in_review → approved → published
 *   approved → scheduled → published (scheduled ⇄ approved)
 *   any active state → rejected | expired;  rejected | expired → draft (reopen)
 *   in_review | approved | scheduled → draft (withdraw, to edit again)
 */
export function transition(draft: DraftForLifecycle, action: DraftAction, ctx: TransitionContext): TransitionResult {
  // Laptops in one room disagree about the time; never record a step before the previous one.
  const at = Math.max(ctx.now, draft.updatedAt);
  const step: Step = { draft, ctx, at };
  switch (action.type) {
    case 'submit':
      return submit(step);
    case 'request_changes':
      return requestChanges(step, action.note);
    case 'approve':
      return approve(step);
    case 'reject':
      return reject(step, action.reason);
    case 'publish':
      return publish(step);
    case 'schedule':
      return schedule(step, action.at);
    case 'unschedule':
      return unschedule(step);
    case 'extend':
      return extend(step, action.byMs);
    case 'expire':
      return expire(step);
    case 'reopen':
      return reopen(step);
    case 'withdraw':
      return withdraw(step);
    case 'override_checklist':
      return overrideChecklist(step, action.reason);
  }
}

/** Whether this member may change the body now (only while the draft is being written). */
export function canEdit(draft: DraftForLifecycle, actor: Member): boolean {
  return (draft.state === 'draft' || draft.state === 'changes_requested') && isWriter(draft, actor);
}

/** Starts the stopwatch's "first edit" the first time the body changes; otherwise unchanged. */
export function recordEdit(draft: DraftForLifecycle, now: number): DraftForLifecycle {
  if (draft.stopwatch.firstEditAt !== null) return draft;
  const at = Math.max(now, draft.updatedAt);
  return { ...draft, updatedAt: at, stopwatch: { ...draft.stopwatch, firstEditAt: at } };
}

interface Step {
  draft: DraftForLifecycle;
  ctx: TransitionContext;
  at: number;
}

function isWriter(draft: DraftForLifecycle, actor: Member): boolean {
  return actor.id === draft.authorId || writingRoles.has(actor.role);
}

function canApproveAs(actor: Member, room: RoomPolicy): ApprovalSlot[] {
  const slots: ApprovalSlot[] = [];
  // Legal first: a legal member listed among approverRoles should fill the slot only they can.
  if (room.requireLegalApproval && actor.role === 'legal') slots.push('legal');
  if (room.approverRoles.includes(actor.role)) slots.push('brand');
  return slots;
}

function isReviewer(actor: Member, room: RoomPolicy): boolean {
  return actor.role === 'lead' || canApproveAs(actor, room).length > 0;
}

function fail(code: TransitionErrorCode, key: DraftMessageKey, params: MessageParams = {}): TransitionResult {
  return { ok: false, code, message: draftMessage(key, params), messageKey: key, params };
}

function wrongState(step: Step, action: string): TransitionResult {
  return fail('invalid_transition', 'errors.draft.transition', { from: step.draft.state.replace('_', ' '), action });
}

function notAllowed(step: Step, action: string): TransitionResult {
  return fail('forbidden', 'errors.draft.notAllowed', { role: step.ctx.actor.role, action });
}

function stale(step: Step): TransitionResult {
  return fail('invalid_transition', 'errors.draft.stale', { expiresAt: step.draft.expiresAt });
}

const eventKeys: Record<AuditEventType, DraftMessageKey> = {
  submitted: 'drafts.event.submitted',
  changes_requested: 'drafts.event.changesRequested',
  approval_recorded: 'drafts.event.approvalRecorded',
  approved: 'drafts.event.approved',
  rejected: 'drafts.event.rejected',
  published: 'drafts.event.published',
  scheduled: 'drafts.event.scheduled',
  unscheduled: 'drafts.event.unscheduled',
  extended: 'drafts.event.extended',
  expired: 'drafts.event.expired',
  reopened: 'drafts.event.reopened',
  withdrawn: 'drafts.event.withdrawn',
  checklist_overridden: 'drafts.event.checklistOverridden',
};

function done(
  step: Step,
  type: AuditEventType,
  next: Omit<DraftForLifecycle, 'updatedAt'>,
  detail: AuditEvent['detail'] = {},
  extraParams: MessageParams = {},
): TransitionResult {
  const { actor } = step.ctx;
  const params: MessageParams = { actor: actor.name, ...extraParams };
  const messageKey = eventKeys[type];
  const draft: DraftForLifecycle = { ...next, updatedAt: step.at };
  const event: AuditEvent = {
    type,
    draftId: draft.id,
    actorId: actor.id,
    actorRole: actor.role,
    at: step.at,
    from: step.draft.state,
    to: draft.state,
    detail,
    messageKey,
    params,
    message: draftMessage(messageKey, params),
  };
  return { ok: true, draft, event };
}

/** Back to writing: approvals, override and the later stopwatch steps no longer hold. */
function backToEditing(draft: DraftForLifecycle, state: DraftState): Omit<DraftForLifecycle, 'updatedAt'> {
  return {
    ...draft,
    state,
    approvals: [],
    override: null,
    scheduledFor: null,
    stopwatch: { ...draft.stopwatch, submittedAt: null, approvedAt: null, publishedAt: null },
  };
}

function submit(step: Step): TransitionResult {
  const { draft, ctx, at } = step;
  if (draft.state !== 'draft' && draft.state !== 'changes_requested') return wrongState(step, 'submit');
  if (!isWriter(draft, ctx.actor)) return notAllowed(step, 'submit');
  if (isStale(draft, at)) return stale(step);
  const firstEditAt = draft.stopwatch.firstEditAt ?? at;
  return done(step, 'submitted', {
    ...draft,
    state: 'in_review',
    approvals: [],
    stopwatch: { ...draft.stopwatch, firstEditAt, submittedAt: at, approvedAt: null },
  });
}

function requestChanges(step: Step, note: string | undefined): TransitionResult {
  const { draft, ctx } = step;
  if (draft.state !== 'in_review' && draft.state !== 'approved') return wrongState(step, 'request changes');
  if (!isReviewer(ctx.actor, ctx.room)) return notAllowed(step, 'request changes');
  return done(step, 'changes_requested', backToEditing(draft, 'changes_requested'), note ? { note } : {});
}

function approve(step: Step): TransitionResult {
  const { draft, ctx, at } = step;
  if (draft.state !== 'in_review') return wrongState(step, 'approve');
  const eligible = canApproveAs(ctx.actor, ctx.room);
  if (eligible.length === 0) return notAllowed(step, 'approve');
  if (ctx.actor.id === draft.authorId && !ctx.room.allowSelfApproval) {
    return fail('forbidden', 'errors.draft.selfApproval');
  }
  if (draft.approvals.some((a) => a.memberId === ctx.actor.id)) {
    return fail('invalid_transition', 'errors.draft.alreadyApproved');
  }
  const missing = missingSlots(draft, ctx.room);
  const slot = eligible.find((s) => missing.includes(s));
  if (slot === undefined) return fail('invalid_transition', 'errors.draft.slotFilled', { slot: eligible.join(', ') });
  if (isStale(draft, at)) return stale(step);
  const covered = new Set(draft.override?.itemIds ?? []);
  const uncovered = unmetRequiredItems(ctx.checklist).filter((id) => !covered.has(id));
  if (uncovered.length > 0) {
    return fail('invalid_transition', 'errors.draft.checklistUnmet', {
      items: uncovered.join(', '),
      ...questionTexts(ctx.checklist.template, uncovered),
    });
  }
  const approvals = [...draft.approvals, { slot, memberId: ctx.actor.id, at }];
  const stillMissing = missing.filter((s) => s !== slot);
  if (stillMissing.length > 0) {
    return done(
      step,
      'approval_recorded',
      { ...draft, approvals },
      { slot },
      { slot, missing: stillMissing.join(', ') },
    );
  }
  return done(
    step,
    'approved',
    { ...draft, state: 'approved', approvals, stopwatch: { ...draft.stopwatch, approvedAt: at } },
    { slot },
  );
}

function reject(step: Step, reason: string | undefined): TransitionResult {
  const { draft, ctx } = step;
  if (!activeStates.has(draft.state)) return wrongState(step, 'reject');
  if (!isReviewer(ctx.actor, ctx.room)) return notAllowed(step, 'reject');
  return done(step, 'rejected', { ...draft, state: 'rejected', scheduledFor: null }, reason ? { reason } : {});
}

function publish(step: Step): TransitionResult {
  const { draft, ctx, at } = step;
  if (draft.state !== 'approved' && draft.state !== 'scheduled') return wrongState(step, 'publish');
  if (!isWriter(draft, ctx.actor)) return notAllowed(step, 'publish');
  // Guards data that bypassed approve() (an import, a room whose policy tightened since).
  const missing = missingSlots(draft, ctx.room);
  if (missing.length > 0)
    return fail('invalid_transition', 'errors.draft.notApproved', { missing: missing.join(', ') });
  if (isStale(draft, at)) return stale(step);
  return done(step, 'published', {
    ...draft,
    state: 'published',
    stopwatch: { ...draft.stopwatch, publishedAt: at },
  });
}

function schedule(step: Step, scheduledFor: number): TransitionResult {
  const { draft, ctx, at } = step;
  if (draft.state !== 'approved') return wrongState(step, 'schedule');
  if (!isWriter(draft, ctx.actor)) return notAllowed(step, 'schedule');
  if (scheduledFor <= at) return fail('invalid_transition', 'errors.draft.scheduleInPast');
  if (scheduledFor >= draft.expiresAt) {
    return fail('invalid_transition', 'errors.draft.scheduleAfterExpiry', { expiresAt: draft.expiresAt });
  }
  return done(step, 'scheduled', { ...draft, state: 'scheduled', scheduledFor }, { scheduledFor }, { scheduledFor });
}

function unschedule(step: Step): TransitionResult {
  const { draft, ctx } = step;
  if (draft.state !== 'scheduled') return wrongState(step, 'unschedule');
  if (!isWriter(draft, ctx.actor)) return notAllowed(step, 'unschedule');
  return done(step, 'unscheduled', { ...draft, state: 'approved', scheduledFor: null });
}

function extend(step: Step, byMs: number): TransitionResult {
  const { draft, ctx, at } = step;
  if (!activeStates.has(draft.state)) return wrongState(step, 'extend');
  if (ctx.actor.role !== 'lead') return notAllowed(step, 'extend');
  if (!Number.isInteger(byMs) || byMs < MIN_EXTEND_MS || byMs > MAX_EXTEND_MS) {
    return fail('invalid_transition', 'errors.draft.extendAmount');
  }
  const expiresAt = Math.max(draft.expiresAt, at) + byMs;
  return done(step, 'extended', { ...draft, expiresAt }, { expiresAt }, { expiresAt });
}

function expire(step: Step): TransitionResult {
  const { draft, at } = step;
  if (!activeStates.has(draft.state)) return wrongState(step, 'expire');
  // Anyone's client (or a timer acting for the room) may expire a draft: the clock decides, not a role.
  if (!isStale(draft, at))
    return fail('invalid_transition', 'errors.draft.notStaleYet', { expiresAt: draft.expiresAt });
  return done(step, 'expired', { ...draft, state: 'expired', scheduledFor: null });
}

function reopen(step: Step): TransitionResult {
  const { draft, ctx, at } = step;
  if (draft.state === 'rejected') {
    if (ctx.actor.id !== draft.authorId && ctx.actor.role !== 'lead') return notAllowed(step, 'reopen');
    return done(step, 'reopened', backToEditing(draft, 'draft'));
  }
  if (draft.state === 'expired') {
    // Reviving a response whose moment passed is a judgment call, and it restarts the window.
    if (ctx.actor.role !== 'lead') return notAllowed(step, 'reopen');
    const expiresAt = at + ctx.room.freshnessWindowMs;
    return done(step, 'reopened', { ...backToEditing(draft, 'draft'), expiresAt }, { expiresAt });
  }
  return wrongState(step, 'reopen');
}

function withdraw(step: Step): TransitionResult {
  const { draft, ctx } = step;
  if (draft.state !== 'in_review' && draft.state !== 'approved' && draft.state !== 'scheduled') {
    return wrongState(step, 'withdraw');
  }
  if (ctx.actor.id !== draft.authorId && ctx.actor.role !== 'lead') return notAllowed(step, 'withdraw');
  return done(step, 'withdrawn', backToEditing(draft, 'draft'));
}

function overrideChecklist(step: Step, reason: string): TransitionResult {
  const { draft, ctx, at } = step;
  if (draft.state !== 'draft' && draft.state !== 'in_review' && draft.state !== 'changes_requested') {
    return wrongState(step, 'override the checklist');
  }
  if (ctx.actor.role !== 'lead') return notAllowed(step, 'override the checklist');
  const written = reason.trim();
  if (written.length < MIN_OVERRIDE_REASON) {
    return fail('invalid_transition', 'errors.draft.overrideReason', { min: MIN_OVERRIDE_REASON });
  }
  const itemIds = unmetRequiredItems(ctx.checklist);
  if (itemIds.length === 0) return fail('invalid_transition', 'errors.draft.overrideNothing');
  return done(
    step,
    'checklist_overridden',
    { ...draft, override: { by: ctx.actor.id, at, reason: written, itemIds } },
    { reason: written, itemIds },
    { reason: written, items: itemIds.join(', '), ...questionTexts(ctx.checklist.template, itemIds) },
  );
}

/**
 * The questions behind item ids in both languages, so an error or an audit line names them
 * in the reader's language (`items` keeps the ids for the stored English sentence).
 */
function questionTexts(template: ChecklistTemplate, ids: readonly string[]): { itemsEn: string; itemsFr: string } {
  const texts = ids.map((id) => template.items.find((item) => item.id === id)?.text ?? { en: id, fr: id });
  return { itemsEn: texts.map((text) => text.en).join(' · '), itemsFr: texts.map((text) => text.fr).join(' · ') };
}
