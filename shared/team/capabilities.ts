import type { Role } from '../drafts/team';

/**
 * What a call needs of the person making it, in a team session. Each call names one
 * (main/core/team/call-permissions.ts); the README's roles table is this map.
 */
export const capabilities = [
  /** Anyone in the room: look at the room, its items, drafts, people. */
  'read',
  /** Review talk on a draft: everyone who takes part in the review. */
  'comment',
  /** Sort what comes in: columns, moments, cues, item flags. */
  'curate',
  /** Take data out of the room: recordings, the playbook file. */
  'export',
  /** Put words out: drafts, the content bank, the playbook; publish what is approved. */
  'write',
  /** Move a draft through review; which step a role may take is the room's policy. */
  'review',
  /** Run the room: team, invites, sessions, sources, policy, checklist, backups, freeze. */
  'manage',
] as const;
export type Capability = (typeof capabilities)[number];

export const rolesWith: Record<Capability, readonly Role[]> = {
  read: ['lead', 'writer', 'approver', 'legal', 'analyst', 'observer'],
  comment: ['lead', 'writer', 'approver', 'legal', 'analyst'],
  curate: ['lead', 'writer', 'analyst'],
  export: ['lead', 'analyst'],
  write: ['lead', 'writer'],
  review: ['lead', 'writer', 'approver', 'legal'],
  manage: ['lead'],
};

export const roleMay = (role: Role, capability: Capability): boolean => rolesWith[capability].includes(role);
