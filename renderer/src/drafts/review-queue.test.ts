import { describe, expect, it } from 'vitest';
import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import { defaultRoomPolicy } from '../../../shared/drafts/team';
import { waitingForMe } from './review-queue';

const T0 = Date.UTC(2026, 6, 14, 20, 0, 0);
const approver: RoomMember = { id: 'm-approver', name: 'Anna', role: 'approver', roomId: 'r', removedAt: null };

const inReview = (id: string, unreadable: DraftView['unreadable']): DraftView => ({
  id,
  roomId: 'r',
  body: 'Bravo',
  networks: [],
  media: [],
  altTexts: {},
  triggerKind: 'scratch',
  triggerRef: null,
  authorId: 'm-writer',
  assigneeId: null,
  state: 'in_review',
  version: 2,
  expiresAt: T0 + 3_600_000,
  scheduledFor: null,
  approvals: [],
  override: null,
  stopwatch: { triggerAt: T0, firstEditAt: T0, submittedAt: T0, approvedAt: null, publishedAt: null },
  answers: {},
  progress: { total: 0, answered: 0, requiredTotal: 0, requiredMet: 0, readyForApproval: true },
  createdAt: T0,
  updatedAt: T0,
  unreadable,
});

describe('the drafts waiting for my review', () => {
  it('leave out a draft whose approvals or images do not read: it cannot be approved', () => {
    const drafts = [inReview('sound', []), inReview('approvals', ['approvals']), inReview('media', ['media'])];
    expect(waitingForMe(drafts, approver, defaultRoomPolicy, new Set()).map((d) => d.id)).toEqual(['sound']);
  });
});
