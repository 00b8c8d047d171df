import { z } from 'zod';
import { Network } from '../../drafts/networks';
import { call } from './define-call';
import { DraftView } from './drafts';
import { Id, Networks, RoomOnly, Text } from './fields';

export const BankEntry = z.object({
  id: z.string(),
  roomId: z.string(),
  title: z.string(),
  body: z.string(),
  networks: z.array(Network),
  validFrom: z.number(),
  validUntil: z.number(),
  approvedBy: z.string(),
  createdAt: z.number(),
  /** The run-of-show cue this text is ready for: offered when that cue comes due. */
  cueId: z.string().nullable(),
});
export type BankEntry = z.infer<typeof BankEntry>;

export const bankCalls = {
  'bank.list': call(RoomOnly, z.array(BankEntry)),
  'bank.add': call(
    z.object({
      roomId: Id,

      title: Text(200),
      body: Text(20_000),
      networks: Networks,
      validFrom: z.number().int().min(0),
      validUntil: z.number().int().min(0),
      cueId: Id.nullable().default(null),
    }),
    BankEntry,
  ),
  /** Ties a text to a cue of the same room (null unties it). */
  'bank.link': call(z.object({ id: Id, cueId: Id.nullable() }), BankEntry),
  /** What the bank holds, valid now, for the cue a scheduled moment came from. */
  'bank.offers': call(z.object({ momentId: Id }), z.array(BankEntry)),
  'bank.use': call(z.object({ id: Id }), DraftView),
};
