import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { RoomMember } from '../../../shared/contract/calls/team';
import type { RoomPolicy } from '../../../shared/drafts/team';

/** Whether `me` can give an approval in this room (brand, or legal when the room asks for it). */
export function canApprove(me: RoomMember, policy: RoomPolicy): boolean {
  return policy.approverRoles.includes(me.role) || (policy.requireLegalApproval && me.role === 'legal');
}

/**
 * The drafts waiting for my review, longest waiting first: in review, not mine (unless the
 * room allows self-approval), not approved by me already, not put off ("later") at this version,
 * and readable (one whose images or approvals did not read cannot be approved).
 */
export function waitingForMe(
  drafts: readonly DraftView[],
  me: RoomMember | null,
  policy: RoomPolicy | null,
  putOff: ReadonlySet<string>,
): DraftView[] {
  if (!me || !policy || !canApprove(me, policy)) return [];
  return drafts
    .filter(
      (d) =>
        d.state === 'in_review' &&
        d.unreadable.length === 0 &&
        (d.authorId !== me.id || policy.allowSelfApproval) &&
        !d.approvals.some((a) => a.memberId === me.id) &&
        !putOff.has(`${d.id}@${d.version}`),
    )
    .sort((a, b) => (a.stopwatch.submittedAt ?? a.updatedAt) - (b.stopwatch.submittedAt ?? b.updatedAt));
}
