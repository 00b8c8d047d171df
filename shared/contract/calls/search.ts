import { z } from 'zod';
import { DraftState } from '../../drafts/draft';
import { MomentKind } from '../../moments/moment';
import { call } from './define-call';

/**
 * Search every room this session may read (a teammate: their own room only). The query is
 * the columns' language (words, "phrases", OR, -not, arbit*, #tags, @authors), the same for
 * drafts and moments (which have no author: an @author finds posts only).
 */
export const SearchRoomsInput = z.object({
  query: z.string().trim().min(1).max(500),
  /** Per kind and per room. */
  limitPerRoom: z.number().int().min(1).max(20).default(5),
  includeArchived: z.boolean().default(false),
});

const inRoom = { roomId: z.string(), roomName: z.string() };

export const ItemHit = z.object({
  ...inRoom,
  itemId: z.number(),
  text: z.string(),
  author: z.string().nullable(),
  publishedAt: z.number(),
});
export const DraftHit = z.object({
  ...inRoom,
  draftId: z.string(),
  text: z.string(),
  state: DraftState,
  updatedAt: z.number(),
});
export const MomentHit = z.object({
  ...inRoom,
  momentId: z.string(),
  kind: MomentKind,
  text: z.string(),
  detectedAt: z.number(),
});
export type ItemHit = z.infer<typeof ItemHit>;
export type DraftHit = z.infer<typeof DraftHit>;
export type MomentHit = z.infer<typeof MomentHit>;

export const SearchRoomsOutput = z.object({
  items: z.array(ItemHit),
  drafts: z.array(DraftHit),
  moments: z.array(MomentHit),
  /** The words to mark in the hits. */
  terms: z.array(z.string()),
  roomsSearched: z.number(),
});
export type SearchRoomsOutput = z.infer<typeof SearchRoomsOutput>;

export const searchCalls = {
  'search.rooms': call(SearchRoomsInput, SearchRoomsOutput),
};
