import { z } from 'zod';
import { WorkspaceLayout } from '../../workspace/layout';
import { call } from './define-call';
import { RoomOnly } from './fields';

/**
 * The arrangement of the person in this session (session.identify), or the room's shared
 * one before anyone is picked.
 */
export const layoutCalls = {
  /** Null when this person has not arranged the room yet. */
  'layouts.get': call(RoomOnly, WorkspaceLayout.nullable()),
  'layouts.save': call(RoomOnly.extend({ layout: WorkspaceLayout }), z.object({ savedAt: z.number() })),
};
