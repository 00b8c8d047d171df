import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unmetRequiredItems, type AnswerValue, type ChecklistAnswers } from './checklist';
import { missingSlots, type DraftForLifecycle } from './draft';
import { MIN_OVERRIDE_REASON, transition, type DraftAction } from './lifecycle';
import { RoomPolicy, roles, type Member } from './team';
import { MINUTE, T0, checklist, members, newDraft } from './test-fixtures';

const memberById = new Map<string, Member>(members.map((m) => [m.id, m]));

// Mostly 'pass', so approvals happen often enough to exercise what follows them.
const answerValue = fc.constantFrom<AnswerValue | undefined>('pass', 'pass', 'pass', 'pass', 'fail', 'na', undefined);
const answers: fc.Arbitrary<ChecklistAnswers> = fc
  .tuple(answerValue, answerValue, answerValue)
  .map(([pillars, rights, rhythm]) => ({
    pillars: pillars === undefined ? undefined : { value: pillars },
    image_rights: rights === undefined ? undefined : { value: rights },
    rhythm: rhythm === undefined ? undefined : { value: rhythm },
  }));

const room = fc
  .record({
    approverRoles: fc.subarray([...roles], { minLength: 1 }),
    requireLegalApproval: fc.boolean(),
    allowSelfApproval: fc.boolean(),
  })
  .map((r) => RoomPolicy.parse(r));

const weighted = <T>(weight: number, arbitrary: fc.Arbitrary<T>) => ({ weight, arbitrary });

// Weighted so that runs get deep (approved, scheduled, published) instead of dying early.
const action: fc.Arbitrary<DraftAction> = fc.oneof(
  weighted(6, fc.constant<DraftAction>({ type: 'submit' })),
  weighted(10, fc.constant<DraftAction>({ type: 'approve' })),
  weighted(6, fc.constant<DraftAction>({ type: 'publish' })),
  weighted(1, fc.constant<DraftAction>({ type: 'request_changes' })),
  weighted(1, fc.constant<DraftAction>({ type: 'reject' })),
  weighted(1, fc.constant<DraftAction>({ type: 'unschedule' })),
  weighted(1, fc.constant<DraftAction>({ type: 'expire' })),
  weighted(2, fc.constant<DraftAction>({ type: 'reopen' })),
  weighted(1, fc.constant<DraftAction>({ type: 'withdraw' })),
  weighted(
    5,
    fc.integer({ min: -MINUTE, max: 15 * MINUTE }).map<DraftAction>((offset) => ({ type: 'schedule', at: offset })),
  ),
  weighted(
    1,
    fc
      .constantFrom(1_000, MINUTE, 10 * MINUTE, 48 * 60 * MINUTE)
      .map<DraftAction>((byMs) => ({ type: 'extend', byMs })),
  ),
  weighted(
    6,
    fc
      .constantFrom('', 'short', '          ', 'Legal cleared this by phone', 'Pillar is implied; the CEO signed off')
      .map<DraftAction>((reason) => ({ type: 'override_checklist', reason })),
  ),
);

const step = fc.record({
  actor: fc.constantFrom(...members),
  action,
  // null: the checklist did not change since the previous step (as in a real session).
  answers: fc.option(answers, { nil: null, freq: 2 }),
  // Mostly forward, sometimes a laptop whose clock is behind.
  dt: fc.integer({ min: -MINUTE, max: 2 * MINUTE }),
});

function stopwatchInOrder(draft: DraftForLifecycle): boolean {
  const { triggerAt, firstEditAt, submittedAt, approvedAt, publishedAt } = draft.stopwatch;
  const times = [triggerAt, firstEditAt, submittedAt, approvedAt, publishedAt].filter((t): t is number => t !== null);
  return times.every((t, i) => i === 0 || t >= (times[i - 1] ?? t));
}

