import { z } from 'zod';

/**
 * A moment is something the team may react to: a spike (room-wide or in a column), a term
 * nobody planned for rising fast, a note someone typed ("blackout in the stadium"), a
 * run-of-show cue that came due, or a watch alert (a column's own rule, such as "the
 * first post that says leak"). Times are integer milliseconds UTC, on the same clock as items'
 * publishedAt (a replay's wall clock, for a rehearsal).
 */
export const momentKinds = ['spike', 'emerging', 'manual', 'scheduled', 'watch'] as const;
export const MomentKind = z.enum(momentKinds);
export type MomentKind = z.infer<typeof MomentKind>;

export const momentStatuses = ['new', 'confirmed', 'dismissed', 'merged'] as const;
export const MomentStatus = z.enum(momentStatuses);
export type MomentStatus = z.infer<typeof MomentStatus>;

export const MomentSample = z.object({
  id: z.number(),
  text: z.string(),
  authorHandle: z.string().nullable(),
  publishedAt: z.number(),
});
export type MomentSample = z.infer<typeof MomentSample>;

export const Moment = z.object({
  id: z.string(),
  roomId: z.string(),
  kind: MomentKind,
  /** The rising word or hashtag (emerging), null for a room-wide spike or a note. */
  term: z.string().nullable(),
  columnId: z.string().nullable(),
  note: z.string().nullable(),
  onsetAt: z.number(),
  detectedAt: z.number(),
  peakAt: z.number().nullable(),
  /** Items in the peak minute (spike) or in the detection window (emerging, watch). */
  peakCount: z.number().nullable(),
  baseline: z.number().nullable(),
  samples: z.array(MomentSample),
  status: MomentStatus,
  mergedInto: z.string().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Moment = z.infer<typeof Moment>;

export const Cue = z.object({
  id: z.string(),
  roomId: z.string(),
  label: z.string(),
  at: z.number(),
  /** The scheduled moment logged when it came due, null before. */
  momentId: z.string().nullable(),
});
export type Cue = z.infer<typeof Cue>;

/** The next cue still to come at `now` (cues are sorted by time), or null. */
export function nextCue(cues: readonly Cue[], now: number): Cue | null {
  let next: Cue | null = null;
  for (const cue of cues) if (cue.at > now && (next === null || cue.at < next.at)) next = cue;
  return next;
}
