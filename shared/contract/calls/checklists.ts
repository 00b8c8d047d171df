import { z } from 'zod';
import { AnswerValue, ChecklistAnswer, ChecklistTemplate } from '../../drafts/checklist';
import { call } from './define-call';
import { Id, RoomOnly } from './fields';

export const checklistCalls = {
  'checklist.get': call(RoomOnly, ChecklistTemplate),
  /** Unknown until parsed by the domain, so a bad template gets a message naming what is wrong. */
  'checklist.update': call(z.object({ roomId: Id, template: z.unknown() }), ChecklistTemplate),
  /** The room-level answers (pillars, voice…), given once before the event and carried on every draft. */
  'checklist.roomAnswers': call(RoomOnly, z.record(z.string(), ChecklistAnswer)),
  /** A lead answers one room-level question; null takes the answer back. */
  'checklist.answerRoom': call(
    z.object({ roomId: Id, itemId: Id, value: AnswerValue.nullable(), note: z.string().max(2000).optional() }),
    z.record(z.string(), ChecklistAnswer),
  ),
};
