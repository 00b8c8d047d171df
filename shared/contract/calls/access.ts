import { z } from 'zod';
import { Role } from '../../drafts/team';
import { call, NoInput } from './define-call';
import { Id, RoomOnly, Text } from './fields';

/**
 * A new invite, shown once to the lead: the link and the short code are its two secrets
 * (either one redeems it, once, within 24 h); only their hashes are stored.
 */
export const Invite = z.object({
  id: z.string(),
  roomId: z.string(),
  memberId: z.string(),
  name: z.string(),
  role: Role,
  /** Null when the room is not hosted for the team (nothing to link to yet). */
  link: z.string().nullable(),
  code: z.string(),
  /** The link as a QR code (SVG), to read from a phone. */
  qrSvg: z.string().nullable(),
  expiresAt: z.number(),
  /** SHA-256 of the host's certificate: a teammate checks it matches what their browser shows. */
  fingerprint: z.string().nullable(),
});
export type Invite = z.infer<typeof Invite>;

/** An invite as the team list shows it later: no secret. */
export const InviteStatus = z.object({
  id: z.string(),
  memberId: z.string(),
  name: z.string(),
  role: Role,
  createdAt: z.number(),
  expiresAt: z.number(),
  redeemedAt: z.number().nullable(),
});
export type InviteStatus = z.infer<typeof InviteStatus>;

/** One redeemed team session: a person on one device. */
export const Connection = z.object({
  sessionId: z.string(),
  memberId: z.string(),
  name: z.string(),
  role: Role,
  device: z.string(),
  since: z.number(),
  lastSeen: z.number(),
  /** Whether a WebSocket of this session is open right now. */
  online: z.boolean(),
});
export type Connection = z.infer<typeof Connection>;

export const HostingState = z.object({
  /** True when this host serves teammates over HTTPS (`--team` or the desktop app's hosting). */
  team: z.boolean(),
  addresses: z.array(z.string()),
  fingerprint: z.string().nullable(),
});
export type HostingState = z.infer<typeof HostingState>;

/** Who is looking at which draft, and who is typing in its body (a soft lock). */
export const Presence = z.object({
  memberId: z.string(),
  name: z.string(),
  draftId: z.string().nullable(),
  editing: z.boolean(),
  since: z.number(),
});
export type Presence = z.infer<typeof Presence>;

export const accessCalls = {
  'invites.create': call(z.object({ roomId: Id, name: Text(200), role: Role }), Invite),
  /** A fresh invite for someone already in the team (a lost link, a restored room). */
  'invites.reissue': call(z.object({ roomId: Id, memberId: Id }), Invite),
  'invites.list': call(RoomOnly, z.array(InviteStatus)),
  'connections.list': call(RoomOnly, z.array(Connection)),
  'connections.revoke': call(z.object({ roomId: Id, sessionId: Id }), z.object({ revoked: z.number() })),
  /** Every session of one person, at once. */
  'connections.revokePerson': call(z.object({ roomId: Id, memberId: Id }), z.object({ revoked: z.number() })),
  'hosting.get': call(NoInput, HostingState),
  'presence.set': call(
    z.object({ roomId: Id, draftId: Id.nullable(), editing: z.boolean().default(false) }),
    z.array(Presence),
  ),
  'presence.list': call(RoomOnly, z.array(Presence)),
};

export const accessEvents = {
  'presence.changed': z.object({ roomId: z.string(), people: z.array(Presence) }),
  'connections.changed': z.object({ roomId: z.string() }),
};
