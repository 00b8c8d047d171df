import { z } from 'zod';

/** The structured part of a column query, set with controls rather than typed. */
export const QueryFilters = z.object({
  sources: z.array(z.string().min(1)).max(500).optional(),
  languages: z.array(z.string().min(1).max(16)).max(50).optional(),
  alliedOnly: z.boolean().optional(),
  hasMedia: z.boolean().optional(),
  minEngagement: z.number().int().nonnegative().optional(),
  timeRange: z.object({ from: z.number().int().optional(), to: z.number().int().optional() }).optional(),
});
export type QueryFilters = z.infer<typeof QueryFilters>;
