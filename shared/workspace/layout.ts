import { z } from 'zod';

export const columnWidthBounds = { min: 240, max: 1200, initial: 360 } as const;
export const volumeHeightBounds = { min: 80, max: 600 } as const;

/**
 * How one person arranged one room: the volume panel's height and whether it shows, each
 * column's width, wall-screen mode. Saved per room and per person in the store (the person
 * picked in the Drafts panel, or whoever is at this keyboard before anyone is picked). The
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
});
export type WorkspaceLayout = z.infer<typeof WorkspaceLayout>;

export const defaultLayout: WorkspaceLayout = { volumeHeight: 150, volumeShown: true, columnWidths: {}, wall: false };

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
});

export function readStoredLayout(value: unknown): WorkspaceLayout {
  const parsed = LenientLayout.safeParse(value);
  return parsed.success ? parsed.data : defaultLayout;
}
