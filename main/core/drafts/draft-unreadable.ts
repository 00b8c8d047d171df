import { keyedError } from '../errors';

/**
 * Refuses to change, approve or publish a draft whose images or approvals could not be read
 * from the store (`unreadable`, see `blockingParts`): what it would do cannot be known. Its
 * text still reads, so a person can start a new draft from it.
 */
export function refuseUnreadable(unreadable: readonly string[], field = 'id'): void {
  if (!unreadable.some((part) => part === 'media' || part === 'approvals')) return;
  throw keyedError(
    'invalid_transition',
    'errors.draft.unreadable',
    "Riposte could not read this draft's stored images or approvals (the store may be damaged, or a newer Riposte wrote them), so it cannot be changed, approved or published. Start a new draft and copy its text in.",
    { field },
  );
}
