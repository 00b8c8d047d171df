import { describe, expect, it } from 'vitest';
import { draftMessagesEn, draftMessagesFr } from './messages';
import { canEdit, freshnessState, isStale, recordEdit, transition, type TransitionResult } from './lifecycle';
import type { DraftForLifecycle } from './draft';
import { RoomPolicy } from './team';
import {
  MINUTE,
  T0,
  analyst,
  approver,
  approver2,
  checklist,
  ctx,
  lead,
  legal,
  newDraft,
  observer,
  writer,
} from './test-fixtures';

function expectOk(result: TransitionResult): DraftForLifecycle {
  if (!result.ok) throw new Error(`expected ok, got ${result.code}: ${result.message}`);
  return result.draft;
}

function submitted(): DraftForLifecycle {
  return expectOk(transition(newDraft(), { type: 'submit' }, ctx(writer, T0 + MINUTE)));
}

function approved(): DraftForLifecycle {
  return expectOk(transition(submitted(), { type: 'approve' }, ctx(approver, T0 + 2 * MINUTE)));
}

describe('draft lifecycle', () => {
  it('goes draft → in_review → approved → published and times every step', () => {
    let draft = recordEdit(newDraft(), T0 + 30_000);
    const sub = transition(draft, { type: 'submit' }, ctx(writer, T0 + MINUTE));
    expect(sub).toMatchObject({
      ok: true,
      event: { type: 'submitted', from: 'draft', to: 'in_review', actorId: writer.id },
    });
    draft = expectOk(sub);
    draft = expectOk(transition(draft, { type: 'approve' }, ctx(approver, T0 + 2 * MINUTE)));
    expect(draft.state).toBe('approved');
    const pub = transition(draft, { type: 'publish' }, ctx(writer, T0 + 3 * MINUTE));
    draft = expectOk(pub);
    expect(draft.state).toBe('published');
    expect(draft.stopwatch).toEqual({
      triggerAt: T0,
      firstEditAt: T0 + 30_000,
      submittedAt: T0 + MINUTE,
      approvedAt: T0 + 2 * MINUTE,
      publishedAt: T0 + 3 * MINUTE,
    });
    if (pub.ok) expect(pub.event.message).toBe('Walid published the draft.');
  });

  it('refuses actions from the wrong state with invalid_transition and an i18n key', () => {
    const result = transition(newDraft(), { type: 'publish' }, ctx(writer, T0 + MINUTE));
    expect(result).toMatchObject({ ok: false, code: 'invalid_transition', messageKey: 'errors.draft.transition' });
    if (!result.ok) expect(result.message).toBe('A draft that is draft cannot be sent to publish.');
  });

  it('lets only reviewers approve; observers and analysts cannot even submit', () => {
    for (const member of [writer, analyst, observer, legal]) {
      expect(transition(submitted(), { type: 'approve' }, ctx(member, T0 + 2 * MINUTE))).toMatchObject({
        ok: false,
        code: 'forbidden',
      });
    }
    expect(transition(newDraft(), { type: 'submit' }, ctx(observer, T0))).toMatchObject({ code: 'forbidden' });
    expect(transition(newDraft(), { type: 'submit' }, ctx(analyst, T0))).toMatchObject({ code: 'forbidden' });
    expect(transition(submitted(), { type: 'approve' }, ctx(lead, T0 + 2 * MINUTE))).toMatchObject({ ok: true });
  });

  it('follows the room’s approverRoles', () => {
    const room = RoomPolicy.parse({ approverRoles: ['approver'] });
    const draft = expectOk(transition(newDraft(room), { type: 'submit' }, ctx(writer, T0, { room })));
    expect(transition(draft, { type: 'approve' }, ctx(lead, T0, { room }))).toMatchObject({ code: 'forbidden' });
    // The lead still runs the room: they can send it back or reject it.
    expect(transition(draft, { type: 'request_changes' }, ctx(lead, T0, { room }))).toMatchObject({ ok: true });
  });

  it('forbids approving your own draft unless the room allows it', () => {
    const own = expectOk(transition(newDraft(undefined, approver.id), { type: 'submit' }, ctx(approver, T0)));
    const refused = transition(own, { type: 'approve' }, ctx(approver, T0 + MINUTE));
    expect(refused).toMatchObject({ ok: false, code: 'forbidden', messageKey: 'errors.draft.selfApproval' });
    const room = RoomPolicy.parse({ allowSelfApproval: true });
    expect(transition(own, { type: 'approve' }, ctx(approver, T0 + MINUTE, { room }))).toMatchObject({ ok: true });
  });

  it('blocks approval while a required item is not met, naming the items', () => {
    const answers = { pillars: { value: 'fail' as const }, image_rights: { value: 'na' as const } };
    const result = transition(
      submitted(),
      { type: 'approve' },
      ctx(approver, T0 + 2 * MINUTE, { checklist: checklist(answers) }),
    );
    expect(result).toMatchObject({ ok: false, code: 'invalid_transition', messageKey: 'errors.draft.checklistUnmet' });
    if (!result.ok) expect(result.message).toContain('pillars');
    // Unanswered is not met either; n/a is met where the item allows it; advisory never blocks.
    const unanswered = transition(
      submitted(),
      { type: 'approve' },
      ctx(approver, T0, { checklist: checklist({ pillars: { value: 'pass' } }) }),
    );
    expect(unanswered).toMatchObject({ ok: false, params: { items: 'image_rights' } });
    const naNotAllowed = checklist({ pillars: { value: 'na' }, image_rights: { value: 'na' } });
    expect(transition(submitted(), { type: 'approve' }, ctx(approver, T0, { checklist: naNotAllowed }))).toMatchObject({
      ok: false,
    });
  });

  it('accepts a lead override with a written reason, recorded and limited to the items failing then', () => {
    const failing = checklist({ pillars: { value: 'fail' }, image_rights: { value: 'pass' } });
    let draft = submitted();
    expect(
      transition(draft, { type: 'override_checklist', reason: 'ok' }, ctx(lead, T0, { checklist: failing })),
    ).toMatchObject({
      ok: false,
      messageKey: 'errors.draft.overrideReason',
    });
    expect(
      transition(
        draft,
        { type: 'override_checklist', reason: 'Pillar is implied by the joke' },
        ctx(approver, T0, { checklist: failing }),
      ),
    ).toMatchObject({ code: 'forbidden' });
    const overridden = transition(
      draft,
      { type: 'override_checklist', reason: '  Pillar is implied by the joke ' },
      ctx(lead, T0 + 2 * MINUTE, { checklist: failing }),
    );
    expect(overridden).toMatchObject({
      ok: true,
      event: {
        type: 'checklist_overridden',
        actorId: lead.id,
        detail: { reason: 'Pillar is implied by the joke', itemIds: ['pillars'] },
      },
    });
    draft = expectOk(overridden);
    expect(draft.override).toEqual({
      by: lead.id,
      at: T0 + 2 * MINUTE,
      reason: 'Pillar is implied by the joke',
      itemIds: ['pillars'],
    });
    expect(
      transition(draft, { type: 'approve' }, ctx(approver, T0 + 3 * MINUTE, { checklist: failing })),
    ).toMatchObject({ ok: true });
    // A different item failing later is not covered by that override.
    const otherFailing = checklist({ pillars: { value: 'fail' }, image_rights: { value: 'fail' } });
    expect(
      transition(draft, { type: 'approve' }, ctx(approver, T0 + 3 * MINUTE, { checklist: otherFailing })),
    ).toMatchObject({
      ok: false,
      params: { items: 'image_rights' },
    });
    expect(
      transition(submitted(), { type: 'override_checklist', reason: 'Nothing to override here' }, ctx(lead, T0)),
    ).toMatchObject({
      messageKey: 'errors.draft.overrideNothing',
    });
  });

  it('needs both brand and legal approval in a two-approval room, from two people', () => {
    const room = RoomPolicy.parse({ requireLegalApproval: true, approverRoles: ['lead', 'approver', 'legal'] });
    let draft = expectOk(transition(newDraft(room), { type: 'submit' }, ctx(writer, T0, { room })));
    const first = transition(draft, { type: 'approve' }, ctx(approver, T0 + MINUTE, { room }));
    expect(first).toMatchObject({ ok: true, event: { type: 'approval_recorded', detail: { slot: 'brand' } } });
    draft = expectOk(first);
    expect(draft.state).toBe('in_review');
    expect(transition(draft, { type: 'approve' }, ctx(approver, T0 + MINUTE, { room }))).toMatchObject({
      messageKey: 'errors.draft.alreadyApproved',
    });
    expect(transition(draft, { type: 'approve' }, ctx(approver2, T0 + MINUTE, { room }))).toMatchObject({
      messageKey: 'errors.draft.slotFilled',
    });
    draft = expectOk(transition(draft, { type: 'approve' }, ctx(legal, T0 + 2 * MINUTE, { room })));
    expect(draft.state).toBe('approved');
    expect(draft.approvals.map((a) => a.slot)).toEqual(['brand', 'legal']);
  });

  it('refuses to publish a draft whose approvals do not satisfy the room (policy tightened)', () => {
    const room = RoomPolicy.parse({ requireLegalApproval: true });
    const result = transition(approved(), { type: 'publish' }, ctx(writer, T0 + 3 * MINUTE, { room }));
    expect(result).toMatchObject({ ok: false, messageKey: 'errors.draft.notApproved', params: { missing: 'legal' } });
  });

  it('goes round changes_requested ⇄ in_review and clears approvals on the way back', () => {
    let draft = expectOk(
      transition(approved(), { type: 'request_changes', note: 'Tone down' }, ctx(lead, T0 + 3 * MINUTE)),
    );
    expect(draft).toMatchObject({
      state: 'changes_requested',
      approvals: [],
      stopwatch: { approvedAt: null, submittedAt: null },
    });
    expect(canEdit(draft, writer)).toBe(true);
    expect(canEdit(draft, observer)).toBe(false);
    draft = expectOk(transition(draft, { type: 'submit' }, ctx(writer, T0 + 4 * MINUTE)));
    expect(draft).toMatchObject({ state: 'in_review', stopwatch: { submittedAt: T0 + 4 * MINUTE } });
    expect(canEdit(draft, writer)).toBe(false);
  });

  it('schedules within the window, then publishes; unschedule goes back to approved', () => {
    const draft = approved();
    expect(transition(draft, { type: 'schedule', at: T0 }, ctx(writer, T0 + 3 * MINUTE))).toMatchObject({
      messageKey: 'errors.draft.scheduleInPast',
    });
    expect(transition(draft, { type: 'schedule', at: T0 + 25 * MINUTE }, ctx(writer, T0 + 3 * MINUTE))).toMatchObject({
      messageKey: 'errors.draft.scheduleAfterExpiry',
    });
    const scheduled = expectOk(
      transition(draft, { type: 'schedule', at: T0 + 10 * MINUTE }, ctx(writer, T0 + 3 * MINUTE)),
    );
    expect(scheduled).toMatchObject({ state: 'scheduled', scheduledFor: T0 + 10 * MINUTE });
    expect(expectOk(transition(scheduled, { type: 'unschedule' }, ctx(writer, T0 + 4 * MINUTE)))).toMatchObject({
      state: 'approved',
      scheduledFor: null,
    });
    const published = expectOk(transition(scheduled, { type: 'publish' }, ctx(writer, T0 + 10 * MINUTE)));
    expect(published.stopwatch.publishedAt).toBe(T0 + 10 * MINUTE);
  });

  it('expires only after the window, unless a lead extends it', () => {
    const draft = submitted();
    expect(transition(draft, { type: 'expire' }, ctx(observer, T0 + 19 * MINUTE))).toMatchObject({
      messageKey: 'errors.draft.notStaleYet',
    });
    expect(transition(draft, { type: 'approve' }, ctx(approver, T0 + 20 * MINUTE))).toMatchObject({
      messageKey: 'errors.draft.stale',
    });
    expect(transition(draft, { type: 'extend', byMs: 10 * MINUTE }, ctx(writer, T0 + 19 * MINUTE))).toMatchObject({
      code: 'forbidden',
    });
    expect(transition(draft, { type: 'extend', byMs: 1000 }, ctx(lead, T0 + 19 * MINUTE))).toMatchObject({
      messageKey: 'errors.draft.extendAmount',
    });
    const extended = expectOk(transition(draft, { type: 'extend', byMs: 10 * MINUTE }, ctx(lead, T0 + 19 * MINUTE)));
    expect(extended.expiresAt).toBe(T0 + 30 * MINUTE);
    expect(transition(extended, { type: 'approve' }, ctx(approver, T0 + 25 * MINUTE))).toMatchObject({ ok: true });
    const expired = expectOk(transition(draft, { type: 'expire' }, ctx(observer, T0 + 20 * MINUTE)));
    expect(expired.state).toBe('expired');
    expect(transition(expired, { type: 'submit' }, ctx(writer, T0 + 21 * MINUTE))).toMatchObject({
      code: 'invalid_transition',
    });
  });

  it('reopens a rejected draft for its author, an expired one only for a lead with a fresh window', () => {
    const rejected = expectOk(
      transition(submitted(), { type: 'reject', reason: 'Off brand' }, ctx(approver, T0 + 2 * MINUTE)),
    );
    expect(rejected.state).toBe('rejected');
    expect(transition(rejected, { type: 'reopen' }, ctx(approver, T0 + 3 * MINUTE))).toMatchObject({
      code: 'forbidden',
    });
    expect(expectOk(transition(rejected, { type: 'reopen' }, ctx(writer, T0 + 3 * MINUTE))).state).toBe('draft');

    const expired = expectOk(transition(submitted(), { type: 'expire' }, ctx(observer, T0 + 21 * MINUTE)));
    expect(transition(expired, { type: 'reopen' }, ctx(writer, T0 + 22 * MINUTE))).toMatchObject({ code: 'forbidden' });
    const reopened = expectOk(transition(expired, { type: 'reopen' }, ctx(lead, T0 + 22 * MINUTE)));
    expect(reopened).toMatchObject({ state: 'draft', expiresAt: T0 + 42 * MINUTE, approvals: [] });
    expect(transition(newDraft(), { type: 'reopen' }, ctx(lead, T0))).toMatchObject({ code: 'invalid_transition' });
  });

  it('lets the author withdraw an approved draft back to editing', () => {
    expect(transition(approved(), { type: 'withdraw' }, ctx(approver, T0 + 3 * MINUTE))).toMatchObject({
      code: 'forbidden',
    });
    const back = expectOk(transition(approved(), { type: 'withdraw' }, ctx(writer, T0 + 3 * MINUTE)));
    expect(back).toMatchObject({ state: 'draft', approvals: [], stopwatch: { approvedAt: null } });
  });

  it('never records a step earlier than the previous one (clock skew between laptops)', () => {
    const draft = submitted();
    const result = transition(draft, { type: 'approve' }, ctx(approver, T0));
    expect(result).toMatchObject({ ok: true, event: { at: T0 + MINUTE } });
  });

  it('records the first edit once', () => {
    const once = recordEdit(newDraft(), T0 + 5_000);
    expect(recordEdit(once, T0 + 9_000).stopwatch.firstEditAt).toBe(T0 + 5_000);
  });
});