describe('draft lifecycle properties', () => {
  it('holds its invariants for any sequence of actions by any members', () => {
    // Counts what the runs reached, so the test fails if the generator stops exploring.
    const reached = { published: 0, publishedTwoApprovals: 0, approvedWithOverride: 0, scheduled: 0, expired: 0 };
    fc.assert(
      fc.property(
        room,
        fc.constantFrom(...members),
        fc.array(step, { minLength: 20, maxLength: 60, size: 'max' }),
        (policy, author, steps) => {
          let draft = newDraft(policy, author.id);
          let now = T0;
          let lastAt = draft.updatedAt;
          let state = checklist({});
          for (const s of steps) {
            now += s.dt;
            if (s.answers !== null) state = checklist(s.answers);
            // Schedule offsets are relative so that some land inside the window.
            const act: DraftAction =
              s.action.type === 'schedule' ? { type: 'schedule', at: now + s.action.at } : s.action;
            const before = structuredClone(draft);
            const result = transition(draft, act, { actor: s.actor, room: policy, checklist: state, now });
            expect(draft).toEqual(before); // pure: the input is never mutated
            if (!result.ok) continue;
            const next = result.draft;
            const { event } = result;
            expect(event.from).toBe(draft.state);
            expect(event.to).toBe(next.state);
            expect(event.actorId).toBe(s.actor.id);
            expect(event.at).toBeGreaterThanOrEqual(lastAt);
            expect(next.updatedAt).toBe(event.at);
            expect(stopwatchInOrder(next)).toBe(true);

            if (event.type === 'approved' || event.type === 'approval_recorded') {
              const uncovered = unmetRequiredItems(state).filter((id) => !(next.override?.itemIds ?? []).includes(id));
              expect(uncovered).toEqual([]);
              if (unmetRequiredItems(state).length > 0) {
                expect(next.override).not.toBeNull();
                expect(memberById.get(next.override?.by ?? '')?.role).toBe('lead');
                expect(next.override?.reason.length).toBeGreaterThanOrEqual(MIN_OVERRIDE_REASON);
              }
            }
            if (next.state === 'approved' || next.state === 'scheduled' || next.state === 'published') {
              expect(missingSlots(next, policy)).toEqual([]);
              expect(next.stopwatch.approvedAt).not.toBeNull();
              const approvers = next.approvals.map((a) => a.memberId);
              expect(new Set(approvers).size).toBe(approvers.length);
              if (!policy.allowSelfApproval) expect(approvers).not.toContain(next.authorId);
              for (const approval of next.approvals) {
                const role = memberById.get(approval.memberId)?.role;
                if (approval.slot === 'legal') expect(role).toBe('legal');
                else expect(policy.approverRoles).toContain(role);
              }
              if (policy.requireLegalApproval) expect(next.approvals).toHaveLength(2);
            }
            if (next.state === 'published') expect(next.stopwatch.publishedAt).toBe(event.at);
            if (event.type === 'published') reached.published += 1;
            if (event.type === 'published' && policy.requireLegalApproval) reached.publishedTwoApprovals += 1;
            if (event.type === 'approved' && unmetRequiredItems(state).length > 0) reached.approvedWithOverride += 1;
            if (event.type === 'scheduled') reached.scheduled += 1;
            if (event.type === 'expired') reached.expired += 1;
            draft = next;
            lastAt = event.at;
          }
        },
      ),
      { numRuns: 1000 },
    );
    for (const [what, count] of Object.entries(reached)) expect(count, what).toBeGreaterThan(0);
  });

  it('reaches published in a two-approval room only through both approvals', () => {
    // A directed search: the generator above rarely strings a whole legal path together.
    const policy = RoomPolicy.parse({ requireLegalApproval: true });
    fc.assert(
      fc.property(fc.shuffledSubarray(['m-lead', 'm-approver', 'm-legal'], { minLength: 0 }), (approverIds) => {
        let draft = newDraft(policy);
        const ok = (member: Member, act: DraftAction, now: number) => {
          const result = transition(draft, act, { actor: member, room: policy, checklist: checklist(), now });
          if (result.ok) draft = result.draft;
          return result.ok;
        };
        const writerMember = memberById.get('m-writer');
        if (writerMember === undefined) throw new Error('fixture');
        ok(writerMember, { type: 'submit' }, T0 + MINUTE);
        for (const id of approverIds) {
          const member = memberById.get(id);
          if (member) ok(member, { type: 'approve' }, T0 + 2 * MINUTE);
        }
        const published = ok(writerMember, { type: 'publish' }, T0 + 3 * MINUTE);
        expect(published).toBe(approverIds.includes('m-legal') && approverIds.length >= 2);
      }),
    );
  });
});
