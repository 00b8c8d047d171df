import type { ChecklistAnswer, ChecklistAnswers, ChecklistItem, ChecklistTemplate } from './checklist';
import { isMet } from './checklist';

/**
 * The pre-flight read the way a war room works it: room-level questions answered once before
 * the event and carried on every draft, per-draft questions asked of the writer or of the
 * approver, and the automatic checks.
 */

/** A draft's answers with the room's carried in: the draft's own answer to a room item wins. */
export function withRoomAnswers(
  template: ChecklistTemplate,
  roomAnswers: ChecklistAnswers,
  draftAnswers: Readonly<Record<string, ChecklistAnswer>>,
): Record<string, ChecklistAnswer> {
  const merged: Record<string, ChecklistAnswer> = {};
  for (const item of template.items) {
    const carried = item.scope === 'room' ? roomAnswers[item.id] : undefined;
    if (carried !== undefined) merged[item.id] = carried;
  }
  return { ...merged, ...draftAnswers };
}

export type Asker = 'writer' | 'approver';

/**
 * The per-draft questions still open for one side: required questions of this draft's scope,
 * confirmed by `who`, not met yet. Room items and automatic checks are never asked here.
 */
export function openQuestions(template: ChecklistTemplate, answers: ChecklistAnswers, who: Asker): ChecklistItem[] {
  return template.items.filter(
    (item) =>
      item.kind === 'question' &&
      item.scope === 'draft' &&
      item.level === 'required' &&
      item.confirmedBy === who &&
      !isMet(item, answers[item.id]),
  );
}

/** Room-level questions not answered yet: the lead settles them before the event. */
export function openRoomQuestions(template: ChecklistTemplate, roomAnswers: ChecklistAnswers): ChecklistItem[] {
  return template.items.filter(
    (item) => item.kind === 'question' && item.scope === 'room' && roomAnswers[item.id] === undefined,
  );
}
