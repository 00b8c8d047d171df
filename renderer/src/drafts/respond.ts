import type { DraftView } from '../../../shared/contract/calls/drafts';
import type { ContractError, Result } from '../../../shared/contract/result';
import { api } from '../api';
import { askWhoAmI, readMe } from '../session/who-am-i';

/** Asks the room's Drafts panel to open a draft, or to show why one could not be started. */
export type OpenDraftRequest =
  | {
      roomId: string;
      draftId: string;
      /** Puts the cursor in its text: the person is about to write. */ focusBody?: boolean;
    }
  | { roomId: string; error: ContractError };

const openDraftEvent = 'riposte:open-draft';

export function requestOpenDraft(request: OpenDraftRequest): void {
  window.dispatchEvent(new CustomEvent<OpenDraftRequest>(openDraftEvent, { detail: request }));
}

/** The Drafts panel listens for open requests of its room; returns the unsubscribe. */
export function onOpenDraftRequest(roomId: string, listener: (request: OpenDraftRequest) => void): () => void {
  const handler = (event: Event) => {
    if (!(event instanceof CustomEvent)) return;
    const request = event.detail as OpenDraftRequest;
    if (request.roomId === roomId) listener(request);
  };
  window.addEventListener(openDraftEvent, handler);
  return () => window.removeEventListener(openDraftEvent, handler);
}

/**
 * Starts a draft as whoever is at the keyboard in this room and opens it in the Drafts
 * panel. A failure (nobody picked, a role that cannot write) is shown there too: nobody
 * acts in someone else's name, so the audit trail names the right person.
 */
export async function startDraftAsMe(
  roomId: string,
  start: () => Promise<Result<DraftView>>,
): Promise<Result<{ draftId: string }>> {
  // Main acts as the person this window told it (session.identify). Nobody picked yet in
  // this window: the prompt asks now, and the action goes on as the person picked.
  if (!readMe(roomId) && (await askWhoAmI(roomId)) === null) {
    const error: ContractError = {
      ok: false,
      code: 'forbidden',
      message: "Pick who you are first (press i, or Switch person in the room's header).",
      messageKey: 'errors.team.pickFirst',
    };
    requestOpenDraft({ roomId, error });
    return error;
  }
  const result = await start();
  if (!result.ok) {
    requestOpenDraft({ roomId, error: result });
    return result;
  }
  requestOpenDraft({ roomId, draftId: result.value.id, focusBody: true });
  return { ok: true, value: { draftId: result.value.id } };
}

/** "Respond" to an item: a draft linked to it, its stopwatch starting at the item's time. */
export function respondToItem(roomId: string, itemId: number): Promise<Result<{ draftId: string }>> {
  return startDraftAsMe(roomId, () => api.drafts.create({ roomId, trigger: { kind: 'item', itemId } }));
}
