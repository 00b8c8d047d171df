import { z } from 'zod';
import { WorkspaceLayout } from '../../workspace/layout';
import { call } from './define-call';

const Id = z.string().min(1).max(64);
/** A member of the room, or null for whoever is at this keyboard before picking themselves. */
const Person = { roomId: Id, memberId: Id.nullable() };

export const layoutCalls = {
  /** This person's arrangement of the room, or null when they have not arranged it yet. */
  'layouts.get': call(z.object(Person), WorkspaceLayout.nullable()),
  'layouts.save': call(z.object({ ...Person, layout: WorkspaceLayout }), z.object({ savedAt: z.number() })),
};
