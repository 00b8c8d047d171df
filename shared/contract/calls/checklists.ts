import { z } from 'zod';
import { ChecklistTemplate } from '../../drafts/checklist';
import { call } from './define-call';
import { Id, RoomOnly } from './fields';

export const checklistCalls = {
  'checklist.get': call(RoomOnly, ChecklistTemplate),
  /** Unknown until parsed by the domain, so a bad template gets a message naming what is wrong. */
  'checklist.update': call(z.object({ roomId: Id, template: z.unknown() }), ChecklistTemplate),
};
