import { z } from 'zod';
import { call } from './define-call';
import { Id } from './fields';

export const AuditEntry = z.object({
  id: z.number(),
  roomId: z.string(),
  draftId: z.string().nullable(),
  type: z.string(),
  /** Who did it, as recorded when it was done (a member, or 'system' for Riposte's own clock). */
  doneBy: z.string(),
  doneByName: z.string(),
  doneByRole: z.string(),
  at: z.number(),
  from: z.string().nullable(),
  to: z.string().nullable(),
  messageKey: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  message: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditListInput = z.object({
  roomId: Id,
  draftId: Id.optional(),
  /** Only the lines of what this member did (a filter on the trail, not the person asking). */
  doneBy: Id.optional(),
  type: z.string().max(64).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});

export const auditCalls = {
  'audit.list': call(AuditListInput, z.array(AuditEntry)),
};
