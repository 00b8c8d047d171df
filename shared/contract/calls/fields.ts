import { z } from 'zod';
import { Network } from '../../drafts/networks';

/** Fields several areas' calls share. */
export const Id = z.string().min(1).max(64);
export const RoomOnly = z.object({ roomId: Id });
export const Text = (max: number) => z.string().trim().min(1).max(max);
export const Networks = z.array(Network).max(3).default([]);

/**
 * Spread into the input of every call that acts as a person. The person acting is the one
 * picked in this window and told to main with `session.identify`; a payload that still
 * names an actor is refused rather than silently ignored, so an old client never believes
 * it acted as someone it did not.
 */
export const ActsAsSessionPerson = {
  actorId: z.never({ error: 'errors.session.actorInPayload' }).optional(),
};
