import i18next from 'i18next';
import type { AnswerValue } from '../../../shared/drafts/checklist';
import { api } from '../api';
import { undoStack } from './undo-stack';

/**
 * The actions that change what the whole room sees, each recorded with the call that takes
 * it back, so a slip is one Ctrl+Z (or the toast's button) away. Callers use these instead
 * of calling the contract directly.
 */

const label = (key: string, params: Record<string, string> = {}) => i18next.t(`common:undo.did.${key}`, params);

export async function hideAsNoise(itemId: number) {
  const result = await api.itemState.set({ itemId, noise: true });
  if (result.ok) {
    undoStack.record({ label: label('noise'), undo: () => api.itemState.set({ itemId, noise: false }) });
  }
  return result;
}

export async function hideAuthor(roomId: string, authorHandle: string) {
  const result = await api.itemState.hideAuthor({ roomId, authorHandle });
  if (result.ok) {
    undoStack.record({
      label: label('author', { author: authorHandle }),
      undo: () => api.itemState.unhideAuthor({ roomId, authorHandle }),
    });
  }
  return result;
}

export async function dismissMoment(id: string) {
  const result = await api.moments.dismiss({ id });
  if (result.ok) undoStack.record({ label: label('moment'), undo: () => api.moments.restore({ id }) });
  return result;
}

/** A draft's checklist answer; undo puts back the answer it replaced (or none). */
export async function answerDraftItem(input: {
  draftId: string;
  itemId: string;
  itemText: string;
  value: AnswerValue | null;
  previous: AnswerValue | null;
}) {
  const result = await api.drafts.answer({ id: input.draftId, itemId: input.itemId, value: input.value });
  if (result.ok) {
    undoStack.record({
      label: label('answer', { item: input.itemText }),
      undo: () => api.drafts.answer({ id: input.draftId, itemId: input.itemId, value: input.previous }),
    });
  }
  return result;
}

/** A room-level answer (the lead, before the event); undo puts back the one it replaced. */
export async function answerRoomItem(input: {
  roomId: string;
  itemId: string;
  itemText: string;
  value: AnswerValue | null;
  previous: AnswerValue | null;
}) {
  const result = await api.checklist.answerRoom({ roomId: input.roomId, itemId: input.itemId, value: input.value });
  if (result.ok) {
    undoStack.record({
      label: label('answer', { item: input.itemText }),
      undo: () => api.checklist.answerRoom({ roomId: input.roomId, itemId: input.itemId, value: input.previous }),
    });
  }
  return result;
}
