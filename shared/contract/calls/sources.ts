import { z } from 'zod';
import { Item } from '../../domain/item';
import {
  replaySpeeds,
  Source,
  SourceAddInput,
  SourceIdInput,
  SourcesListInput,
  SourceUpdateInput,
} from '../../sources/source';
import { call } from './define-call';

export const ReplayState = z.object({
  sourceId: z.string(),
  status: z.enum(['idle', 'playing', 'paused', 'ended']),
  speed: z.number(),
  positionAt: z.number(),
  startsAt: z.number(),
  endsAt: z.number(),
  progress: z.number(),
  playedCount: z.number(),
  totalCount: z.number(),
});
export type ReplayState = z.infer<typeof ReplayState>;

export const ReplayControlInput = z.discriminatedUnion('action', [
  z.object({ sourceId: z.string().min(1).max(64), action: z.enum(['pause', 'resume', 'restart']) }),
  z.object({
    sourceId: z.string().min(1).max(64),
    action: z.literal('speed'),
    speed: z.union(replaySpeeds.map((speed) => z.literal(speed))),
  }),
]);

export const LatestItemsInput = z.object({
  roomId: z.string().min(1).max(64),
  sourceId: z.string().min(1).max(64).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

/** `path` is on the host's disk: null for a teammate. */
export const ExportRecordingOutput = z.object({ path: z.string().nullable(), items: z.number() });

export const sourceCalls = {
  'sources.list': call(SourcesListInput, z.array(Source)),
  'sources.add': call(SourceAddInput, Source),
  'sources.update': call(SourceUpdateInput, Source),
  'sources.pause': call(SourceIdInput, Source),
  'sources.resume': call(SourceIdInput, Source),
  'sources.pollNow': call(SourceIdInput, Source),
  'sources.remove': call(SourceIdInput, z.object({ id: z.string() })),
  'replay.state': call(SourceIdInput, ReplayState),
  'replay.control': call(ReplayControlInput, ReplayState),
  'items.latest': call(LatestItemsInput, z.array(Item)),
  'rooms.exportRecording': call(z.object({ roomId: z.string().min(1).max(64) }), ExportRecordingOutput),
};

export const sourceEvents = {
  'sources.changed': z.object({ source: Source }),
  'sources.removed': z.object({ id: z.string(), roomId: z.string() }),
  /** Batched: at most a few per second per room, however many items arrived. */
  'items.added': z.object({
    roomId: z.string(),
    count: z.number(),
    newestId: z.number(),
    sourceIds: z.array(z.string()),
  }),
  /** With the source's room, so a teammate's socket gets only their room's replays. */
  'replay.changed': ReplayState.extend({ roomId: z.string() }),
};
