import { z } from 'zod';
import { Item } from '../domain/item';
import { maxQueryLength } from '../query/parse-query';

const Id = z.string().min(1).max(64);

/** The filters a column sets with controls; the time range is the volume panel's business. */
export const ColumnFilters = z
  .object({
    sources: z.array(Id).max(500).optional(),
    languages: z.array(z.string().trim().min(1).max(16)).max(50).optional(),
    alliedOnly: z.boolean().optional(),
    hasMedia: z.boolean().optional(),
    minEngagement: z.number().int().nonnegative().max(1_000_000_000).optional(),
  })
  .strict();
export type ColumnFilters = z.infer<typeof ColumnFilters>;

export const columnNameMaxLength = 80;
const ColumnName = z
  .string()
  .max(columnNameMaxLength)
  .transform((name) => name.trim())
  .refine((name) => name.length > 0, { error: 'Give the column a name.' });
// Tabs and line ends are spaces to the query; other control characters (NUL…) are refused.
const QueryText = z
  .string()
  .max(maxQueryLength)
  .refine((text) => !/[^\P{Cc}\t\n\r]/u.test(text), {
    error: 'errors.faults.controlCharacter',
  });

/**
 * A watch: alert as soon as `minPosts` posts match within `withinMinutes`, whatever the
 * column's usual volume (a watchlist of words the team fears). Null: the column is only
 * watched for spikes against its own baseline.
 */
export const ColumnAlert = z
  .object({
    minPosts: z.number().int().min(1).max(1000),
    withinMinutes: z.number().int().min(1).max(60),
  })
  .strict();
export type ColumnAlert = z.infer<typeof ColumnAlert>;

export const Column = z.object({
  id: z.string(),
  roomId: z.string(),
  position: z.number().int(),
  name: z.string(),
  query: z.string(),
  filters: ColumnFilters,
  alert: ColumnAlert.nullable(),
  paused: z.boolean(),
  /** Items published at or before this time are hidden ("clear"); null when never cleared. */
  clearedThrough: z.number().nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Column = z.infer<typeof Column>;

export const ColumnCreateInput = z.object({
  roomId: Id,
  name: ColumnName,
  query: QueryText.default(''),
  filters: ColumnFilters.default({}),
  alert: ColumnAlert.nullable().default(null),
});
export const ColumnUpdateInput = z.object({
  id: Id,
  name: ColumnName.optional(),
  query: QueryText.optional(),
  filters: ColumnFilters.optional(),
  alert: ColumnAlert.nullable().optional(),
  paused: z.boolean().optional(),
});
export const ColumnIdInput = z.object({ id: Id });
export const ColumnsOfRoomInput = z.object({ roomId: Id });
export const ColumnReorderInput = z.object({ roomId: Id, ids: z.array(Id).min(1).max(200) });

/** Published in [from, to): the volume panel's "this minute" filter. */
export const ItemTimeRange = z
  .object({ from: z.number().int().min(0), to: z.number().int().min(0) })
  .refine((range) => range.to > range.from, { error: 'The end of the range must come after its start.', path: ['to'] });
export type ItemTimeRange = z.infer<typeof ItemTimeRange>;

/** Either a saved column, or a query typed right now (the search box). */
export const ColumnItemsInput = z
  .object({
    roomId: Id,
    columnId: Id.optional(),
    query: QueryText.optional(),
    filters: ColumnFilters.optional(),
    /** Only items published in this range (on top of the column's own filters and clear point). */
    timeRange: ItemTimeRange.optional(),
    limit: z.number().int().min(1).max(500).default(50),
    /** Page on: the items after this one, newest first. */
    beforeId: z.number().int().positive().optional(),
  })
  .refine((input) => input.columnId === undefined || (input.query === undefined && input.filters === undefined), {
    error: 'Give either columnId, or query and filters, not both.',
    path: ['columnId'],
  });

export const ItemState = z.object({
  starred: z.boolean(),
  handled: z.boolean(),
  assignedTo: z.string().nullable(),
  noise: z.boolean(),
});
export type ItemState = z.infer<typeof ItemState>;
export const emptyItemState: ItemState = { starred: false, handled: false, assignedTo: null, noise: false };

export const ColumnItem = Item.extend({ state: ItemState });
export type ColumnItem = z.infer<typeof ColumnItem>;

export const ColumnItemsOutput = z.object({
  items: z.array(ColumnItem),
  /** What the query looks for, for highlighting (not what it excludes). */
  terms: z.array(z.string()),
  /** False when there are no older items to page to. */
  hasMore: z.boolean(),
});
export type ColumnItemsOutput = z.infer<typeof ColumnItemsOutput>;

export const ItemStateInput = z.object({
  itemId: z.number().int().positive(),
  starred: z.boolean().optional(),
  handled: z.boolean().optional(),
  assignedTo: z.string().trim().max(120).nullable().optional(),
  noise: z.boolean().optional(),
});
export const ItemStateChanged = z.object({ roomId: z.string(), itemId: z.number(), state: ItemState });

export const HiddenAuthorInput = z.object({ roomId: Id, authorHandle: z.string().trim().min(1).max(512) });

export const VolumeInput = z
  .object({
    roomId: Id,
    columnId: Id.optional(),
    query: QueryText.optional(),
    /** Default: up to three hours ending at the room's newest item. */
    from: z.number().int().optional(),
    to: z.number().int().optional(),
    /**
     * Count only items stored after this one: an earlier answer's `throughId`, so a live
     * chart asks for what arrived since instead of recounting hours of items.
     */
    afterId: z.number().int().nonnegative().optional(),
    /** Count only items up to this one: the room answer's `throughId`, so columns count the same items. */
    throughId: z.number().int().nonnegative().optional(),
  })
  .refine((input) => input.from === undefined || input.to === undefined || input.to > input.from, {
    error: 'The end of the range must come after its start.',
    path: ['to'],
  })
  .refine((input) => input.afterId === undefined || input.throughId === undefined || input.throughId >= input.afterId, {
    error: 'throughId must not come before afterId.',
    path: ['throughId'],
  });
export const VolumeOutput = z.object({
  from: z.number(),
  to: z.number(),
  minutes: z.array(z.object({ minute: z.number(), count: z.number() })),
  /** The newest item id the counts include (items are numbered in the order they were stored). */
  throughId: z.number(),
});
export type VolumeOutput = z.infer<typeof VolumeOutput>;
