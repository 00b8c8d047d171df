import { z } from 'zod';
import { Member, Role, RoomPolicy } from '../../drafts/team';
import { call } from './define-call';
import { Id, RoomOnly, Text } from './fields';

export const RoomMember = Member.extend({ roomId: z.string(), removedAt: z.number().nullable() });
export type RoomMember = z.infer<typeof RoomMember>;

export const teamCalls = {
  'members.list': call(RoomOnly.extend({ includeRemoved: z.boolean().default(false) }), z.array(RoomMember)),
  /** Anyone may join for now; the new member is the actor of their own audit line. */
  'members.add': call(z.object({ roomId: Id, name: Text(200), role: Role }), RoomMember),
  'members.remove': call(z.object({ roomId: Id, memberId: Id }), RoomMember),
  'policy.get': call(RoomOnly, RoomPolicy),
  'policy.update': call(z.object({ roomId: Id, policy: RoomPolicy }), RoomPolicy),
};

export const teamEvents = {
  'team.changed': z.object({ roomId: z.string() }),
};