describe('freshness', () => {
  const draft = newDraft();
  it('goes fresh → amber → red → expired over the 20-minute default window', () => {
    expect(freshnessState(draft, T0)).toBe('fresh');
    expect(freshnessState(draft, T0 + 9 * MINUTE)).toBe('fresh');
    expect(freshnessState(draft, T0 + 10 * MINUTE)).toBe('amber');
    expect(freshnessState(draft, T0 + 15 * MINUTE)).toBe('red');
    expect(freshnessState(draft, T0 + 20 * MINUTE)).toBe('expired');
    expect(isStale(draft, T0 + 20 * MINUTE - 1)).toBe(false);
    expect(isStale(draft, T0 + 20 * MINUTE)).toBe(true);
  });

  it('uses the room’s window', () => {
    const room = RoomPolicy.parse({ freshnessWindowMs: 60 * MINUTE });
    expect(freshnessState(newDraft(room), T0 + 25 * MINUTE)).toBe('fresh');
  });
});

describe('draft messages', () => {
  it('has a French entry for every English key, with the same placeholders', () => {
    for (const [key, en] of Object.entries(draftMessagesEn)) {
      const fr = draftMessagesFr[key as keyof typeof draftMessagesEn];
      const names = (s: string) => [...s.matchAll(/\{\{[^}]+\}\}/g)].map((m) => m[0]).sort();
      expect(names(fr), key).toEqual(names(en));
    }
  });
});
