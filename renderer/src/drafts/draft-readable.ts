import type { DraftView } from '../../../shared/contract/calls/drafts';

export type UnreadableNoticeKey = 'unreadable.media' | 'unreadable.approvals' | 'unreadable.mediaAndApprovals';

/**
 * Why a draft is read-only, as a key of the drafts catalog: its stored images or approvals
 * could not be read, so main refuses every change, approval or publication of it. Null when
 * the draft reads whole.
 */
export function unreadableNotice(draft: Pick<DraftView, 'unreadable'>): UnreadableNoticeKey | null {
  const media = draft.unreadable.includes('media');
  const approvals = draft.unreadable.includes('approvals');
  if (media && approvals) return 'unreadable.mediaAndApprovals';
  if (media) return 'unreadable.media';
  if (approvals) return 'unreadable.approvals';
  return null;
}

/**
 * Who acts on this draft's editing, checklist, approval and publishing controls: nobody when it
 * is read-only, so they are all disabled as they are before a person says who they are.
 */
export function actingOn<M>(draft: Pick<DraftView, 'unreadable'>, me: M | null): M | null {
  return unreadableNotice(draft) === null ? me : null;
}
