import { z } from 'zod';
import { call } from './define-call';

/** Image names as they sit in the room's asset folder: one plain file name each. */
export const AssetName = z.string().min(1).max(255);

export const AssetFile = z.object({ name: z.string(), size: z.number(), type: z.string() });
export type AssetFile = z.infer<typeof AssetFile>;

export const AssetListing = z.object({
  /** Where the team drops images for this room, as an absolute path on the machine running Riposte (null for a teammate: it is the host's disk). */
  folder: z.string().nullable(),
  files: z.array(AssetFile),
});
export type AssetListing = z.infer<typeof AssetListing>;

export const assetCalls = {
  'assets.list': call(z.object({ roomId: z.string().min(1).max(64) }), AssetListing),
};
