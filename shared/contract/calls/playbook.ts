import { z } from 'zod';
import { Playbook } from '../../playbook/playbook';
import { call } from './define-call';
import { Id, RoomOnly } from './fields';

export const playbookCalls = {
  'playbook.get': call(RoomOnly, Playbook),
  'playbook.update': call(z.object({ roomId: Id, playbook: Playbook }), Playbook),
  'playbook.export': call(RoomOnly, z.object({ fileName: z.string(), text: z.string() })),
  'playbook.import': call(z.object({ roomId: Id, text: z.string().max(5_000_000) }), Playbook),
};
