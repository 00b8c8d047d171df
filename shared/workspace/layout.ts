import { z } from 'zod';

export const columnWidthBounds = { min: 240, max: 1200, initial: 360 } as const;
export const volumeHeightBounds = { min: 80, max: 600 } as const;
/**
 * Compact cards (one line of who and when, two of text, actions on hover) fit four columns
 * of eight posts beside the side panel at 1440×900; comfortable ones show each post whole.
 */
export const cardDensities = ['compact', 'comfortable'] as const;
export type CardDensity = (typeof cardDensities)[number];
/** A column's width until someone drags it, per density. */
export const initialColumnWidth: Record<CardDensity, number> = { compact: 240, comfortable: 360 };

/**
 * How one person arranged one room: the volume panel's height and whether it shows, each
 * column's width, wall-screen mode, compact or comfortable cards. Saved per room and per person in the store (the person
 * picked in the room header's who-am-I, or whoever is at this keyboard before anyone is picked). The
 * column order itself is the room's, shared by the team.
 */
export const WorkspaceLayout = z.object({
  volumeHeight: z.number().int().min(volumeHeightBounds.min).max(volumeHeightBounds.max),
  volumeShown: z.boolean(),
  /** Column id → width in pixels. */
  columnWidths: z
    .record(z.string().max(64), z.number().int().min(columnWidthBounds.min).max(columnWidthBounds.max))
    .refine((widths) => Object.keys(widths).length <= 200, { error: 'At most 200 column widths.' }),
  wall: z.boolean(),
  /** Layouts saved before the switch existed read as compact, the default. */
  density: z.enum(cardDensities).default('compact'),
});
export type WorkspaceLayout = z.infer<typeof WorkspaceLayout>;

export const defaultLayout: WorkspaceLayout = {
  volumeHeight: 150,
  volumeShown: true,
  columnWidths: {},
  wall: false,
  density: 'compact',
};

/**
 * A layout read back from storage written by an older version, or damaged: each part that
 * does not fit falls back to its default instead of losing the whole arrangement.
 */
const LenientLayout = z.object({
  volumeHeight: WorkspaceLayout.shape.volumeHeight.catch(defaultLayout.volumeHeight),
  volumeShown: WorkspaceLayout.shape.volumeShown.catch(defaultLayout.volumeShown),
  columnWidths: z
    .record(z.string(), z.number().int().min(columnWidthBounds.min).max(columnWidthBounds.max))
    .catch(defaultLayout.columnWidths),
  wall: WorkspaceLayout.shape.wall.catch(defaultLayout.wall),
  density: z.enum(cardDensities).catch(defaultLayout.density),
});

export function readStoredLayout(value: unknown): WorkspaceLayout {
  const parsed = LenientLayout.safeParse(value);
  return parsed.success ? parsed.data : defaultLayout;
}
