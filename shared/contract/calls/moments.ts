import { z } from 'zod';
import { Cue, Moment } from '../../moments/moment';
import { call } from './define-call';

const Id = z.string().min(1).max(64);
const Label = z.string().trim().min(1).max(200);
const Time = z.number().int().min(0);

export const momentCalls = {
  'moments.list': call(
    z.object({
      roomId: Id,
      limit: z.number().int().min(1).max(500).default(100),
      includeDismissed: z.boolean().default(false),
    }),
    z.array(Moment),
  ),
  'moments.confirm': call(z.object({ id: Id }), Moment),
  /** Also keeps the detector quiet about this term (or the room-wide spike) for a while. */
  'moments.dismiss': call(
    z.object({
      id: Id,
      quietMinutes: z
        .number()
        .int()
        .min(1)
        .max(24 * 60)
        .default(30),
    }),
    Moment,
  ),
  /** Takes a dismissal back (undo): the moment is new again and its quiet period ends. */
  'moments.restore': call(z.object({ id: Id }), Moment),
  /** Folds `id` into `intoId` (same room): the first becomes 'merged', its samples join the second. */
  'moments.merge': call(z.object({ id: Id, intoId: Id }), Moment),
  /** A manual moment, timestamped now: "blackout in the stadium". */
  'moments.log': call(z.object({ roomId: Id, note: Label }), Moment),
  'cues.list': call(z.object({ roomId: Id }), z.array(Cue)),
  'cues.add': call(z.object({ roomId: Id, label: Label, at: Time }), Cue),
  'cues.update': call(z.object({ id: Id, label: Label.optional(), at: Time.optional() }), Cue),
  'cues.remove': call(z.object({ id: Id }), z.object({ id: z.string(), roomId: z.string() })),
  'cues.next': call(z.object({ roomId: Id }), Cue.nullable()),
};

export const momentEvents = {
  /** New moments, grouped: everything one detection pass (or one action) found. */
  'moments.detected': z.object({ roomId: z.string(), moments: z.array(Moment) }),
  'moments.changed': z.object({ roomId: z.string(), moment: Moment }),
  'cues.changed': z.object({ roomId: z.string() }),
};
