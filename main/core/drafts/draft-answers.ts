import type { DraftView } from '../../../shared/contract/calls/drafts';
import { checkAnswer, type AnswerValue } from '../../../shared/drafts/checklist';
import { keyedError } from '../errors';
import type { ActingPerson } from '../team/team-roles';
import type { DraftDeps, DraftKit } from './draft-kit';

/** A person answering one checklist item of a draft: checked against the template, the role and the draft's state. */
export function createDraftAnswers(
  { db, drafts, checklists, audit, now }: DraftDeps,
  { mustChange, done }: Pick<DraftKit, 'mustChange' | 'done'>,
) {
  return {
    answer(
      actor: ActingPerson,
      input: { id: string; itemId: string; value: AnswerValue | null; note?: string },
    ): DraftView {
      const current = mustChange(input.id);
      const by = actor(current.roomId);
      if (by.role === 'observer') {
        throw keyedError(
          'forbidden',
          'errors.checklist.observer',
          'Observers follow along; they do not answer the checklist.',
        );
      }
      const item = checklists.template(current.roomId).items.find((i) => i.id === input.itemId);
      if (!item) {
        throw keyedError('not_found', 'errors.checklist.noItem', `The checklist has no item "${input.itemId}".`, {
          field: 'itemId',
          params: { item: input.itemId },
        });
      }
      if (item.kind === 'auto') {
        throw keyedError(
          'invalid_input',
          'errors.checklist.autoItem',
          'This item answers itself from the text; edit the draft instead.',
          { field: 'itemId' },
        );
      }
      // null takes an answer back (undo): nothing to check against the item.
      const checked = input.value === null ? ({ ok: true } as const) : checkAnswer(item, { value: input.value });
      if (!checked.ok) {
        throw keyedError(checked.code, checked.messageKey ?? 'errors.checklist.naNotAllowed', checked.message, {
          field: 'value',
          params: { item: item.text.en, ...checked.params },
        });
      }
      if (current.state !== 'draft' && current.state !== 'changes_requested' && current.state !== 'in_review') {
        throw keyedError(
          'invalid_transition',
          'errors.checklist.closed',
          `The checklist of a ${current.state.replace('_', ' ')} draft is closed.`,
          { params: { state: current.state.replace('_', ' ') } },
        );
      }
      const at = now();
      db.transaction(() => {
        if (input.value === null) drafts.deleteAnswer(current.id, item.id);
        else {
          drafts.saveAnswer({
            draftId: current.id,
            itemId: item.id,
            value: input.value,
            note: input.note ?? null,
            memberId: by.id,
            at,
          });
        }
        audit.record({
          type: 'checklist_answered',
          roomId: current.roomId,
          draftId: current.id,
          actor: by,
          at,
          itemId: item.id,
          item: item.text,
          value: input.value ?? 'cleared',
          ...(input.note ? { note: input.note } : {}),
        });
      })();
      return done(current);
    },
  };
}
