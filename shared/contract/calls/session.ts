import { z } from 'zod';
import { call } from './define-call';
import { Id } from './fields';

/** Who this window says is at the keyboard in one room: a member id, or null before picking. */
export const SessionPerson = z.object({ roomId: Id, memberId: Id.nullable() });
export type SessionPerson = z.infer<typeof SessionPerson>;

/** `bound`: a teammate's session, whose person comes from their invite (nobody picks there). */
export const SessionState = SessionPerson.extend({ bound: z.boolean() });
export type SessionState = z.infer<typeof SessionState>;

/**
 * The connection's own state (one session per window or socket). Members are per room, so
 * the person is picked per room; every call that acts reads it from here.
 */
export const sessionCalls = {
  'session.get': call(z.object({ roomId: Id }), SessionState),
  'session.identify': call(SessionPerson, SessionPerson),
};
