import { z } from 'zod';

/** Networks a draft can be written for. Each counts length its own way (see network-length). */
export const networks = ['x', 'mastodon', 'bluesky'] as const;
export const Network = z.enum(networks);
export type Network = z.infer<typeof Network>;

/** What one post carries at most on the strictest network (X allows 4 images); main refuses more. */
export const MAX_MEDIA = 4;
